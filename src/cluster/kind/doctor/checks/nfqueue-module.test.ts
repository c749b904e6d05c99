import { describe, expect, it } from 'vitest';
import { oneLine, readyMachine } from '../../../../../test/fakes/doctor-facts.js';
import { nfqueueModuleCheck } from './nfqueue-module.js';

const judge = (available: boolean | null, profile: 'calico-ipip' | 'calico-vxlan' | 'kindnet' = 'kindnet') =>
  nfqueueModuleCheck.judge(readyMachine({ nfqueue: { available, evidence: 'x' } }), { profile });

describe('doctor check: nfqueue-module', () => {
  it('on kindnet, nfnetlink_queue in the kernel passes', () => {
    expect(oneLine(judge(true))).toMatchObject({ id: 'nfqueue-module', ok: true, severity: 'warning' });
  });
  it('without it, warns that NetworkPolicy fails open and names modprobe and a Calico profile', () => {
    const check = oneLine(judge(false));
    expect(check).toMatchObject({ ok: false, severity: 'warning' });
    expect(JSON.stringify(check.expected)).toContain('fail open');
    expect(check.fix.linux[0]).toBe('sudo modprobe nfnetlink_queue');
    expect(check.fix.linux).toContain('kindlab up --profile calico-vxlan');
    expect(check.fix.macos).toContain('kindlab up --profile calico-vxlan');
  });
  it('cannot tell: not known', () => {
    expect(oneLine(judge(null))).toMatchObject({ unknown: true });
  });
  it('Calico enforces policy itself: no line on Calico profiles', () => {
    expect(judge(false, 'calico-vxlan')).toBeNull();
    expect(judge(false, 'calico-ipip')).toBeNull();
  });
});
