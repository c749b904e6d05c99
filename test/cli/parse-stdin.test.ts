// `kindlab parse FORMAT -` reading standard input, run as a learner runs it: the built CLI
// (dist/, built by `npm test` first) as a real process. A stdin left open must not hold the
// command past SIGTERM or Ctrl-C, and a terminal with nothing piped is told what is awaited.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const main = path.resolve('dist/src/cli/main.js');
beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first (npm test does)`);
});

function start(argv: string[], opts: { tty?: boolean } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'en_US.UTF-8', KINDLAB_HOME: path.join(os.tmpdir(), 'kindlab-parse-stdin-home') };
  delete env.CI;
  // script(1) gives the command a real terminal (a pty) as stdin, as an attendee's shell would.
  const child = opts.tty
    ? spawn('script', ['-qfec', [process.execPath, main, ...argv].map((a) => `'${a}'`).join(' '), '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    : spawn(process.execPath, [main, ...argv], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) => {
    const t = Date.now();
    child.on('exit', (code, signal) => resolve({ code, signal, ms: Date.now() - t }));
  });
  const waitFor = async (text: string, ms: number) => {
    const end = Date.now() + ms;
    while (!out.includes(text) && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
    return out.includes(text);
  };
  return { child, exited, output: () => out, waitFor };
}

const within = <T>(ms: number, p: Promise<T>) => Promise.race([p, new Promise<'hung'>((r) => setTimeout(() => r('hung'), ms))]);

describe('kindlab parse reading standard input', () => {
  it('SIGTERM while stdin is left open ends it at once with exit 130 and says so', async () => {
    const run = start(['parse', 'nslookup', '-']);
    await new Promise((r) => setTimeout(r, 1500)); // started and reading
    run.child.kill('SIGTERM');
    const result = await within(3000, run.exited);
    if (result === 'hung') run.child.kill('SIGKILL');
    expect(result).not.toBe('hung');
    expect((result as { code: number }).code).toBe(130);
    expect(run.output()).toContain('Interrupted while reading standard input; nothing was parsed.');
    expect(run.output()).not.toContain('{');
  }, 15_000);

  it('piped input is still read to its end and parsed', async () => {
    const run = start(['parse', 'resolv', '-']);
    run.child.stdin.end('nameserver 10.96.0.10\nsearch lab-03.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n');
    const result = await within(10_000, run.exited);
    expect(result).toMatchObject({ code: 0 });
    expect(run.output()).toContain('10.96.0.10');
  }, 15_000);

  it('on a terminal with nothing piped it says it waits for piped input, and Ctrl-C ends it with 130', async () => {
    const run = start(['parse', 'nslookup', '-'], { tty: true });
    expect(await run.waitFor('Waiting for nslookup output on standard input', 5000)).toBe(true);
    run.child.stdin.write('\x03'); // Ctrl-C typed on the terminal
    const result = await within(4000, run.exited);
    if (result === 'hung') run.child.kill('SIGKILL');
    expect(result).not.toBe('hung');
    expect((result as { code: number }).code).toBe(130);
  }, 15_000);
});
