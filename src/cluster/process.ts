// The one way kindlab runs a program: argv only (never a shell), a deadline, stdout/stderr/exit
// code kept apart, and cancellation by AbortSignal (Ctrl-C kills the child).
// Output is kept bounded: a head and a tail of each stream (what checks parse and what a learner
// reads); when a stream is larger, all of it goes to a file under the cache folder and the result
// says where, so 50 MB of `kind create` stderr neither fills memory nor floods the terminal.
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { KindlabError } from '../core/errors.js';
import { cacheDir } from '../core/paths.js';

export interface RunOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  input?: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Bytes kept in memory per stream (half head, half tail); default KEEP_BYTES. */
  keepBytes?: number;
  /** Where a stream larger than keepBytes is saved whole; default <cache>/output. */
  saveDir?: string;
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
  /** Set when a stream was larger than kept: its size and the file that holds all of it. */
  saved?: { stdout?: SavedStream; stderr?: SavedStream };
}

export interface SavedStream {
  totalBytes: number;
  /** Undefined when the file could not be written (then only head and tail exist). */
  file?: string;
}

/**
 * Per stream: 8 MiB in memory. Enough for any output a lesson check parses whole (an
 * iptables-save of a 3-node lab cluster is well under 1 MiB); beyond it the middle is left out.
 */
export const KEEP_BYTES = 8 * 1024 * 1024;
/** Saved outputs kept in the folder; older ones go when a new one is saved, so the cache cannot grow without end. */
export const SAVED_OUTPUTS_KEPT = 20;
/** After the deadline (or Ctrl-C) and the kill, how long to wait for the output pipes to close. */
const DRAIN_AFTER_KILL_MS = 1000;

export async function runProcess(argv: string[], opts: RunOptions): Promise<ProcessResult> {
  const [file, ...args] = argv;
  if (!file) throw new Error('runProcess needs a program name');
  const started = Date.now();
  const keep = opts.keepBytes ?? KEEP_BYTES;
  const saveDir = opts.saveDir ?? path.join(cacheDir({ ...process.env, ...opts.env } as NodeJS.ProcessEnv), 'output');
  const stamp = `${new Date(started).toISOString().replace(/[:.]/g, '-')}-${path.basename(file)}-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
  const out = new BoundedCapture(keep, () => path.join(saveDir, `${stamp}.stdout.log`));
  const err = new BoundedCapture(keep, () => path.join(saveDir, `${stamp}.stderr.log`));
  const child = execa(file, args, {
    timeout: opts.timeoutMs,
    cancelSignal: opts.signal,
    input: opts.input,
    env: opts.env,
    extendEnv: true,
    cwd: opts.cwd,
    reject: false,
    stripFinalNewline: false,
    forceKillAfterDelay: 2000,
    buffer: false,
  });
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
  // A program killed at its deadline may have started helpers that still hold our pipes open;
  // the call ends anyway: once the kill had its time, our ends of the pipes are closed.
  let drain: NodeJS.Timeout | undefined;
  const stopWaitingForPipes = () => {
    drain ??= setTimeout(() => {
      child.stdout?.destroy();
      child.stderr?.destroy();
    }, 2000 + DRAIN_AFTER_KILL_MS);
  };
  const deadline = setTimeout(stopWaitingForPipes, opts.timeoutMs);
  opts.signal?.addEventListener('abort', stopWaitingForPipes, { once: true });
  let result;
  try {
    result = await child;
  } finally {
    clearTimeout(deadline);
    if (drain) clearTimeout(drain);
    opts.signal?.removeEventListener('abort', stopWaitingForPipes);
    out.close();
    err.close();
  }
  const notFound = (result as { code?: string }).code === 'ENOENT';
  const saved = out.saved || err.saved ? { ...(out.saved ? { stdout: out.saved } : {}), ...(err.saved ? { stderr: err.saved } : {}) } : undefined;
  return {
    argv,
    stdout: out.text(),
    stderr: notFound ? `${file}: command not found` : err.text(),
    exitCode: result.timedOut ? 124 : notFound ? 127 : (result.exitCode ?? (result.isCanceled ? 130 : 1)),
    timedOut: Boolean(result.timedOut),
    notFound,
    durationMs: Date.now() - started,
    ...(saved ? { saved } : {}),
  };
}

/** The first and last `limit / 2` bytes of a stream; past `limit`, the whole stream goes to a file. */
export class BoundedCapture {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private total = 0;
  private fd: number | undefined;
  private file: string | undefined;
  private fileFailed = false;

  constructor(
    private readonly limit: number,
    private readonly fileName: () => string,
  ) {}

  push(chunk: Buffer): void {
    // Up to the limit nothing was left out, so head + tail is all the stream so far.
    if (this.total + chunk.length > this.limit) this.spill(chunk);
    this.total += chunk.length;
    const headLimit = Math.floor(this.limit / 2);
    const tailLimit = this.limit - headLimit;
    if (this.headBytes < headLimit) {
      const take = chunk.subarray(0, headLimit - this.headBytes);
      this.head.push(take);
      this.headBytes += take.length;
      chunk = chunk.subarray(take.length);
    }
    if (!chunk.length) return;
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    while (this.tailBytes > tailLimit) {
      const first = this.tail[0]!;
      const excess = this.tailBytes - tailLimit;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailBytes -= first.length;
      } else {
        this.tail[0] = first.subarray(excess);
        this.tailBytes -= excess;
      }
    }
  }

  /** From the moment the stream outgrows the limit: what was kept so far, then every chunk. */
  private spill(chunk: Buffer): void {
    if (this.fileFailed) return;
    try {
      if (this.fd === undefined) {
        this.file = this.fileName();
        mkdirSync(path.dirname(this.file), { recursive: true });
        this.fd = openSync(this.file, 'wx', 0o600);
        pruneSaved(path.dirname(this.file));
        for (const b of [...this.head, ...this.tail]) writeSync(this.fd, b);
      }
      writeSync(this.fd, chunk);
    } catch {
      this.fileFailed = true;
      this.file = undefined;
      this.close();
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  get saved(): SavedStream | undefined {
    return this.total > this.limit ? { totalBytes: this.total, ...(this.file ? { file: this.file } : {}) } : undefined;
  }

  text(): string {
    const head = Buffer.concat(this.head).toString('utf8');
    const tail = Buffer.concat(this.tail).toString('utf8');
    if (this.total <= this.limit) return Buffer.concat([...this.head, ...this.tail]).toString('utf8');
    const left = this.total - this.headBytes - this.tailBytes;
    return `${head}\n[… ${left} bytes left out${this.file ? `; all ${this.total} bytes in ${this.file}` : ''} …]\n${tail}`;
  }
}

/** Names start with an ISO time, so name order is age order; best effort. */
function pruneSaved(dir: string): void {
  try {
    const saved = readdirSync(dir)
      .filter((n) => /\.(stdout|stderr)\.log$/.test(n))
      .sort();
    for (const name of saved.slice(0, Math.max(0, saved.length - SAVED_OUTPUTS_KEPT))) rmSync(path.join(dir, name), { force: true });
  } catch {
    // a folder we cannot list is not worth failing a command for
  }
}

// CSI (colours, cursor moves), OSC (titles, links) and other ESC sequences, then the C0/C1
// control characters a terminal would act on; tab and newline stay.
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[ -/]*[0-~]?|\x9b[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;

/** Text from a program made safe to print: no escape sequences or control characters; `\r` progress lines become lines. */
export function forDisplay(text: string): string {
  return text.replace(ESCAPES, '').replace(/\r\n/g, '\n').replace(/\r/g, '\n').replace(CONTROLS, '');
}

/** At most `maxLines` last lines (and `maxChars` characters) of a program's output, safe to print. */
export function displayTail(text: string, maxLines = 40, maxChars = 8000): string {
  const lines = forDisplay(text).trimEnd().split('\n');
  const dropped = Math.max(0, lines.length - maxLines);
  let shown = lines.slice(dropped).join('\n');
  const cut = shown.length > maxChars;
  if (cut) shown = shown.slice(shown.length - maxChars);
  return dropped || cut ? `[… ${dropped ? `${dropped} earlier lines` : 'earlier output'} left out …]\n${shown}` : shown;
}

/** Throws with the program's own words when it failed; for steps where failure is not an answer. */
export function mustSucceed(result: ProcessResult, what: string): ProcessResult {
  if (result.exitCode === 0) return result;
  const why = result.timedOut ? 'timed out' : `exit code ${result.exitCode}`;
  const said = result.stderr.trim() ? 'stderr' : 'stdout';
  const savedTo = result.saved?.[said]?.file;
  const output = displayTail(result[said]) + (savedTo ? `\n(full output: ${savedTo})` : '');
  throw new CommandFailed(what, result.argv, why, output.trim());
}

/** A command kindlab ran did not succeed: like kind's RunError, it carries the command and what it printed. */
export class CommandFailed extends KindlabError {
  constructor(
    readonly what: string,
    readonly argv: string[],
    readonly why: string,
    readonly output: string,
  ) {
    const headline = `${what} failed (${why}): ${argv.join(' ')}`;
    super(`${headline}${output ? `\n${output}` : ''}`, { headline: { ja: headline, en: headline }, evidence: { command: argv, output } });
    this.name = 'CommandFailed';
  }
}
