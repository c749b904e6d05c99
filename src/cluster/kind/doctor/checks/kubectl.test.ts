import { describe, expect, it } from 'vitest';
import { oneLine, readyMachine } from '../../../../../test/fakes/doctor-facts.js';
import { kubectlCheck } from './kubectl.js';

const judge = (change: Parameters<typeof readyMachine>[0]) => oneLine(kubectlCheck.judge(readyMachine(change), { profile: 'kindnet' }));

describe('doctor check: kubectl', () => {
  it('kubectl v1.32.0 and newer pass', () => {
    expect(judge({})).toMatchObject({ id: 'kubectl', ok: true, severity: 'error', observed: 'kubectl v1.33.4' });
    expect(judge({ kubectl: { found: true, version: 'v1.32.0' } }).ok).toBe(true);
  });
  it('v1.9.0 is older than v1.32.0 (numbers, not strings) and fails with the pinned download', () => {
    const check = judge({ kubectl: { found: true, version: 'v1.9.0' }, arch: 'arm64' });
    expect(check).toMatchObject({ ok: false, expected: 'kubectl >= v1.32.0' });
    const download = 'curl -LO https://dl.k8s.io/release/v1.33.4/bin/linux/arm64/kubectl';
    expect(check.fix.linux[1]).toBe(`${download} && sudo install -m 0755 kubectl /usr/local/bin/kubectl`);
  });
  it('a missing kubectl is "command not found" in the learner\'s language', () => {
    expect(judge({ kubectl: { found: false } }).observed).toEqual({ ja: 'kubectl が見つかりません (PATH にありません)', en: 'kubectl: command not found' });
  });
  it('doctor --fix installs kubectl for it', () => {
    expect(kubectlCheck.installs).toBe('kubectl');
  });
});
