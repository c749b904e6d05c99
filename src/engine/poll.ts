// The three ways a check loop ends: every check true at once (eventually), a check false on any
// try inside the window (consistently), or the deadline. One round evaluates all checks of a step
// together, so a pass means they were all true at the same moment.
import type { CaptureFile, CheckFile } from '../lessons/schema.js';
import type { Cluster } from '../cluster/port.js';
import type { Clock } from './clock.js';
import { readCaptures, type CaptureOutcome } from './captures.js';
import { runCheck, type CheckResult } from './checks.js';
import type { Bindings } from './templating.js';

export interface PollSpec {
  checks: CheckFile[];
  captures?: Record<string, CaptureFile>;
  mode: 'eventually' | 'consistently';
  windowMs: number;
}

export interface PollOutcome {
  pass: boolean;
  tries: number;
  elapsedMs: number;
  /** The last round's results: for a failure, what was observed when time ran out. */
  checks: CheckResult[];
  captures: CaptureOutcome[];
}

export interface PollContext {
  cluster: Cluster;
  clock: Clock;
  namespace: string;
  profile: string;
  bindings: Bindings;
  signal?: AbortSignal;
}

/** Delay before try n (0-based): starts at 200 ms, grows by 1.6x, at most 3 s. */
export function backoffMs(tryIndex: number): number {
  return Math.min(3000, Math.round(200 * 1.6 ** tryIndex));
}

async function round(spec: PollSpec, ctx: PollContext) {
  const captures = await readCaptures(spec.captures, ctx.cluster, ctx.namespace, ctx.bindings, ctx.signal);
  const checks = await Promise.all(spec.checks.map((check) => runCheck(check, ctx, ctx.profile)));
  return { captures, checks, pass: checks.every((c) => c.pass) && captures.every((c) => c.value !== undefined) };
}

export async function poll(spec: PollSpec, ctx: PollContext): Promise<PollOutcome> {
  const started = ctx.clock.now();
  const deadline = started + spec.windowMs;
  let tries = 0;
  for (;;) {
    const result = await round(spec, ctx);
    tries++;
    const elapsedMs = ctx.clock.now() - started;
    const outcome = (pass: boolean): PollOutcome => ({ pass, tries, elapsedMs, checks: result.checks, captures: result.captures });
    if (spec.mode === 'eventually' && result.pass) return outcome(true);
    if (spec.mode === 'consistently' && !result.pass) return outcome(false);
    const remaining = deadline - ctx.clock.now();
    if (remaining <= 0) return outcome(spec.mode === 'consistently');
    // The last sleep is cut short so one final try happens right at the deadline.
    await ctx.clock.sleep(Math.min(backoffMs(tries - 1), remaining), ctx.signal);
  }
}
