// Self-test of a lesson on the current cluster, for instructors before a workshop: reset, run
// every guided step and its checks, prove each challenge's check FAILS before its solution and
// PASSES after it, collect Pod states and events on failure (before cleanup), then clean up.
import type { KubeObject } from '../cluster/port.js';
import type { Step } from '../lab/model.js';
import { defaults } from './refs.js';
import type { PollOutcome } from './poll.js';
import { actionTasks, checkStep, lessonResetTasks, resetTask, stepTasks, type EngineContext } from './step.js';
import type { ProgressTask } from './task.js';

export type SelfTestStatus = 'passed' | 'failed' | 'broken';

export interface SelfTestFailure {
  step: string;
  /** What went wrong, for the summary line. */
  reason: string;
  outcome?: PollOutcome;
  error?: string;
  /** Pod states and recent events in the lesson's namespaces, read before cleanup. */
  diagnostics: string[];
}

export interface SelfTestResult {
  lesson: string;
  profile: string;
  status: SelfTestStatus;
  durationMs: number;
  failure?: SelfTestFailure;
}

export interface SelfTestDeps {
  runTasks(tasks: ProgressTask[]): Promise<void>;
  now(): number;
}

async function collectDiagnostics(ctx: EngineContext): Promise<string[]> {
  const lines: string[] = [];
  const namespaces = [ctx.lesson.namespace, ...(ctx.lesson.extraNamespaces ?? [])];
  const opts = { timeoutMs: defaults.readMs, signal: ctx.signal };
  for (const namespace of namespaces) {
    try {
      for (const pod of await ctx.cluster.read({ kind: 'pod', namespace }, opts)) lines.push(describePod(pod));
      const events = (await ctx.cluster.read({ kind: 'event', namespace }, opts)).slice(-10);
      for (const event of events) {
        const e = event as KubeObject & { type?: string; reason?: string; message?: string; involvedObject?: { kind?: string; name?: string } };
        lines.push(`event ${namespace} ${e.involvedObject?.kind}/${e.involvedObject?.name}: ${e.type} ${e.reason}: ${e.message}`);
      }
    } catch (error) {
      lines.push(`could not read ${namespace}: ${(error as Error).message}`);
    }
  }
  return lines;
}

function describePod(pod: KubeObject): string {
  const status = (pod as { status?: { phase?: string; containerStatuses?: { name: string; ready: boolean; state?: Record<string, { reason?: string }> }[] } }).status;
  const containers = (status?.containerStatuses ?? []).map((c) => {
    const [state, detail] = Object.entries(c.state ?? {})[0] ?? ['unknown', {}];
    return `${c.name}=${state}${detail?.reason ? `(${detail.reason})` : ''}${c.ready ? '' : ' not ready'}`;
  });
  return `pod ${pod.metadata.namespace}/${pod.metadata.name}: ${status?.phase ?? 'unknown'} ${containers.join(', ')}`.trim();
}

function firstFailure(outcome: PollOutcome): string {
  // For instructors' summaries and JUnit: English.
  for (const capture of outcome.captures) if (capture.value === undefined) return `{{${capture.name}}}: ${capture.missing?.en}`;
  for (const check of outcome.checks) {
    if (check.notRun) return check.notRun.en;
    const bad = check.results.find((r) => !r.verdict.pass);
    if (bad) return `${bad.key}: expected ${bad.verdict.expected}, observed ${bad.verdict.observed}`;
  }
  return 'checks did not pass';
}

async function runStep(step: Step, ctx: EngineContext, deps: SelfTestDeps): Promise<Omit<SelfTestFailure, 'diagnostics'> & { status: SelfTestStatus } | undefined> {
  try {
    await deps.runTasks(stepTasks(step, ctx));
  } catch (error) {
    if (ctx.signal?.aborted) throw error;
    return { status: 'failed', step: step.id, reason: `action failed: ${(error as Error).message}`, error: (error as Error).message };
  }
  if (step.kind === 'challenge') {
    // One try: an unsolved challenge must not pass. If it does, the lesson is broken, not the cluster.
    const before = await checkStep(step, ctx, { windowMs: 0 });
    if (before.pass) return { status: 'broken', step: step.id, reason: 'the challenge check passes before the solution is applied', outcome: before };
    try {
      await deps.runTasks(actionTasks(step.solve ?? {}, ctx));
    } catch (error) {
      if (ctx.signal?.aborted) throw error;
      return { status: 'failed', step: step.id, reason: `solution failed to apply: ${(error as Error).message}`, error: (error as Error).message };
    }
  }
  if (!step.checks?.length) return undefined;
  const outcome = await checkStep(step, ctx);
  if (outcome.pass) return undefined;
  const after = step.kind === 'challenge' ? 'after the reference solution: ' : '';
  return { status: 'failed', step: step.id, reason: `${after}${firstFailure(outcome)}`, outcome };
}

export async function selfTestLesson(ctx: EngineContext, deps: SelfTestDeps): Promise<SelfTestResult> {
  const started = deps.now();
  const { lesson, cluster } = ctx;
  let failure: SelfTestFailure | undefined;
  let status: SelfTestStatus = 'passed';
  try {
    // the lesson's add-ons before the delete, then its start state
    await deps.runTasks(lessonResetTasks(ctx));
    for (const step of lesson.steps) {
      const problem = await runStep(step, ctx, deps);
      if (problem) {
        status = problem.status;
        failure = { ...problem, diagnostics: await collectDiagnostics(ctx) };
        break;
      }
    }
  } catch (error) {
    if (ctx.signal?.aborted) throw error;
    status = 'failed';
    failure = { step: '(setup)', reason: (error as Error).message, error: (error as Error).message, diagnostics: await collectDiagnostics(ctx) };
  } finally {
    if (!ctx.signal?.aborted) await deps.runTasks([resetTask(lesson.id, cluster, ctx.signal)]).catch(() => undefined);
  }
  return { lesson: lesson.id, profile: cluster.profile, status, durationMs: deps.now() - started, failure };
}
