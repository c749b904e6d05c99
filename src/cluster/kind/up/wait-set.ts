// Waits that run side by side (issue 13 point 4), each with its own deadline, shown as one task
// each in the usual order. The first of these tasks to run starts every wait, each as soon as the
// waits it comes `after` have succeeded; each task then awaits its own wait, so the learner reads
// the same titles, commands and failures as before, and the slowest wait sets the time, not the sum.
import type { Text } from '../../../core/text.js';
import { mustSucceed } from '../../process.js';
import type { StepTask, UpIO } from './step.js';

export interface WaitSpec {
  /** Its name among the waits, for `after`. */
  name: string;
  title: Text;
  argv: string[];
  /** The process's deadline. */
  timeoutMs: number;
  /** What was being waited for, in the error when it fails (as mustSucceed words it). */
  what: string;
  /** Waits that must succeed before this one starts: it needs what they wait for. Earlier in the list only. */
  after: string[];
}

/** Start and end of each wait's process, on the given clock. */
export type WaitSpans = Map<string, { start: number; end?: number }>;

export function concurrentWaits(specs: WaitSpec[], now: () => number = Date.now): StepTask[] {
  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.name)) throw new Error(`wait ${spec.name} is listed twice`);
    const unknown = spec.after.filter((name) => !seen.has(name));
    if (unknown.length) throw new Error(`wait ${spec.name} comes after ${unknown.join(', ')}, which is not an earlier wait`);
    seen.add(spec.name);
  }
  const spans: WaitSpans = new Map();
  let running: Map<string, Promise<void>> | undefined;
  // Stops every wait still running when one fails (up stops there) or the user presses Ctrl-C.
  const stop = new AbortController();

  const startAll = (io: UpIO, signal: AbortSignal): Map<string, Promise<void>> => {
    const onAbort = () => stop.abort(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    const started = new Map<string, Promise<void>>();
    for (const spec of specs) {
      const before = spec.after.map((name) => started.get(name));
      const done = (async () => {
        await Promise.all(before);
        const span: { start: number; end?: number } = { start: now() };
        spans.set(spec.name, span);
        const result = await io.run(spec.argv, spec.timeoutMs, stop.signal);
        span.end = now();
        mustSucceed(result, spec.what);
      })();
      // Its own task reports a failure; one never awaited (up stopped earlier) must not go unhandled.
      done.catch(() => undefined);
      started.set(spec.name, done);
    }
    void Promise.allSettled(started.values()).then(() => signal.removeEventListener('abort', onAbort));
    return started;
  };

  return specs.map((spec) => ({
    title: spec.title,
    shown: spec.argv,
    async execute(io, signal) {
      running ??= startAll(io, signal);
      try {
        await running.get(spec.name);
      } catch (error) {
        stop.abort(error);
        throw error;
      }
    },
    ownDuration: () => {
      const span = spans.get(spec.name);
      return span?.end === undefined ? undefined : span.end - span.start;
    },
  }));
}
