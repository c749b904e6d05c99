import { describe, expect, it } from 'vitest';
import { oneLine, readyMachine } from '../../../../../test/fakes/doctor-facts.js';
import { inotifyWatchesCheck } from './inotify-watches.js';

const judge = (maxUserWatches: number | null) =>
  inotifyWatchesCheck.judge(readyMachine({ inotify: { maxUserWatches, maxUserInstances: 512 } }), { profile: 'kindnet' });

describe('doctor check: inotify-watches', () => {
  it("kind's recommended 524288 passes", () => {
    expect(oneLine(judge(524288))).toMatchObject({ id: 'inotify-watches', ok: true, observed: '524288' });
  });
  it("Ubuntu's stock 8192 warns (does not stop `up`) with the sysctl to raise it now and after reboot", () => {
    const check = oneLine(judge(8192));
    expect(check).toMatchObject({ ok: false, severity: 'warning', observed: '8192', expected: 'fs.inotify.max_user_watches >= 524288' });
    expect(check.fix.linux[0]).toBe('sudo sysctl fs.inotify.max_user_watches=524288');
    expect(check.fix.linux[1]).toContain('/etc/sysctl.d/99-kindlab.conf');
  });
  it('an unreadable limit is not known', () => {
    expect(oneLine(judge(null))).toMatchObject({ ok: false, unknown: true, observed: { ja: '読めません', en: 'unreadable' } });
  });
  it('says nothing off Linux (no inotify facts)', () => {
    expect(inotifyWatchesCheck.judge(readyMachine({ platform: 'darwin', inotify: null }), { profile: 'kindnet' })).toBeNull();
  });
});
