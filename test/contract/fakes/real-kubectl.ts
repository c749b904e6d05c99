// The machine's real kubectl for contract tests: the versioned binary matching the Kubernetes
// minor pinned in kind-config.yaml (Google's SDK ships kubectl.1.27 … kubectl.1.33 beside its
// dispatcher) or else `kubectl` on PATH. A wrapper put first on PATH as `kubectl` logs each argv,
// then execs the real binary, so the adapter runs the real tool with its exact argv; every command
// it ran is recorded in the real-client ledger.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'vitest';
import { runProcess, type ProcessResult } from '../../../src/cluster/process.js';
import { recordRealClient } from '../../real-clients.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SDK_BIN = '/usr/lib/google-cloud-sdk/bin';

/** `1.33` from the node image pinned in kind-config.yaml (`kindest/node:v1.33.4@sha256:…`). */
export function pinnedKubernetesMinor(): string {
  const text = fs.readFileSync(path.join(REPO, 'kind-config.yaml'), 'utf8');
  const m = /kindest\/node:v(\d+)\.(\d+)\./.exec(text);
  if (!m) throw new Error('kind-config.yaml names no kindest/node:vX.Y.Z image');
  return `${m[1]}.${m[2]}`;
}

function onPath(program: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const full = path.join(dir, program);
    try {
      fs.accessSync(full, fs.constants.X_OK);
      return full;
    } catch {
      /* next */
    }
  }
  return undefined;
}

/** The real kubectl to use, or undefined when the machine has none. */
export function realKubectlPath(): string | undefined {
  const versioned = path.join(SDK_BIN, `kubectl.${pinnedKubernetesMinor()}`);
  if (fs.existsSync(versioned)) return versioned;
  return onPath('kubectl');
}

export const REQUIRED = process.env.KINDLAB_REQUIRE_REAL_TOOLS === '1';

/** describe() when a real kubectl exists; else one skipped test saying so, or a failing one under KINDLAB_REQUIRE_REAL_TOOLS=1. */
export function describeWithRealKubectl(name: string, body: (kubectl: string) => void): void {
  const kubectl = realKubectlPath();
  if (kubectl) {
    describe(name, () => body(kubectl));
    return;
  }
  const reason = `needs kubectl (kubectl.${pinnedKubernetesMinor()} in ${SDK_BIN} or kubectl on PATH; e.g. apt-get install kubectl from pkgs.k8s.io)`;
  describe(name, () => {
    if (REQUIRED)
      test(`a real kubectl is present (${reason})`, () => {
        throw new Error(`KINDLAB_REQUIRE_REAL_TOOLS=1 but: ${reason}`);
      });
    else {
      console.warn(`[real-kubectl] skipped "${name}": ${reason}`);
      test.skip(`skipped: ${reason}`, () => {});
    }
  });
}

/** A folder with `kubectl` (logging wrapper → the real binary) and a HOME of its own (kubectl's discovery cache). */
export class RealKubectl {
  readonly dir: string;
  readonly binDir: string;
  readonly home: string;
  private readonly log: string;
  private seen = 0;

  constructor(readonly binary: string) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindlab-realkubectl-'));
    this.binDir = path.join(this.dir, 'bin');
    this.home = path.join(this.dir, 'home');
    this.log = path.join(this.dir, 'argv.jsonl');
    fs.mkdirSync(this.binDir);
    fs.mkdirSync(this.home);
    const wrapper = path.join(this.binDir, 'kubectl');
    fs.writeFileSync(
      wrapper,
      `#!${process.execPath}\n` +
        `const { appendFileSync } = require('node:fs');\n` +
        `const { spawnSync } = require('node:child_process');\n` +
        `appendFileSync(${JSON.stringify(this.log)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n` +
        `const r = spawnSync(${JSON.stringify(binary)}, process.argv.slice(2), { stdio: 'inherit' });\n` +
        `process.exit(r.status ?? 1);\n`,
    );
    fs.chmodSync(wrapper, 0o755);
  }

  /** Environment that makes `kubectl` this real one, with its own HOME, and optionally a KUBECONFIG. */
  env(kubeconfig?: string): Record<string, string> {
    return {
      PATH: `${this.binDir}${path.delimiter}${process.env.PATH ?? ''}`,
      HOME: this.home,
      ...(kubeconfig ? { KUBECONFIG: kubeconfig } : {}),
    };
  }

  /** The argv (after `kubectl`) of each command run since the last call; each is recorded in the ledger. */
  newCalls(): string[][] {
    if (!fs.existsSync(this.log)) return [];
    const all = fs
      .readFileSync(this.log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as string[]);
    const fresh = all.slice(this.seen);
    this.seen = all.length;
    for (const argv of fresh) recordRealClient('kubectl', ['kubectl', ...argv]);
    return fresh;
  }

  /** Runs `argv` (starting with `kubectl`) as a learner would type it, in `cwd`; recorded in the ledger. */
  async run(argv: string[], opts: { kubeconfig: string; cwd?: string; input?: string; timeoutMs?: number }): Promise<ProcessResult> {
    if (argv[0] !== 'kubectl') throw new Error(`not a kubectl command: ${argv.join(' ')}`);
    const r = await runProcess([this.binary, ...argv.slice(1)], {
      timeoutMs: opts.timeoutMs ?? 20_000,
      env: this.env(opts.kubeconfig),
      ...(opts.cwd ? { cwd: opts.cwd } : {}),
      ...(opts.input !== undefined ? { input: opts.input } : {}),
    });
    recordRealClient('kubectl', argv);
    return r;
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export const REPO_ROOT = REPO;
