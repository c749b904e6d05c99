import { describe, expect, it } from 'vitest';
import { GiB, oneLine, readyMachine } from '../../../../../test/fakes/doctor-facts.js';
import { dockerMemoryCheck } from './docker-memory.js';

const judge = (docker: Parameters<typeof readyMachine>[0]) => oneLine(dockerMemoryCheck.judge(readyMachine(docker), { profile: 'kindnet' }));

describe('doctor check: docker-memory', () => {
  it('4 GiB for Docker is enough; 2 GiB stops `up`', () => {
    expect(judge({ docker: { reachable: true, memTotalBytes: 4 * GiB } })).toMatchObject({
      id: 'docker-memory',
      ok: true,
      observed: '4.0 GiB',
      expected: '>= 4.0 GiB',
    });
    expect(judge({ docker: { reachable: true, memTotalBytes: 2 * GiB } })).toMatchObject({ ok: false, severity: 'error', observed: '2.0 GiB' });
  });
  it('while Docker does not answer, memory is not known (never a pass) and says why', () => {
    const check = judge({ docker: { reachable: false } });
    expect(check).toMatchObject({
      ok: false,
      unknown: true,
      observed: { ja: '確かめられません (Docker に接続できません)', en: 'cannot be checked (Docker not reachable)' },
    });
  });
  it('a daemon that gave no memory size is not known either', () => {
    expect(judge({ docker: { reachable: true, serverVersion: '28.3.3' } })).toMatchObject({
      unknown: true,
      observed: { en: 'not known (docker info gave no memory size)' },
    });
  });
  it("on macOS the fix is Docker Desktop's memory setting", () => {
    expect(JSON.stringify(judge({ docker: { reachable: true, memTotalBytes: GiB } }).fix.macos)).toContain('Settings → Resources → Memory');
  });
});
