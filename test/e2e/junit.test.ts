// The JUnit reader the e2e suite uses to report per-lesson results.
import { describe, expect, test } from 'vitest';

import { junitCases } from './junit.js';

describe('JUnit report reading', () => {
  test('passed, failed, errored and skipped test cases are told apart, with messages decoded', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites><testsuite name="kindlab calico-vxlan" tests="4" failures="1">
  <testcase classname="03-service-clusterip" name="resolve" time="2.1"/>
  <testcase classname="03-service-clusterip" name="fix-selector (challenge)" time="9.0"><failure message="expected 5 item(s), observed 0 &amp; &lt;none&gt;">details</failure></testcase>
  <testcase classname="09-pod-to-pod-paths" name="on-the-wire"><error message="timed out"/></testcase>
  <testcase classname="01-pod-network" name="node-ips"><skipped/></testcase>
</testsuite></testsuites>`;
    expect(junitCases(xml)).toEqual([
      { name: '03-service-clusterip resolve', skipped: false },
      { name: '03-service-clusterip fix-selector (challenge)', failure: 'expected 5 item(s), observed 0 & <none>', skipped: false },
      { name: '09-pod-to-pod-paths on-the-wire', failure: 'timed out', skipped: false },
      { name: '01-pod-network node-ips', skipped: true },
    ]);
  });
});

describe('what kindlab test --junit writes', () => {
  test('reads back one case per lesson, with the failing step and reason', async () => {
    const { junitXml } = await import('../../src/ui/junit.js');
    const xml = junitXml([
      { lesson: '03-service-clusterip', profile: 'kindnet', status: 'passed', durationMs: 41_000 },
      {
        lesson: '05-kube-proxy-iptables',
        profile: 'kindnet',
        status: 'broken',
        durationMs: 9_000,
        failure: {
          step: 'scale-down',
          reason: 'the challenge check passes before the solution is applied',
          text: { ja: '解答を適用する前に課題のチェックが通る', en: 'the challenge check passes before the solution is applied' },
          diagnostics: [],
          diagnosticsText: [],
        },
      },
    ]);
    expect(junitCases(xml)).toEqual([
      { name: 'kindlab.kindnet 03-service-clusterip', skipped: false },
      { name: 'kindlab.kindnet 05-kube-proxy-iptables', failure: 'scale-down: the challenge check passes before the solution is applied', skipped: false },
    ]);
  });
});
