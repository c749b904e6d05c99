// The fake-tool kit: puts the fake kind/kubectl/docker (bin/, one program: fake-tool.mjs) first on
// PATH for one test, with a scenario of rules (one shape: FakeRule) and a log of every call, in a
// fresh temporary folder. The real kubectl talks to api-server.ts instead; this kit is for the calls
// where no real tool can judge (kind, docker against no cluster, canned kubectl answers).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import type { UpOptions } from '../../../src/cluster/kind/lifecycle.js';
import { runProcess, type RunOptions } from '../../../src/cluster/process.js';
import { REPO_ROOT } from '../../upstream.js';

export const FAKE_BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bin');

/** One rule of a scenario; the first rule that matches a call answers it (see fake-tool.mjs). */
export interface FakeRule {
  /** Named in the call log instead of the rule's index. */
  id?: string;
  tool?: 'kind' | 'kubectl' | 'docker';
  /** Exact strings, `*` for any one argument, `...` (last) for any rest. */
  argv?: string[];
  argvIncludes?: string[];
  stdinIncludes?: string;
  /** Answers this many calls, then lets the next matching rule answer. */
  times?: number;
  stdout?: string;
  stderr?: string;
  exitCode?: number;
  /** Waits this long before answering: a slow or hung tool. */
  sleepMs?: number;
  /** Read stdin even though argv has no lone `-`. */
  readStdin?: boolean;
  /** Write `content` to the path following this flag (e.g. docker save -o FILE). */
  writeToFlag?: string;
  content?: string;
  /** kind create cluster: merge kind-<name> into the kubeconfig and set current-context, as real kind does. */
  kindKubeconfig?: { cluster: string; server: string };
  /** Run this real program with the same argv instead of answering (the call is still logged). */
  passThrough?: string;
  /** Run the exec'd command on this machine (after `--` for kubectl, after the container for docker exec). */
  runRemote?: boolean;
}

export interface FakeCall {
  tool: string;
  argv: string[];
  /** What the tool read on stdin ('' when it read none). */
  stdin: string;
  env: { KUBECONFIG: string | null };
  cwd: string;
  pid: number;
  rule: string | number | null;
  at: number;
}

/** Folders made in this test file, removed after its tests. */
const made: FakeTools[] = [];
afterAll(() => {
  for (const tools of made.splice(0)) tools.cleanup();
});

export class FakeTools {
  readonly dir: string;
  readonly logFile: string;
  readonly scenarioFile: string;
  /** Environment for the code under test: fakes first on PATH, log and scenario named. */
  readonly env: Record<string, string>;
  /** Every call made through `runner`, with the deadline it was given. */
  readonly timeouts: Array<{ argv: string[]; timeoutMs: number }> = [];

  constructor(rules: FakeRule[] = []) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindlab-fakes-'));
    this.logFile = path.join(this.dir, 'calls.jsonl');
    this.scenarioFile = path.join(this.dir, 'scenario.json');
    this.env = { PATH: `${FAKE_BIN}${path.delimiter}${process.env.PATH ?? ''}`, KINDLAB_FAKE_LOG: this.logFile, KINDLAB_FAKE_SCENARIO: this.scenarioFile };
    this.setRules(rules);
  }

  /** Replaces the scenario (and restarts the `times` counters). */
  setRules(rules: FakeRule[]): void {
    fs.writeFileSync(this.scenarioFile, JSON.stringify({ rules }, null, 2));
    fs.rmSync(`${this.scenarioFile}.state`, { force: true });
  }

  calls(): FakeCall[] {
    if (!fs.existsSync(this.logFile)) return [];
    return fs
      .readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as FakeCall);
  }

  /** Every argv as the user would type it, in order. */
  commands(): string[][] {
    return this.calls().map((c) => [c.tool, ...c.argv]);
  }

  /** A runProcess that also records the deadline each call was given. */
  readonly runner = (argv: string[], opts: RunOptions) => {
    this.timeouts.push({ argv, timeoutMs: opts.timeoutMs });
    return runProcess(argv, opts);
  };

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A fresh kit with these rules, removed after the test file's tests. */
export function fakeTools(rules: FakeRule[] = []): FakeTools {
  const tools = new FakeTools(rules);
  made.push(tools);
  return tools;
}

/** `kubectl get nodes -o json` output with the given nodes (shape of the real NodeList). */
export function nodeList(nodes: Array<{ name: string; ready: boolean }>): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: nodes.map((n) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: n.name },
      status: { conditions: [{ type: 'Ready', status: n.ready ? 'True' : 'False', reason: n.ready ? 'KubeletReady' : 'KubeletNotReady' }] },
    })),
  });
}

/** The hand-typed Calico-shaped manifest (test/contract/fakes-lifecycle), never downloaded. */
export const CALICO_FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fakes-lifecycle', 'calico-shaped.yaml');

/** An addons dir holding CALICO_FIXTURE as calico/calico-test.yaml, pinned in checksums.json by its real sha256 (or not pinned). */
export function calicoAddonsDir(pinned: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindlab-addons-'));
  fs.mkdirSync(path.join(dir, 'calico'));
  fs.cpSync(CALICO_FIXTURE, path.join(dir, 'calico', 'calico-test.yaml'));
  const sha = createHash('sha256').update(fs.readFileSync(CALICO_FIXTURE)).digest('hex');
  fs.writeFileSync(
    path.join(dir, 'checksums.json'),
    JSON.stringify({
      addons: {
        calico: {
          version: 'v0.0.0-test',
          file: 'calico/calico-test.yaml',
          url: 'http://127.0.0.1:9/never-downloaded.yaml',
          source: { repo: 'test', path: 'fixture', ref: 'test' },
          sha256: pinned ? sha : null,
          images: [],
        },
      },
    }),
  );
  return dir;
}

/**
 * The options of a `kindlab up` of cluster kindlab (kindnet, the repository's kind-config.yaml, no
 * downloads) in a fresh work folder with its cache inside, running the tools with `env` through
 * `runner`. The add-ons folder is the work folder's addons/, which does not exist, unless `extra`
 * names one; `extra` overrides any option (a given workDir holds the cache too).
 */
export function upOptions(env: Record<string, string>, runner: UpOptions['runner'], extra: Partial<UpOptions> = {}): UpOptions {
  const workDir = extra.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kindlab-work-'));
  return {
    clusterName: 'kindlab',
    profile: 'kindnet',
    baseConfigPath: path.join(REPO_ROOT, 'kind-config.yaml'),
    workDir,
    addonsDir: path.join(workDir, 'addons'),
    cacheDir: path.join(workDir, 'cache'),
    allowDownload: false,
    env,
    runner,
    ...extra,
  };
}
