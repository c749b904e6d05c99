// Bringing a lesson back to its start: delete what kindlab made for it (after its add-ons are up),
// then its namespaces and setup again; `--from-scratch` also brings the lessons it requires to their end.
import type { Cluster } from '../cluster/port.js';
import { shownCommands } from '../cluster/shown-commands.js';
import type { Task } from '../core/task.js';
import { addonTasks, tasksAfterAddons, tasksToReach, type EngineContext } from './step.js';
import { timeouts } from './timeouts.js';

/** Deletes everything kindlab made for a lesson (labelled namespaces and cluster-scoped objects). */
export function resetTask(lessonId: string, cluster: Cluster, signal?: AbortSignal): Task {
  return {
    title: { ja: `レッスン ${lessonId} のオブジェクトを削除`, en: `Delete lesson ${lessonId}'s objects` },
    shown: shownCommands(cluster.context).deleteLessonNamespaces(lessonId),
    run: (s) => cluster.deleteLessonObjects(lessonId, { timeoutMs: timeouts.deleteLessonMs, signal: s ?? signal }),
  };
}

/**
 * The lesson's add-ons, then the delete. Add-ons first: after a Docker or laptop restart an add-on
 * may be down, and some objects are finalized only by it (a LoadBalancer Service's
 * service.kubernetes.io/load-balancer-cleanup, removed by cloud-provider-kind), so deleting first
 * would leave the namespace Terminating until the reset's deadline.
 */
function addonsThenResetTasks(ctx: EngineContext): Task[] {
  return [...addonTasks(ctx), resetTask(ctx.lesson.id, ctx.cluster, ctx.signal)];
}

/** `kindlab reset NN`: add-ons, the delete, then the lesson's namespaces and setup again. */
export function lessonResetTasks(ctx: EngineContext): Task[] {
  return [...addonsThenResetTasks(ctx), ...tasksAfterAddons(0, ctx)];
}

/**
 * `start NN --from-scratch [--step S]`: the lesson reset, each lesson it `requires` brought to its
 * end (every step and solution), then this lesson's steps before S — for an attendee who joins late.
 */
export function fromScratchTasks(stepIndex: number, ctx: EngineContext, required: EngineContext[]): Task[] {
  return [...addonsThenResetTasks(ctx), ...required.flatMap((r) => tasksToReach(r.lesson.steps.length, r)), ...tasksAfterAddons(stepIndex, ctx)];
}
