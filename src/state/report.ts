// A learner's own record from saved progress: lessons, steps, checks, hints, time. Pure: takes
// progress and lessons, returns data; ui/report-markdown.ts and ui/report-html.ts render it, and
// `report --format json` prints it as it is. Nothing leaves the machine.
import type { Lesson } from '../lessons/model.js';
import type { Lang } from '../core/text.js';
import type { LessonProgress } from './progress.js';

/** Version of the JSON `kindlab report --format json` writes; `kindlab class` reads this one and refuses others by name. */
export const REPORT_FORMAT = 1;

/** One step as the learner went through it; what `kindlab class` adds up over a class. */
export interface StepReport {
  id: string;
  kind: 'guided' | 'challenge';
  status: 'passed' | 'solved' | 'failed' | 'started' | 'interrupted' | 'not-started';
  /** The furthest `kindlab hint` went: 1 the author's hint, 2 the failing check, 3 the offer to solve. */
  hintLevel?: number;
  /** From the previous step's last activity (or the lesson's start) to this step's; an estimate of time spent. */
  spentMs?: number;
  /** Checks the learner asked for. */
  checks?: number;
  /** How often each check (English title) failed when the learner checked. */
  failedChecks?: Record<string, number>;
}

export interface LessonReport {
  id: string;
  title: string;
  state: 'done' | 'in-progress' | 'not-started';
  stepsPassed: number;
  steps: number;
  solvedWithSolution: number;
  checkTries: number;
  hints: number;
  /** First start to last activity. */
  spentMs: number;
  completedAt?: string;
  /** Each step, in lesson order. */
  stepRecords: StepReport[];
}

export function buildReport(lessons: Lesson[], progress: Record<string, LessonProgress>, lang: Lang): LessonReport[] {
  return lessons.map((lesson) => {
    const record = progress[lesson.id];
    const steps = Object.values(record?.steps ?? {});
    return {
      id: lesson.id,
      title: lesson.title[lang],
      state: record?.completedAt ? 'done' : record ? 'in-progress' : 'not-started',
      stepsPassed: lesson.steps.filter((s) => ['passed', 'solved'].includes(record?.steps[s.id]?.status ?? '')).length,
      steps: lesson.steps.length,
      solvedWithSolution: steps.filter((s) => s.status === 'solved').length,
      // The checks the learner asked for; `tries` (retries inside one check) is not the learner's doing.
      checkTries: steps.reduce((n, s) => n + (s.checks ?? 0), 0),
      hints: steps.reduce((n, s) => n + (s.hints ?? 0), 0),
      spentMs: record ? Math.max(0, Date.parse(record.updatedAt) - Date.parse(record.startedAt)) : 0,
      completedAt: record?.completedAt,
      stepRecords: stepReports(lesson, record),
    };
  });
}

function stepReports(lesson: Lesson, record: LessonProgress | undefined): StepReport[] {
  let since = record ? Date.parse(record.startedAt) : NaN;
  return lesson.steps.map((step) => {
    const saved = record?.steps[step.id];
    const at = saved ? Date.parse(saved.at) : NaN;
    const spentMs = Number.isFinite(at) && Number.isFinite(since) ? Math.max(0, at - since) : undefined;
    if (Number.isFinite(at)) since = at;
    return {
      id: step.id,
      kind: step.kind,
      status: saved?.status ?? 'not-started',
      ...(saved?.hintLevel !== undefined ? { hintLevel: saved.hintLevel } : {}),
      ...(spentMs !== undefined ? { spentMs } : {}),
      ...(saved?.checks !== undefined ? { checks: saved.checks } : {}),
      ...(saved?.failedChecks ? { failedChecks: saved.failedChecks } : {}),
    };
  });
}
