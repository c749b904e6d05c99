import { describe, expect, it } from 'vitest';
import { oneLine, readyMachine } from '../../../../../test/fakes/doctor-facts.js';
import { calicoManifestCheck } from './calico-manifest.js';

const judge = (calicoPinned?: { pinned: boolean; version: string }) =>
  calicoManifestCheck.judge(readyMachine(calicoPinned ? { calicoPinned } : {}), { profile: 'calico-vxlan' });

describe('doctor check: calico-manifest', () => {
  it('a manifest pinned by sha256 passes and names its version', () => {
    expect(oneLine(judge({ pinned: true, version: 'v3.31.3' }))).toMatchObject({
      id: 'calico-manifest',
      ok: true,
      title: { en: 'The Calico v3.31.3 manifest is pinned by sha256' },
      observed: { ja: '固定済み', en: 'pinned' },
    });
  });
  it('an unpinned manifest stops `up` and offers the kindnet profile', () => {
    const check = oneLine(judge({ pinned: false, version: 'v3.31.3' }));
    expect(check).toMatchObject({ ok: false, severity: 'error', observed: { en: 'not recorded yet' } });
    expect(check.fix.linux).toContain('kindlab up --profile kindnet');
  });
  it('no line when the pin was not gathered (a kindnet profile)', () => {
    expect(judge()).toBeNull();
  });
});
