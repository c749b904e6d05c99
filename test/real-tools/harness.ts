// Real-tools test harness: decides run / skip / fail from root and the programs present, creates
// network namespaces (veth pairs, a Pod-style /etc/netns/NAME/resolv.conf) and always removes
// them. Skips name what is missing; with KINDLAB_REQUIRE_REAL_TOOLS=1 (CI) a missing piece fails.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, test } from 'vitest';
import { mustSucceed, runProcess, type ProcessResult } from '../../src/cluster/process.js';

export const REQUIRED = process.env.KINDLAB_REQUIRE_REAL_TOOLS === '1';

function onPath(program: string): boolean {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin', '/bin'];
  return dirs.some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** What is missing to run real-tools tests needing these programs (empty when all is there). */
export function missingFor(programs: string[]): string[] {
  const missing: string[] = [];
  if (process.platform !== 'linux') missing.push('Linux');
  else if (process.getuid?.() !== 0) missing.push('root (network namespaces need it)');
  for (const p of programs) if (!onPath(p)) missing.push(p);
  return missing;
}

/** Debian's packages for every program the real-tools tests run (dnsmasq serves their DNS). */
export const INSTALL_COMMAND = 'apt-get install bind9-dnsutils dnsmasq-base curl iptables iproute2 tcpdump';

/** What is missing, and what to run to get it. */
export function skipReason(missing: string[]): string {
  const programs = missing.filter((m) => m !== 'Linux' && !m.startsWith('root'));
  const fix = programs.length
    ? `install with: ${INSTALL_COMMAND}`
    : missing.includes('Linux')
      ? 'run them on Linux'
      : 'run the tests as root (sudo npx vitest run test/real-tools)';
  return `needs ${missing.join(', ')} — ${fix}`;
}

/**
 * describe() when everything is present; otherwise one skipped test whose name says what is
 * missing, or, with KINDLAB_REQUIRE_REAL_TOOLS=1, one failing test saying the same.
 */
export function describeRealTools(name: string, programs: string[], body: () => void): void {
  const missing = missingFor(programs);
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  const reason = skipReason(missing);
  describe(name, () => {
    if (REQUIRED) {
      test(`real tools are present (${reason})`, () => {
        throw new Error(`KINDLAB_REQUIRE_REAL_TOOLS=1 but this machine lacks: ${missing.join(', ')}`);
      });
    } else {
      console.warn(`[real-tools] skipped "${name}": ${reason}`);
      test.skip(`skipped: ${reason}`, () => {});
    }
  });
}

/** Short unique names: interface names are limited to 15 characters. */
export function uniqueName(tag: string): string {
  return `kl${(process.pid % 100000).toString(36)}${tag}`.slice(0, 12);
}

export const run = (argv: string[], timeoutMs = 10_000): Promise<ProcessResult> => runProcess(argv, { timeoutMs });
export const must = async (argv: string[], timeoutMs = 10_000) => mustSucceed(await run(argv, timeoutMs), argv.join(' '));

/** A network namespace created by a test; `remove()` deletes it with everything started in it. */
export class Netns {
  private daemons: ChildProcess[] = [];
  constructor(readonly name: string) {}

  exec(argv: string[], timeoutMs = 10_000): Promise<ProcessResult> {
    return run(['ip', 'netns', 'exec', this.name, ...argv], timeoutMs);
  }

  must(argv: string[], timeoutMs = 10_000): Promise<ProcessResult> {
    return must(['ip', 'netns', 'exec', this.name, ...argv], timeoutMs);
  }

  /**
   * Starts a long-running program in the namespace (dnsmasq, an HTTP server, tcpdump). runProcess
   * waits for exit, so daemons are spawned here; each is killed by its pid in remove().
   * Resolves once `readyText` appears on stdout/stderr, or after `settleMs`.
   */
  async start(argv: string[], opts: { readyText?: string; settleMs?: number; deadlineMs?: number } = {}): Promise<Daemon> {
    const child = spawn('ip', ['netns', 'exec', this.name, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.daemons.push(child);
    const daemon = new Daemon(child);
    const deadline = opts.deadlineMs ?? 5_000;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          if (opts.readyText) reject(new Error(`${argv.join(' ')} did not print "${opts.readyText}" within ${deadline} ms: ${daemon.output()}`));
          else resolve();
        },
        opts.readyText ? deadline : (opts.settleMs ?? 300),
      );
      const check = () => {
        if (opts.readyText && daemon.output().includes(opts.readyText)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', check);
      child.stderr?.on('data', check);
      child.on('exit', (code) => {
        if (opts.readyText && !daemon.output().includes(opts.readyText)) {
          clearTimeout(timer);
          reject(new Error(`${argv.join(' ')} exited (${code}) before it was ready: ${daemon.output()}`));
        }
      });
    });
    return daemon;
  }

  async remove(): Promise<void> {
    for (const d of this.daemons) if (d.exitCode === null && d.pid) d.kill('SIGKILL');
    await run(['ip', 'netns', 'del', this.name]);
    rmSync(`/etc/netns/${this.name}`, { recursive: true, force: true });
  }
}

export class Daemon {
  stdout = '';
  stderr = '';
  private exited: Promise<number | null>;
  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (d: Buffer) => (this.stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }
  output(): string {
    return this.stdout + this.stderr;
  }
  /** Waits for the program to end by itself, up to a deadline, then kills it. */
  async finished(deadlineMs: number): Promise<{ stdout: string; stderr: string; killed: boolean }> {
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      this.child.kill('SIGINT');
    }, deadlineMs);
    await this.exited;
    clearTimeout(timer);
    return { stdout: this.stdout, stderr: this.stderr, killed };
  }
}

/** Two namespaces joined by a veth pair on one /24: `a` gets .2, `b` gets .10 (a Pod and a server). */
export async function netnsPair(tag: string, subnet = '10.96.0'): Promise<{ a: Netns; b: Netns; vethA: string; vethB: string }> {
  const base = uniqueName(tag);
  const a = new Netns(`${base}a`);
  const b = new Netns(`${base}b`);
  const vethA = `${base}va`;
  const vethB = `${base}vb`;
  try {
    await setUpPair(a, b, vethA, vethB, subnet);
  } catch (error) {
    await a.remove();
    await b.remove();
    throw error;
  }
  return { a, b, vethA, vethB };
}

async function setUpPair(a: Netns, b: Netns, vethA: string, vethB: string, subnet: string): Promise<void> {
  await must(['ip', 'netns', 'add', a.name]);
  await must(['ip', 'netns', 'add', b.name]);
  await must(['ip', 'link', 'add', vethA, 'type', 'veth', 'peer', 'name', vethB]);
  await must(['ip', 'link', 'set', vethA, 'netns', a.name]);
  await must(['ip', 'link', 'set', vethB, 'netns', b.name]);
  await must(['ip', '-n', a.name, 'addr', 'add', `${subnet}.2/24`, 'dev', vethA]);
  await must(['ip', '-n', b.name, 'addr', 'add', `${subnet}.10/24`, 'dev', vethB]);
  for (const [ns, dev] of [
    [a, vethA],
    [b, vethB],
  ] as const) {
    await must(['ip', '-n', ns.name, 'link', 'set', dev, 'up']);
    await must(['ip', '-n', ns.name, 'link', 'set', 'lo', 'up']);
    // IPv6 link-local chatter (router/neighbour solicitations) would only add noise to captures
    await ns.exec(['sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1']);
  }
}

/** `ip netns exec` bind-mounts /etc/netns/NAME/resolv.conf over /etc/resolv.conf, as kubelet's file is in a Pod. */
/**
 * dnsmasq as the tests' stand-in for CoreDNS: in the foreground, no host files or upstream, bound
 * only to `listen` on port 53, logging to stderr; `records` are its further options (host records,
 * `--address=/#/` for NXDOMAIN, a server that answers SERVFAIL…).
 */
export function dnsmasqArgv(listen: readonly string[], records: readonly string[]): string[] {
  return [
    'dnsmasq',
    '--no-daemon',
    '--no-resolv',
    '--no-hosts',
    '--log-facility=-',
    '--pid-file=',
    '--bind-interfaces',
    ...listen.map((ip) => `--listen-address=${ip}`),
    '--port=53',
    ...records,
  ];
}

export function writeResolvConf(ns: Netns, content: string): void {
  mkdirSync(`/etc/netns/${ns.name}`, { recursive: true });
  writeFileSync(`/etc/netns/${ns.name}/resolv.conf`, content);
}

/** Output as a terminal shows it. */
export const shown = (r: ProcessResult) => `${r.stdout}${r.stdout && !r.stdout.endsWith('\n') && r.stderr ? '\n' : ''}${r.stderr}`;

/** The Sample the engine would build from one run. */
export const sampleOf = (r: ProcessResult) => ({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, timedOut: r.timedOut });
