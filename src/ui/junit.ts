// JUnit XML for `kindlab test --junit FILE`: one suite per profile, one case per lesson; a failure's type is
// the lesson's status (failed, broken, or bypassable when a wrong fix passes a challenge's check).
import type { SelfTestResult } from '../engine/self-test.js';

const escape = (text: string) =>
  text
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function junitXml(results: SelfTestResult[]): string {
  const byProfile = new Map<string, SelfTestResult[]>();
  for (const r of results) byProfile.set(r.profile, [...(byProfile.get(r.profile) ?? []), r]);
  const suites = [...byProfile].map(([profile, cases]) => {
    const failures = cases.filter((c) => c.status !== 'passed').length;
    const time = cases.reduce((t, c) => t + c.durationMs, 0) / 1000;
    const body = cases
      .map((c) => {
        const open = `    <testcase classname="kindlab.${escape(profile)}" name="${escape(c.lesson)}" time="${(c.durationMs / 1000).toFixed(1)}"`;
        if (!c.failure) return `${open}/>`;
        const detail = [`step: ${c.failure.step}`, c.failure.reason, ...c.failure.diagnostics].join('\n');
        return `${open}>\n      <failure type="${c.status}" message="${escape(`${c.failure.step}: ${c.failure.reason}`)}">${escape(detail)}</failure>\n    </testcase>`;
      })
      .join('\n');
    return `  <testsuite name="kindlab ${escape(profile)}" tests="${cases.length}" failures="${failures}" time="${time.toFixed(1)}">\n${body}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join('\n')}\n</testsuites>\n`;
}
