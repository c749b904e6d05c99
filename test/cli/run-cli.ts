// Runs kindlab's main() in-process with a fake cluster, captured output and a temporary home.
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import { ClusterUnreachable, type Cluster } from '../../src/cluster/port.js';
import { unattendedPrompts, type Prompts } from '../../src/ui/prompts.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function tempHome(): Promise<{ home: string; cleanup: () => Promise<void> }> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'kindlab-cli-'));
  return { home, cleanup: () => rm(home, { recursive: true, force: true }) };
}

export const fixtureLabs = path.resolve('test/fixtures/labs');
/** A folder whose `kindlab` links to this checkout's CLI, like the one `npm link` makes. */
export const fixtureBin = path.resolve('test/fixtures/bin');

export async function runCli(
  argv: string[],
  opts: { home: string; cluster?: Cluster; prompts?: Prompts; signal?: AbortSignal; env?: Record<string, string>; tty?: boolean; noCluster?: boolean },
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    // PATH holds a `kindlab` that is this install (as after npm link), so suggestions say `kindlab …`.
    env: { KINDLAB_HOME: opts.home, LANG: 'en_US.UTF-8', KINDLAB_LABS: fixtureLabs, PATH: fixtureBin, ...opts.env },
    stdout: { write: (t: string) => void (stdout += t), isTTY: opts.tty ?? false },
    stderr: { write: (t: string) => void (stderr += t) },
    stdinIsTTY: opts.tty ?? false,
    signal: opts.signal ?? new AbortController().signal,
    prompts: opts.prompts ?? unattendedPrompts(),
    openCluster: async () => {
      // What the real adapter says with no kubeconfig at all (client-node's placeholder context).
      if (opts.noCluster)
        throw new ClusterUnreachable(
          'cluster "kindlab" (context kind-kindlab) did not answer: the kubeconfig has no context "kind-kindlab" (it has: loaded-context)',
          'kindlab up',
        );
      if (!opts.cluster) throw new Error('test gave no cluster');
      return opts.cluster;
    },
  });
  return { code, stdout, stderr };
}

/** Makes a folder tree read-only (folders r-x, files r--); the kernel then refuses writes to it. */
export async function readOnly(dir: string): Promise<void> {
  await chmodTree(dir, 0o555, 0o444);
}

export async function writable(dir: string): Promise<void> {
  await chmodTree(dir, 0o755, 0o644);
}

async function chmodTree(dir: string, dirMode: number, fileMode: number): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await chmodTree(full, dirMode, fileMode);
    else await chmod(full, fileMode);
  }
  await chmod(dir, dirMode);
}

/**
 * Runs `fn` without root's power to ignore file modes: as root (containers, CI), the effective
 * user is `nobody` for the duration; otherwise the current user is already bound by modes.
 */
export async function unprivileged<T>(fn: () => Promise<T>): Promise<T> {
  if (process.getuid?.() !== 0 || !process.seteuid || !process.setegid) return fn();
  process.setegid(65534);
  process.seteuid(65534);
  try {
    return await fn();
  } finally {
    process.seteuid(0);
    process.setegid(0);
  }
}
