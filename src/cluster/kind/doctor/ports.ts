// Whether a host port is free: doctor tries to listen on it itself.
import { createServer } from 'node:net';

/** Free when we can listen on it ourselves (then we close at once). */
export function probePort(port: number, address: string): Promise<{ free: boolean; error?: string }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve({ free: false, error: err.code === 'EADDRINUSE' ? 'in use' : `${err.code ?? err.message}` }));
    server.listen({ port, host: address, exclusive: true }, () => server.close(() => resolve({ free: true })));
  });
}
