// A guided run through a lesson: each step's actions, then its checks; challenges wait for the
// learner (check, hint, solve, or later). The terminal side comes in through SessionUI, progress
// through ProgressRecorder, so this flow is testable with fakes.
import type { Step } from '../lessons/model.js';
import type { PollOutcome } from './poll.js';
import { drawStepDiagram } from './diagram/live.js';
import type { StepDiagram } from './diagram/step-diagram.js';
import { actionTasks, checkStep, stepTasks, type EngineContext } from './step.js';
import type { Task } from '../core/task.js';

export type ChallengeChoice = 'check' | 'hint' | 'solve' | 'later';

export interface SessionUI {
  stepHeader(step: Step, index: number, total: number): void;
  /** Runs tasks with progress display; rejects on the first failure. */
  runTasks(tasks: Task[]): Promise<void>;
  /** Runs a step's checks with progress shown (they may retry for up to the step's window). */
  check(step: Step, run: () => Promise<PollOutcome>): Promise<PollOutcome>;
  showOutcome(step: Step, outcome: PollOutcome): void;
  showExplain(step: Step): void;
  /** The step's picture (lesson field `diagram`), or why it could not be drawn. */
  showDiagram(step: Step, drawn: DrawnDiagram): void | Promise<void>;
  showTask(step: Step): void;
  showHint(step: Step): void;
  /** Between steps: go on or quit (non-interactive: always go on). */
  pause(): Promise<'go' | 'quit'>;
  challenge(step: Step): Promise<ChallengeChoice>;
}

export type DrawnDiagram = { ok: true; diagram: StepDiagram } | { ok: false; reason: string };

/**
 * After a step passed: its picture, read from the cluster now. A picture that cannot be drawn is
 * said and the lesson goes on (the step has passed); only an interrupt goes up.
 */
export async function showStepDiagram(step: Step, ctx: EngineContext, ui: Pick<SessionUI, 'showDiagram'>, outcome?: PollOutcome): Promise<void> {
  if (!step.diagram) return;
  try {
    const diagram = await drawStepDiagram(step.diagram, ctx, outcome);
    await ui.showDiagram(step, { ok: true, diagram });
  } catch (error) {
    if (ctx.signal?.aborted) throw error;
    await ui.showDiagram(step, { ok: false, reason: (error as Error)?.message ?? String(error) });
  }
}

/** The English titles of the checks that failed (or "check N" for an untitled one), for the record. */
export function failedCheckTitles(outcome: PollOutcome): string[] {
  return outcome.checks.flatMap((c, i) => (c.pass ? [] : [c.title?.en ?? `check ${i + 1}`]));
}

export interface ProgressRecorder {
  /** `checked`: the learner asked for this check (a challenge's "Check my work"); counted in the report. */
  /** `failed`: the checks that failed (English titles), counted per check for the class view. */
  step(
    stepId: string,
    status: 'started' | 'passed' | 'failed' | 'interrupted' | 'solved',
    extra?: { tries?: number; durationMs?: number; checked?: boolean; failed?: string[] },
    next?: string,
  ): Promise<void>;
  /** Counts a hint shown and the furthest level reached (default 1); the step's status stays as it is. */
  hint(stepId: string, level?: 1 | 2 | 3): Promise<void>;
  /** Where `kindlab start` resumes. */
  advance(nextStepId: string): Promise<void>;
  lessonDone(): Promise<void>;
}

export type SessionEnd =
  | { kind: 'completed' }
  /** The learner chose to stop before step `at` ('quit'), or left the challenge `at` open ('challenge'). */
  | { kind: 'paused'; at: string; reason: 'quit' | 'challenge' }
  | { kind: 'failed'; at: string; reason: 'check' | 'action'; error?: unknown };

export async function runChallenge(step: Step, ctx: EngineContext, ui: SessionUI, record: ProgressRecorder): Promise<'passed' | 'later'> {
  ui.showTask(step);
  for (;;) {
    const choice = await ui.challenge(step);
    if (choice === 'later') {
      await record.step(step.id, 'started', {}, step.id);
      return 'later';
    }
    if (choice === 'hint') {
      ui.showHint(step);
      await record.hint(step.id);
      continue;
    }
    if (choice === 'solve') await ui.runTasks(actionTasks(step.solve ?? {}, ctx));
    const outcome = await ui.check(step, () => checkStep(step, ctx));
    ui.showOutcome(step, outcome);
    const checked = choice === 'check';
    if (outcome.pass) {
      await record.step(step.id, choice === 'solve' ? 'solved' : 'passed', { tries: outcome.tries, durationMs: outcome.elapsedMs, checked });
      return 'passed';
    }
    await record.step(step.id, 'failed', { tries: outcome.tries, checked, failed: failedCheckTitles(outcome) }, step.id);
  }
}

/**
 * Ctrl-C while a step runs: the step is recorded as interrupted (resume starts there), then the
 * abort goes on up. Ctrl-C after a step passed (at "Press Enter") leaves it passed: the resume
 * point has already moved on to the next step.
 */
export async function runGuided(ctx: EngineContext, fromIndex: number, ui: SessionUI, record: ProgressRecorder): Promise<SessionEnd> {
  let current: string | undefined = ctx.lesson.steps[fromIndex]?.id;
  try {
    return await runSteps(ctx, fromIndex, ui, record, (id) => (current = id));
  } catch (error) {
    // Ctrl-C arrives as an aborted signal, or (inside a prompt, where the terminal is raw) as an AbortError.
    const interrupted = ctx.signal?.aborted || (error as Error)?.name === 'AbortError';
    if (interrupted && current !== undefined) await record.step(current, 'interrupted', {}, current);
    throw error;
  }
}

async function runSteps(
  ctx: EngineContext,
  fromIndex: number,
  ui: SessionUI,
  record: ProgressRecorder,
  entering: (id: string | undefined) => void,
): Promise<SessionEnd> {
  const steps = ctx.lesson.steps;
  for (let index = fromIndex; index < steps.length; index++) {
    const step = steps[index]!;
    entering(step.id);
    const next = steps[index + 1]?.id;
    ui.stepHeader(step, index, steps.length);
    // The checks that passed this step (guided steps), for a picture bound to what they saw.
    let passed: PollOutcome | undefined;
    await record.step(step.id, 'started', {}, step.id);
    try {
      await ui.runTasks(stepTasks(step, ctx));
    } catch (error) {
      if (ctx.signal?.aborted) throw error;
      await record.step(step.id, 'failed', {}, step.id);
      return { kind: 'failed', at: step.id, reason: 'action', error };
    }
    if (step.kind === 'challenge') {
      if ((await runChallenge(step, ctx, ui, record)) === 'later') return { kind: 'paused', at: step.id, reason: 'challenge' };
    } else if (step.checks?.length) {
      const outcome = await ui.check(step, () => checkStep(step, ctx));
      passed = outcome;
      ui.showOutcome(step, outcome);
      if (!outcome.pass) {
        await record.step(step.id, 'failed', { tries: outcome.tries }, step.id);
        return { kind: 'failed', at: step.id, reason: 'check' };
      }
      await record.step(step.id, 'passed', { tries: outcome.tries, durationMs: outcome.elapsedMs });
    } else {
      await record.step(step.id, 'passed');
    }
    // From here on nothing can undo the pass: an interrupt is no longer this step's.
    entering(undefined);
    await showStepDiagram(step, ctx, ui, passed);
    ui.showExplain(step);
    if (next === undefined) break;
    await record.advance(next);
    if ((await ui.pause()) === 'quit') return { kind: 'paused', at: next, reason: 'quit' };
  }
  await record.lessonDone();
  return { kind: 'completed' };
}
