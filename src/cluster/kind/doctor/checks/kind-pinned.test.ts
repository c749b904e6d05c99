import { describe, expect, it } from 'vitest';
import { oneLine, readyMachine } from '../../../../../test/fakes/doctor-facts.js';
import { kindPinnedCheck } from './kind-pinned.js';

const judge = (change: Parameters<typeof readyMachine>[0]) => kindPinnedCheck.judge(readyMachine(change), { profile: 'kindnet' });

describe('doctor check: kind-pinned', () => {
  it('the pinned kind v0.30.0 passes', () => {
    expect(oneLine(judge({}))).toMatchObject({ id: 'kind-pinned', ok: true, severity: 'warning', observed: 'kind v0.30.0' });
  });
  it('another working kind warns, says the node image stays pinned and what was reviewed, and offers doctor --fix', () => {
    const check = oneLine(judge({ kind: { found: true, version: 'v0.32.0' } }));
    expect(check).toMatchObject({ ok: false, severity: 'warning' });
    const said = JSON.stringify(check.observed);
    for (const fact of ['v0.32.0', 'kindest/node:v1.33.4', 'docs/versions.md']) expect(said).toContain(fact);
    expect(check.fix.linux[0]).toBe('kindlab doctor --fix');
    expect(check.fix.linux[2]).toContain('kind-linux-amd64');
  });
  it('says nothing when kind is missing or too old: the kind check reports that', () => {
    expect(judge({ kind: { found: false } })).toBeNull();
    expect(judge({ kind: { found: true, version: 'v0.20.0' } })).toBeNull();
  });
  it('doctor --fix installs the pinned kind for it', () => {
    expect(kindPinnedCheck.installs).toBe('kind');
  });
});
