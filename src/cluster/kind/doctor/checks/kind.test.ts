import { describe, expect, it } from 'vitest';
import { oneLine, readyMachine } from '../../../../../test/fakes/doctor-facts.js';
import { kindCheck } from './kind.js';

const judge = (change: Parameters<typeof readyMachine>[0]) => oneLine(kindCheck.judge(readyMachine(change), { profile: 'kindnet' }));

describe('doctor check: kind', () => {
  it('kind v0.30.0 passes; v0.100.0 is newer, compared as numbers', () => {
    expect(judge({})).toMatchObject({ id: 'kind', ok: true, severity: 'error', observed: 'kind v0.30.0', expected: 'kind >= v0.30.0' });
    expect(judge({ kind: { found: true, version: 'v0.100.0' } }).ok).toBe(true);
  });
  it('an old kind fails with its version and the pinned download for this CPU', () => {
    const check = judge({ kind: { found: true, version: 'v0.20.0' }, arch: 'arm64' });
    expect(check).toMatchObject({ ok: false, observed: 'kind v0.20.0' });
    expect(check.fix.linux).toEqual([
      'kindlab doctor --fix',
      'curl -Lo ./kind https://github.com/kubernetes-sigs/kind/releases/download/v0.30.0/kind-linux-arm64' +
        ' && chmod +x ./kind && sudo mv ./kind /usr/local/bin/kind',
    ]);
    expect(check.fix.macos).toEqual(['kindlab doctor --fix', 'brew install kind']);
  });
  it('a missing kind is "command not found" in the learner\'s language; another error is the tool\'s own', () => {
    const missing = judge({ kind: { found: false, error: 'kind: command not found' } });
    expect(missing.observed).toEqual({ ja: 'kind が見つかりません (PATH にありません)', en: 'kind: command not found' });
    expect(judge({ kind: { found: false, error: 'permission denied' } }).observed).toBe('permission denied');
  });
  it('a kind whose version cannot be read fails', () => {
    expect(judge({ kind: { found: true } })).toMatchObject({ ok: false, observed: { ja: 'kind (バージョンを読めません)', en: 'kind (version unreadable)' } });
  });
  it('doctor --fix installs kind for it', () => {
    expect(kindCheck.installs).toBe('kind');
  });
});
