// Self-test of a lesson on the current cluster, for instructors before a workshop: reset, run
// every guided step and its checks, prove each challenge's check FAILS before its solution, FAILS
// after each of its wrong fixes (each on a fresh start of the step) and PASSES after the solution;
// collect Pod states and events on failure (before cleanup), then clean up.
import type { KubeObject } from '../cluster/port.js';
import type { Step } from '../lessons/model.js';
import type { WrongFixFile } from '../lessons/schema.js';
import { textOfError, type Text } from '../core/text.js';
import { timeouts } from './timeouts.js';
import type { PollOutcome } from './poll.js';
import { lessonResetTasks, resetTask } from './lesson-reset.js';
import { actionTasks, captureTask, checkStep, stepTasks, type EngineContext } from './step.js';
import type { Task } from '../core/task.js';

/** `bypassable`: a wrong fix passes the challenge's check, so the check teaches the shortcut. */
export type SelfTestStatus = 'passed' | 'failed' | 'broken' | 'bypassable';

export interface SelfTestFailure {
  step: string;
  /** What went wrong, for the summary line, in English (JUnit, --json); `text` in both languages. */
  reason: string;
  text: Text;
  outcome?: PollOutcome;
  error?: string;
  /** Pod states and recent events in the lesson's namespaces, read before cleanup (English; `diagnosticsText` in both). */
  diagnostics: string[];
  diagnosticsText: Text[];
}

/** Both languages of a reason, and its English for `reason`. */
const because = (text: Text) => ({ reason: text.en, text });

export interface SelfTestResult {
  lesson: string;
  profile: string;
  status: SelfTestStatus;
  durationMs: number;
  failure?: SelfTestFailure;
}

export interface SelfTestDeps {
  runTasks(tasks: Task[]): Promise<void>;
  now(): number;
  /** Told when a wrong fix was seen failing the check, as it should (for the progress output). */
  wrongFixRejected?(step: Step, wrongFix: WrongFixFile): void;
}

/**
 * Brings the lesson back to the start of a step: the lesson reset (add-ons, delete, namespaces,
 * setup), every earlier step's actions, solution and captures, then the step's own actions.
 */
export function stepStartTasks(step: Step, ctx: EngineContext): Task[] {
  const index = ctx.lesson.steps.indexOf(step);
  const tasks = lessonResetTasks(ctx);
  for (const earlier of ctx.lesson.steps.slice(0, index)) {
    tasks.push(...actionTasks(earlier, ctx));
    if (earlier.solve) tasks.push(...actionTasks(earlier.solve, ctx));
    for (const [name, capture] of Object.entries(earlier.capture ?? {})) tasks.push(captureTask(name, capture, ctx));
  }
  return [...tasks, ...actionTasks(step, ctx)];
}

async function collectDiagnostics(ctx: EngineContext): Promise<{ diagnostics: string[]; diagnosticsText: Text[] }> {
  const lines: Text[] = [];
  const namespaces = [ctx.lesson.namespace, ...(ctx.lesson.extraNamespaces ?? [])];
  const opts = { timeoutMs: timeouts.readMs, signal: ctx.signal };
  for (const namespace of namespaces) {
    try {
      for (const pod of await ctx.cluster.read({ kind: 'pod', namespace }, opts)) lines.push(describePod(pod));
      const events = (await ctx.cluster.read({ kind: 'event', namespace }, opts)).slice(-10);
      for (const event of events) {
        const e = event as KubeObject & { type?: string; reason?: string; message?: string; involvedObject?: { kind?: string; name?: string } };
        const about = `${namespace} ${e.involvedObject?.kind}/${e.involvedObject?.name}: ${e.type} ${e.reason}: ${e.message}`;
        lines.push({ ja: `イベント ${about}`, en: `event ${about}` });
      }
    } catch (error) {
      const why = textOfError(error);
      lines.push({ ja: `${namespace} を読めませんでした: ${why.ja}`, en: `could not read ${namespace}: ${why.en}` });
    }
  }
  return { diagnostics: lines.map((l) => l.en), diagnosticsText: lines };
}

function describePod(pod: KubeObject): Text {
  const status = (pod as { status?: { phase?: string; containerStatuses?: { name: string; ready: boolean; state?: Record<string, { reason?: string }> }[] } })
    .status;
  // Kubernetes' own words (phase, state, reason) stay; only kindlab's "not ready" is said in Japanese.
  const notReady: Text = { ja: ' 準備未完了', en: ' not ready' };
  const containers = (lang: 'ja' | 'en') =>
    (status?.containerStatuses ?? []).map((c) => {
      const [state, detail] = Object.entries(c.state ?? {})[0] ?? ['unknown', {}];
      return `${c.name}=${state}${detail?.reason ? `(${detail.reason})` : ''}${c.ready ? '' : notReady[lang]}`;
    });
  const line = (lang: 'ja' | 'en') => `pod ${pod.metadata.namespace}/${pod.metadata.name}: ${status?.phase ?? 'unknown'} ${containers(lang).join(', ')}`.trim();
  return { ja: line('ja'), en: line('en') };
}

function firstFailure(outcome: PollOutcome): Text {
  for (const capture of outcome.captures)
    if (capture.value === undefined) return { ja: `{{${capture.name}}}: ${capture.missing?.ja}`, en: `{{${capture.name}}}: ${capture.missing?.en}` };
  for (const check of outcome.checks) {
    if (check.notRun) return check.notRun;
    const bad = check.results.find((r) => !r.verdict.pass);
    if (bad) {
      const v = bad.verdict;
      return {
        ja: `${bad.key}: 期待 ${v.ja?.expected ?? v.expected}、実際 ${v.ja?.observed ?? v.observed}`,
        en: `${bad.key}: expected ${v.expected}, observed ${v.observed}`,
      };
    }
  }
  return { ja: '確認が通りませんでした', en: 'checks did not pass' };
}

async function runStep(step: Step, ctx: EngineContext, deps: SelfTestDeps): Promise<StepProblem | undefined> {
  try {
    await deps.runTasks(stepTasks(step, ctx));
  } catch (error) {
    if (ctx.signal?.aborted) throw error;
    const why = textOfError(error);
    return {
      status: 'failed',
      step: step.id,
      ...because({ ja: `操作が失敗しました: ${why.ja}`, en: `action failed: ${why.en}` }),
      error: (error as Error).message,
    };
  }
  if (step.kind === 'challenge') {
    // One try: an unsolved challenge must not pass. If it does, the lesson is broken, not the cluster.
    const before = await checkStep(step, ctx, { windowMs: 0 });
    if (before.pass) {
      const broken = { ja: '解答を適用する前から課題の確認が通ってしまいます', en: 'the challenge check passes before the solution is applied' };
      return { status: 'broken', step: step.id, ...because(broken), outcome: before };
    }
    for (const wrong of step.wrongFixes ?? []) {
      const problem = await tryWrongFix(step, wrong, ctx, deps);
      if (problem) return problem;
    }
    try {
      // After a wrong fix the step starts afresh, so the solution is judged on its own.
      if (step.wrongFixes?.length) await deps.runTasks(stepStartTasks(step, ctx));
      await deps.runTasks(actionTasks(step.solve ?? {}, ctx));
    } catch (error) {
      if (ctx.signal?.aborted) throw error;
      const why = textOfError(error);
      return {
        status: 'failed',
        step: step.id,
        ...because({ ja: `解答を適用できませんでした: ${why.ja}`, en: `solution failed to apply: ${why.en}` }),
        error: (error as Error).message,
      };
    }
  }
  if (!step.checks?.length) return undefined;
  const outcome = await checkStep(step, ctx);
  if (outcome.pass) return undefined;
  const first = firstFailure(outcome);
  const text = step.kind === 'challenge' ? { ja: `解答の適用後: ${first.ja}`, en: `after the reference solution: ${first.en}` } : first;
  return { status: 'failed', step: step.id, ...because(text), outcome };
}

type StepProblem = Omit<SelfTestFailure, 'diagnostics' | 'diagnosticsText'> & { status: SelfTestStatus };

/** A fresh start of the step, the wrong fix, then the step's check with its own window: it must never pass. */
async function tryWrongFix(step: Step, wrong: WrongFixFile, ctx: EngineContext, deps: SelfTestDeps): Promise<StepProblem | undefined> {
  try {
    await deps.runTasks(stepStartTasks(step, ctx));
    await deps.runTasks(actionTasks(wrong, ctx));
  } catch (error) {
    if (ctx.signal?.aborted) throw error;
    const why = textOfError(error);
    const text = { ja: `誤った解き方 ${wrong.id} を適用できませんでした: ${why.ja}`, en: `wrong fix ${wrong.id} failed to apply: ${why.en}` };
    return { status: 'failed', step: step.id, ...because(text), error: (error as Error).message };
  }
  // The learner's own `kindlab check` waits as long as this, so a check that passes within the window is a bypass.
  const outcome = await checkStep(step, ctx);
  if (outcome.pass) {
    const text = {
      ja: `誤った解き方 ${wrong.id} でも確認が通ってしまいます (${wrong.why.ja})`,
      en: `the check passes after wrong fix ${wrong.id} (${wrong.why.en})`,
    };
    return { status: 'bypassable', step: step.id, ...because(text), outcome };
  }
  deps.wrongFixRejected?.(step, wrong);
  return undefined;
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
        failure = { ...problem, ...(await collectDiagnostics(ctx)) };
        break;
      }
    }
  } catch (error) {
    if (ctx.signal?.aborted) throw error;
    status = 'failed';
    failure = { step: '(setup)', ...because(textOfError(error)), error: (error as Error).message, ...(await collectDiagnostics(ctx)) };
  } finally {
    if (!ctx.signal?.aborted) await deps.runTasks([resetTask(lesson.id, cluster, ctx.signal)]).catch(() => undefined);
  }
  return { lesson: lesson.id, profile: cluster.profile, status, durationMs: deps.now() - started, failure };
}
