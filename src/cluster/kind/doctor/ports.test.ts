import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { probePort } from './ports.js';

describe('doctor facts: is a host port free', () => {
  it('a port something listens on is in use; once it closes, the port is free', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    expect(await probePort(port, '127.0.0.1')).toEqual({ free: false, error: 'in use' });
    await new Promise<void>((r) => server.close(() => r()));
    expect(await probePort(port, '127.0.0.1')).toEqual({ free: true });
  });

  it('an address this machine does not have is not free, named by the system error', async () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never assigned to a real interface.
    expect(await probePort(0, '192.0.2.1')).toEqual({ free: false, error: 'EADDRNOTAVAIL' });
  });
});
