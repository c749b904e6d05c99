// Shared by the commands that act on a lesson: the cluster, the engine context, the progress
// recorder, and resolving "which lesson/step" from arguments or from saved progress.
import type { Cluster } from '../cluster/index.js';
import { systemClock } from '../engine/clock.js';
import type { ProgressRecorder } from '../engine/session.js';
import { initialBindings, type EngineContext } from '../engine/step.js';
import type { Lesson, Step } from '../lessons/model.js';
import { expandProfiles } from '../lessons/profile-names.js';
import { fill, messages } from '../ui/messages.js';
import type { App } from './app.js';
import { UsageError } from './command.js';

export async function engineFor(app: App, lesson: Lesson, cluster?: Cluster): Promise<EngineContext> {
  const opened = cluster ?? (await app.openCluster());
  const supported = expandProfiles(lesson.profiles) as string[];
  if (!supported.includes(opened.profile)) {
    throw new UsageError(fill(app.out.t(messages.profileUnsupported), { lesson: lesson.id, profile: opened.profile, profiles: supported.join(', ') }));
  }
  return { lesson, cluster: opened, clock: systemClock, bindings: initialBindings(lesson, opened), signal: app.signal };
}

const isPass = (status: string) => status === 'passed' || status === 'solved';

export function recorderFor(app: App, lesson: Lesson): ProgressRecorder {
  const store = app.progress;
  return {
    step: (stepId, status, extra = {}, next) =>
      store
        .update(app.clusterName, lesson.id, (record) => {
          const previous = record.steps[stepId];
          // A passed step stays passed whatever happens after (a later failed check, an interrupt).
          const kept = previous && isPass(previous.status) && !isPass(status) ? previous.status : status;
          record.steps[stepId] = {
            ...previous,
            status: kept,
            at: new Date().toISOString(),
            ...(extra.tries !== undefined ? { tries: (previous?.tries ?? 0) + extra.tries } : {}),
            ...(extra.durationMs !== undefined ? { durationMs: extra.durationMs } : {}),
            ...(extra.checked ? { checks: (previous?.checks ?? 0) + 1 } : {}),
            ...(extra.failed?.length
              ? {
                  failedChecks: Object.fromEntries(
                    [...new Set([...Object.keys(previous?.failedChecks ?? {}), ...extra.failed])].map((t) => [
                      t,
                      (previous?.failedChecks?.[t] ?? 0) + (extra.failed!.includes(t) ? 1 : 0),
                    ]),
                  ),
                }
              : {}),
          };
          if (next !== undefined) record.current = next;
        })
        .then(() => undefined),
    hint: (stepId, level = 1) =>
      store
        .update(app.clusterName, lesson.id, (record) => {
          const previous = record.steps[stepId];
          const hintLevel = Math.max(previous?.hintLevel ?? 0, level);
          record.steps[stepId] = {
            ...previous,
            status: previous?.status ?? 'started',
            at: new Date().toISOString(),
            hints: (previous?.hints ?? 0) + 1,
            hintLevel,
          };
        })
        .then(() => undefined),
    advance: (next) => store.update(app.clusterName, lesson.id, (record) => void (record.current = next)).then(() => undefined),
    lessonDone: () =>
      store
        .update(app.clusterName, lesson.id, (record) => {
          record.completedAt = new Date().toISOString();
          delete record.current;
        })
        .then(() => undefined),
  };
}

/** The lesson the learner is on: the most recently updated one that is not complete. */
export async function currentLessonName(app: App): Promise<{ lessonId: string; stepId?: string } | undefined> {
  const { progress } = await app.progress.load();
  const lessons = Object.entries(progress.clusters[app.clusterName]?.lessons ?? {});
  const open = lessons.filter(([, l]) => !l.completedAt).sort((a, b) => b[1].updatedAt.localeCompare(a[1].updatedAt));
  const [lessonId, record] = open[0] ?? [];
  return lessonId ? { lessonId, stepId: record?.current } : undefined;
}

export function findStep(app: App, lesson: Lesson, name: string | undefined, fallback: string | undefined, accept: (s: Step) => boolean = () => true): Step {
  const wanted = name ?? fallback;
  const step = wanted === undefined ? lesson.steps.find(accept) : lesson.steps.find((s, i) => s.id === wanted || String(i + 1) === wanted);
  if (!step) throw new UsageError(fill(app.out.t(messages.unknownStep), { name: wanted ?? '', steps: lesson.steps.map((s) => s.id).join(', ') }));
  return step;
}

/** Lesson and step from `[lesson] [step]` arguments, else from saved progress. */
export async function lessonAndStep(app: App, positionals: string[], accept?: (s: Step) => boolean): Promise<{ lesson: Lesson; step: Step }> {
  const [lessonName, stepName] = positionals;
  if (lessonName) {
    const lesson = await app.lesson(lessonName);
    const saved = await currentLessonName(app);
    return { lesson, step: findStep(app, lesson, stepName, saved?.lessonId === lesson.id ? saved.stepId : undefined, accept) };
  }
  const current = await currentLessonName(app);
  if (!current) throw new UsageError(app.out.t(messages.noCurrentLesson));
  const lesson = await app.lesson(current.lessonId);
  return { lesson, step: findStep(app, lesson, undefined, current.stepId, accept) };
}

/** After `check` or `solve` passes a step: move the resume point on, or finish the lesson. */
export async function afterStepPassed(app: App, lesson: Lesson, step: Step): Promise<void> {
  const record = recorderFor(app, lesson);
  const next = lesson.steps[lesson.steps.indexOf(step) + 1];
  if (next) {
    await record.advance(next.id);
    app.out.line(app.out.style('dim', `→ kindlab start ${lesson.number}   (${next.id})`));
  } else {
    await record.lessonDone();
    app.out.line(app.out.style('green', fill(app.out.t(messages.lessonDoneLast), { lesson: lesson.id })));
  }
}
