// Puts the fake kubectl/docker/kind first on PATH for one test, with a scenario and a call log
// in a fresh temporary directory. Part of the contract-test kit; other suites reuse it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FAKE_BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bin');

export interface FakeRule {
  id?: string;
  program?: 'kubectl' | 'docker' | 'kind' | string;
  argv?: string[];
  argvPrefix?: string[];
  argvIncludes?: string[];
  stdinIncludes?: string;
  stdout?: string;
  stderr?: string;
  exit?: number;
  delayMs?: number;
  times?: number;
  readStdin?: boolean;
  /** Run the exec'd command on this machine (see fake-program.mjs). */
  runRemote?: boolean;
}

export interface FakeCall {
  program: string;
  argv: string[];
  stdin: string | null;
  env: { KUBECONFIG: string | null };
  cwd: string;
  pid: number;
  rule: string | number | null;
  at: number;
}

export class FakeTools {
  readonly dir: string;
  readonly logFile: string;
  readonly scenarioFile: string;

  constructor(rules: FakeRule[] = []) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindlab-fakes-'));
    this.logFile = path.join(this.dir, 'calls.jsonl');
    this.scenarioFile = path.join(this.dir, 'scenario.json');
    this.setRules(rules);
  }

  setRules(rules: FakeRule[]): void {
    fs.writeFileSync(this.scenarioFile, JSON.stringify({ rules }, null, 2));
    fs.rmSync(`${this.scenarioFile}.state`, { force: true });
  }

  /** Environment for the code under test: fakes first on PATH, log and scenario named. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      PATH: `${FAKE_BIN}${path.delimiter}${process.env.PATH ?? ''}`,
      KINDLAB_FAKE_LOG: this.logFile,
      KINDLAB_FAKE_SCENARIO: this.scenarioFile,
      ...extra,
    };
  }

  calls(): FakeCall[] {
    if (!fs.existsSync(this.logFile)) return [];
    return fs
      .readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as FakeCall);
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
