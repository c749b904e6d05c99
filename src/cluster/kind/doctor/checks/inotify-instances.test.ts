import { describe, expect, it } from 'vitest';
import { oneLine, readyMachine } from '../../../../../test/fakes/doctor-facts.js';
import { inotifyInstancesCheck } from './inotify-instances.js';

const judge = (maxUserInstances: number | null) =>
  inotifyInstancesCheck.judge(readyMachine({ inotify: { maxUserWatches: 524288, maxUserInstances } }), { profile: 'kindnet' });

describe('doctor check: inotify-instances', () => {
  it("kind's recommended 512 passes", () => {
    expect(oneLine(judge(512))).toMatchObject({ id: 'inotify-instances', ok: true, observed: '512' });
  });
  it("every stock Linux's 128 warns (does not stop `up`) with the sysctl to raise it", () => {
    const check = oneLine(judge(128));
    expect(check).toMatchObject({ ok: false, severity: 'warning', expected: 'fs.inotify.max_user_instances >= 512' });
    expect(check.fix.linux[0]).toBe('sudo sysctl fs.inotify.max_user_instances=512');
  });
  it('an unreadable limit is not known', () => {
    expect(oneLine(judge(null))).toMatchObject({ unknown: true });
  });
  it('says nothing off Linux', () => {
    expect(inotifyInstancesCheck.judge(readyMachine({ platform: 'darwin', inotify: null }), { profile: 'kindnet' })).toBeNull();
  });
});
