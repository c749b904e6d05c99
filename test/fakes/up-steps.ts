// For the tests of `up`'s steps (src/cluster/kind/up/*.test.ts): a made-up bring-up context (the
// repository's real kind-config.yaml, a profile, an action) and a fake UpIO that records every
// command and file write and answers each command as told. Nothing here runs a process.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterState } from '../../src/cluster/kind/inspect-cluster.js';
import { parseKindConfig, summarizeKindConfig } from '../../src/cluster/kind/kind-config.js';
import { DEFAULT_TIMEOUTS, LabArgv, type UpOptions } from '../../src/cluster/kind/lifecycle-options.js';
import { profileFacts } from '../../src/cluster/kind/profiles/index.js';
import type { StepTask, UpContext, UpIO } from '../../src/cluster/kind/up/step.js';
import type { ProcessResult } from '../../src/cluster/process.js';
import type { ProfileName } from '../../src/lessons/profile-names.js';

const REPO = new URL('../../', import.meta.url).pathname;
const WORK = '/work-dir-of-the-test';

export const noCluster: ClusterState = { exists: false, nodeContainers: [], reachable: false, nodes: [], profile: null, healthy: false, problems: [] };

export function upContext(change: Partial<Omit<UpContext, 'opts'>> & { opts?: Partial<UpOptions>; profile?: ProfileName } = {}): UpContext {
  const { opts: optsChange, profile = 'kindnet', ...rest } = change;
  const opts: UpOptions = {
    clusterName: 'kindlab',
    profile,
    baseConfigPath: join(REPO, 'kind-config.yaml'),
    workDir: WORK,
    addonsDir: '/addons-of-the-test',
    cacheDir: '/cache-of-the-test',
    ...optsChange,
  };
  const base = parseKindConfig(readFileSync(opts.baseConfigPath, 'utf8'), opts.baseConfigPath);
  const summary = summarizeKindConfig(base);
  return {
    opts,
    action: 'create',
    state: noCluster,
    base,
    summary,
    nodeImages: summary.nodeImages.map((ref) => ({ pinned: ref, use: ref })),
    contextBefore: { before: 'work' },
    facts: profileFacts(opts.profile),
    files: { kindConfig: join(WORK, `kind-config.${opts.profile}.yaml`), calico: join(WORK, `calico.${opts.profile}.yaml`) },
    argv: new LabArgv(opts),
    timeouts: DEFAULT_TIMEOUTS,
    ...rest,
  };
}

/** A made-up pin of the Calico manifest, as ensureCalicoManifest returns it. */
export const calicoPin = {
  version: 'v0.0.0-test',
  file: 'calico/calico-test.yaml',
  url: 'http://127.0.0.1:9/never-downloaded.yaml',
  source: { repo: 'test', path: 'fixture', ref: 'test' },
  sha256: 'ab',
  images: [],
};

export interface RecordedRun {
  argv: string[];
  timeoutMs: number;
  input?: string;
}

export const result = (argv: string[], change: Partial<ProcessResult> = {}): ProcessResult => ({
  argv,
  stdout: '',
  stderr: '',
  exitCode: 0,
  timedOut: false,
  notFound: false,
  durationMs: 0,
  ...change,
});

/** A fake UpIO: every command answers exit 0 unless `answer` says otherwise; files live in `files`. */
export function recordingIO(answer: (argv: string[]) => Partial<ProcessResult> = () => ({}), files: Record<string, string> = {}) {
  const runs: RecordedRun[] = [];
  const writes: Array<{ path: string; text: string }> = [];
  const io: UpIO = {
    run: async (argv, timeoutMs, _signal, input) => {
      runs.push({ argv, timeoutMs, ...(input === undefined ? {} : { input }) });
      return result(argv, answer(argv));
    },
    writeFile: async (path, text) => void writes.push({ path, text }),
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: ${path}`);
      return text;
    },
    ensureCalicoManifest: async () => {
      throw new Error('this test expects no Calico manifest');
    },
  };
  return { io, runs, writes };
}

/** Runs a step's tasks in order, as the task runner would. */
export async function executeAll(tasks: StepTask[], io: UpIO, signal: AbortSignal = new AbortController().signal): Promise<Array<void | string>> {
  const outputs: Array<void | string> = [];
  for (const task of tasks) outputs.push(await task.execute(io, signal));
  return outputs;
}

/**
 * A port whose commands end only when the test says so (or their signal aborts): it records when each
 * command (named by `nameOf`, its last argument unless told) starts and ends, and counts the most running at once.
 */
export function heldPort(nameOf: (argv: string[]) => string = (argv) => argv.at(-1)!) {
  const events: string[] = [];
  const signals = new Map<string, AbortSignal>();
  const timeouts = new Map<string, number>();
  const release = new Map<string, (r: Partial<ProcessResult>) => void>();
  let active = 0;
  let mostAtOnce = 0;
  const io: UpIO = {
    ...recordingIO().io,
    run: (argv, timeoutMs, signal) => {
      const name = nameOf(argv);
      events.push(`start ${name}`);
      signals.set(name, signal!);
      timeouts.set(name, timeoutMs);
      mostAtOnce = Math.max(mostAtOnce, ++active);
      return new Promise((resolve) => {
        let ended = false;
        const end = (r: Partial<ProcessResult>) => {
          if (ended) return;
          ended = true;
          active--;
          events.push(`end ${name}`);
          resolve(result(argv, r));
        };
        release.set(name, end);
        signal?.addEventListener('abort', () => end({ exitCode: 130, stderr: 'interrupted' }), { once: true });
      });
    },
  };
  return {
    io,
    events,
    signals,
    timeouts,
    mostAtOnce: () => mostAtOnce,
    finish: async (name: string, r: Partial<ProcessResult> = {}) => {
      release.get(name)!(r);
      await settle();
    },
  };
}

/** Lets every promise that can move on do so (no timers involved). */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
