import { describe, expect, it } from 'vitest';
import { GiB, oneLine, readyMachine } from '../../../../../test/fakes/doctor-facts.js';
import { hostMemoryCheck } from './host-memory.js';

const judge = (availableBytes: number | null) =>
  oneLine(hostMemoryCheck.judge(readyMachine({ hostMemory: { totalBytes: 16 * GiB, availableBytes } }), { profile: 'kindnet' }));

describe('doctor check: host-memory', () => {
  it('2 GiB available passes and shows available of total in both languages', () => {
    expect(judge(2 * GiB)).toMatchObject({
      id: 'host-memory',
      ok: true,
      observed: { ja: '空き 2.0 GiB (全体 16.0 GiB)', en: '2.0 GiB available of 16.0 GiB' },
    });
  });
  it('less only warns', () => {
    expect(judge(1 * GiB)).toMatchObject({ ok: false, severity: 'warning' });
  });
  it('unreadable /proc/meminfo is not known, not a pass', () => {
    expect(judge(null)).toMatchObject({ ok: false, unknown: true, observed: { en: 'not known (/proc/meminfo unreadable)' } });
  });
});
