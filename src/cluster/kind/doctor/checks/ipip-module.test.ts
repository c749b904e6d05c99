import { describe, expect, it } from 'vitest';
import { oneLine, readyMachine } from '../../../../../test/fakes/doctor-facts.js';
import { ipipModuleCheck } from './ipip-module.js';

const judge = (loaded: boolean | null, profile: 'calico-ipip' | 'calico-vxlan' | 'kindnet' = 'calico-ipip') =>
  ipipModuleCheck.judge(readyMachine({ ipip: { loaded, evidence: 'what was looked at' } }), { profile });

describe('doctor check: ipip-module', () => {
  it('on the IPIP profile, a loaded ipip passes and shows where it was found', () => {
    expect(oneLine(judge(true))).toMatchObject({ id: 'ipip-module', ok: true, observed: 'what was looked at' });
  });
  it('a missing ipip only warns (calico-node may load it) and says modprobe', () => {
    const check = oneLine(judge(false));
    expect(check).toMatchObject({ ok: false, severity: 'warning' });
    expect(check.fix.linux[0]).toBe('sudo modprobe ipip');
    expect(check.fix.macos[0]).toBe('kindlab up --profile calico-vxlan');
  });
  it('a kernel that cannot be looked at (macOS) is not known', () => {
    expect(oneLine(judge(null))).toMatchObject({ unknown: true });
  });
  it('other profiles need no ipip: no line', () => {
    expect(judge(false, 'calico-vxlan')).toBeNull();
    expect(judge(false, 'kindnet')).toBeNull();
  });
});
