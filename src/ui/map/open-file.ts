// Opens a file in the desktop's browser for `kindlab map --open`: xdg-open on Linux, open on macOS,
// start on Windows. argv only; the opener is not waited for (it may keep running with the browser).
import { spawn } from 'node:child_process';

export function openerArgv(file: string, platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'darwin') return ['open', file];
  if (platform === 'win32') return ['cmd', '/c', 'start', '""', file];
  return ['xdg-open', file];
}

/** Resolves once the opener started (or failed to); never waits for the browser. */
export function openInBrowser(file: string, env: NodeJS.ProcessEnv = process.env): Promise<{ ok: true } | { ok: false; reason: string }> {
  const [command, ...args] = openerArgv(file);
  return new Promise((resolve) => {
    const child = spawn(command!, args, { detached: true, stdio: 'ignore', env });
    child.once('error', (error) => resolve({ ok: false, reason: (error as NodeJS.ErrnoException).code ?? error.message }));
    child.once('spawn', () => {
      child.unref();
      resolve({ ok: true });
    });
  });
}
