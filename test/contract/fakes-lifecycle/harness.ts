// Puts the fake kind/kubectl/docker first on PATH with a scenario, and reads back what was called.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { afterAll } from 'vitest';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess, type RunOptions } from '../../../src/cluster/process.js';

export interface Rule {
  tool: 'kind' | 'kubectl' | 'docker';
  argv: string[];
  stdout?: string;
  stderr?: string;
  exitCode?: number;
  sleepMs?: number;
  /** Write `content` to the path following this flag (e.g. docker save -o FILE). */
  writeToFlag?: string;
  content?: string;
  /** kind create cluster: merge kind-<name> into the kubeconfig and set current-context, as real kind does. */
  kindKubeconfig?: { cluster: string; server: string };
  /** Run this real program with the same argv instead of answering (the call is still logged). */
  passThrough?: string;
}

export interface Call {
  tool: string;
  argv: string[];
  stdin: string;
}

const fakesDir = dirname(fileURLToPath(import.meta.url));

/** Folders made by fakeTools in this test file, removed after the file's tests. */
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function fakeTools(rules: Rule[]) {
  const dir = mkdtempSync(join(tmpdir(), 'kindlab-fake-'));
  made.push(dir);
  const scenario = join(dir, 'scenario.json');
  const log = join(dir, 'calls.jsonl');
  writeFileSync(scenario, JSON.stringify({ rules }));
  const env = { PATH: `${fakesDir}:${process.env.PATH ?? ''}`, KINDLAB_FAKE_SCENARIO: scenario, KINDLAB_FAKE_LOG: log };
  const timeouts: Array<{ argv: string[]; timeoutMs: number }> = [];
  return {
    dir,
    env,
    calls(): Call[] {
      if (!existsSync(log)) return [];
      return readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Call);
    },
    /** Every argv as the user would type it, in order. */
    commands(): string[][] {
      return this.calls().map((c) => [c.tool, ...c.argv]);
    },
    /** A runProcess that also records the deadline each call was given. */
    timeouts,
    runner: (argv: string[], opts: RunOptions) => {
      timeouts.push({ argv, timeoutMs: opts.timeoutMs });
      return runProcess(argv, opts);
    },
  };
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
