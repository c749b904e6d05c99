import { describe, expect, it } from 'vitest';
import { oneLine, readyMachine } from '../../../../../test/fakes/doctor-facts.js';
import { dockerCheck } from './docker.js';

const judge = (docker: Parameters<typeof readyMachine>[0]) => oneLine(dockerCheck.judge(readyMachine(docker), { profile: 'kindnet' }));

describe('doctor check: docker', () => {
  it('a daemon that answers passes and shows its version', () => {
    expect(judge({})).toMatchObject({ id: 'docker', ok: true, severity: 'error', observed: 'Docker 28.3.3' });
  });
  it('a daemon that does not answer stops `up` with what docker said and how to start it', () => {
    const check = judge({ docker: { reachable: false, error: 'Cannot connect to the Docker daemon' } });
    expect(check).toMatchObject({ ok: false, severity: 'error', observed: 'Cannot connect to the Docker daemon' });
    expect(check.unknown).toBeUndefined();
    expect(check.fix.linux[0]).toBe('sudo systemctl start docker');
    expect(check.fix.macos[0]).toBe('open -a Docker');
  });
  it('with nothing said, observed is "no answer" in both languages', () => {
    expect(judge({ docker: { reachable: false } }).observed).toEqual({ ja: '応答なし', en: 'no answer' });
  });
});
