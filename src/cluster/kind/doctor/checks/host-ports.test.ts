import { describe, expect, it } from 'vitest';
import { readyMachine } from '../../../../../test/fakes/doctor-facts.js';
import { hostPortsCheck } from './host-ports.js';

describe('doctor check: host-ports', () => {
  it('one line per mapped port, in order: free passes, in use stops `up` with how to find the listener', () => {
    const ports = [
      { port: 80, address: '127.0.0.1', free: true },
      { port: 443, address: '0.0.0.0', free: false, error: 'in use' },
    ];
    const lines = [hostPortsCheck.judge(readyMachine({ ports }), { profile: 'kindnet' }) ?? []].flat();
    expect(lines.map((c) => [c.id, c.ok, c.severity])).toEqual([
      ['port-80', true, 'error'],
      ['port-443', false, 'error'],
    ]);
    const busy = lines[1]!;
    expect(busy).toMatchObject({ observed: { ja: '使用中', en: 'in use' }, expected: { en: 'nothing listening on 0.0.0.0:443' } });
    expect(busy.fix.linux[0]).toBe("sudo ss -ltnp 'sport = :443'");
    expect(busy.fix.macos[0]).toBe('lsof -nP -iTCP:443 -sTCP:LISTEN');
  });
  it('another socket error is shown as the system named it', () => {
    const lines = hostPortsCheck.judge(readyMachine({ ports: [{ port: 80, address: '::1', free: false, error: 'EADDRNOTAVAIL' }] }), { profile: 'kindnet' });
    expect(lines).toMatchObject([{ ok: false, observed: 'EADDRNOTAVAIL' }]);
  });
  it('no mapped ports, no lines', () => {
    expect(hostPortsCheck.judge(readyMachine({ ports: [] }), { profile: 'kindnet' })).toEqual([]);
  });
});
