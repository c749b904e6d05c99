// The one way kindlab runs a program: argv only (never a shell), a deadline, stdout/stderr/exit
// code kept apart, and cancellation by AbortSignal (Ctrl-C kills the child).
import { execa } from 'execa';

export interface RunOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  input?: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export interface ProcessResult {
  argv: string[];
  stdout: string;
  stderr: string;
  /** 124 when the deadline killed it, 127 when the program is not installed. */
  exitCode: number;
  timedOut: boolean;
  notFound: boolean;
  durationMs: number;
}

export async function runProcess(argv: string[], opts: RunOptions): Promise<ProcessResult> {
  const [file, ...args] = argv;
  if (!file) throw new Error('runProcess needs a program name');
  const started = Date.now();
  const result = await execa(file, args, {
    timeout: opts.timeoutMs,
    cancelSignal: opts.signal,
    input: opts.input,
    env: opts.env,
    extendEnv: true,
    cwd: opts.cwd,
    reject: false,
    stripFinalNewline: false,
    forceKillAfterDelay: 2000,
  });
  const notFound = (result as { code?: string }).code === 'ENOENT';
  return {
    argv,
    stdout: result.stdout ?? '',
    stderr: notFound ? `${file}: command not found` : (result.stderr ?? ''),
    exitCode: result.timedOut ? 124 : notFound ? 127 : (result.exitCode ?? (result.isCanceled ? 130 : 1)),
    timedOut: Boolean(result.timedOut),
    notFound,
    durationMs: Date.now() - started,
  };
}

/** Throws with the program's own words when it failed; for steps where failure is not an answer. */
export function mustSucceed(result: ProcessResult, what: string): ProcessResult {
  if (result.exitCode === 0) return result;
  const why = result.timedOut ? 'timed out' : `exit code ${result.exitCode}`;
  throw new CommandFailed(what, result.argv, why, result.stderr.trim() || result.stdout.trim());
}

export class CommandFailed extends Error {
  constructor(readonly what: string, readonly argv: string[], readonly why: string, readonly output: string) {
    super(`${what} failed (${why}): ${argv.join(' ')}${output ? `\n${output}` : ''}`);
    this.name = 'CommandFailed';
  }
}
