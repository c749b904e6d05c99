// What a lesson would do, without a cluster: every command of every step, with {{captures}} shown
// as placeholders. Built from the same tasks a real run executes, so the two cannot drift apart.
import type { Cluster } from '../cluster/port.js';
import { labContextName } from '../cluster/kind/context-guard.js';
import { shownCommands } from '../cluster/shown-commands.js';
import type { Lesson } from '../lab/model.js';
import { appliesToProfile, expectationKey, runTarget } from './checks.js';
import { systemClock } from './clock.js';
import { toObjectRef } from './refs.js';
import { actionTasks, addonTasks, initialBindings, namespaceTasks, type EngineContext } from './step.js';

export interface DryRunStep {
  id: string;
  kind: 'guided' | 'challenge';
  commands: string[][];
  /** `key: params` of each expectation on this profile; others listed as skipped. */
  expectations: string[];
  skipped: string[];
  solution: string[][];
}

/** A Cluster that can only name nodes: any other call is a bug in the dry run. */
function offlineCluster(profile: string, clusterName: string): Cluster {
  const refuse = () => Promise.reject(new Error('dry run: no cluster calls'));
  return {
    context: labContextName(clusterName),
    profile,
    apply: refuse, delete: refuse, scale: refuse, wait: refuse, read: refuse, exec: refuse, deleteLessonObjects: refuse, ensureAddon: refuse,
    nodeName: (name) => (name.startsWith(`${clusterName}-`) || name.includes('{{') ? name : `${clusterName}-${name}`),
  };
}

export function dryRun(lesson: Lesson, profile: string, clusterName = 'kindlab'): { setup: string[][]; steps: DryRunStep[] } {
  const cluster = offlineCluster(profile, clusterName);
  const ctx: EngineContext = { lesson, cluster, clock: systemClock, bindings: initialBindings(lesson, cluster) };
  const commandsOf = (tasks: { shown?: string[] }[]) => tasks.flatMap((t) => (t.shown ? [t.shown] : []));
  const shown = shownCommands(cluster.context);
  const setup = commandsOf([...addonTasks(ctx), ...namespaceTasks(ctx), ...actionTasks(lesson.setup ?? {}, ctx)]);
  const steps = lesson.steps.map((step): DryRunStep => {
    const commands = commandsOf(actionTasks(step, ctx));
    for (const capture of Object.values(step.capture ?? {})) {
      commands.push(shown.read(toObjectRef(capture.from, capture.selector, capture.namespace ?? lesson.namespace), capture.path));
    }
    const expectations: string[] = [];
    const skipped: string[] = [];
    for (const check of step.checks ?? []) {
      if (check.run) commands.push(shown.exec(runTarget(check.run, { cluster, namespace: lesson.namespace }), check.run.argv));
      else commands.push(shown.read(toObjectRef(check.read!.from, check.read!.selector, check.read!.namespace ?? lesson.namespace), check.read!.path));
      for (const item of check.expect) {
        const key = expectationKey(item);
        const text = `${key}: ${JSON.stringify((item as Record<string, unknown>)[key])}`;
        (appliesToProfile(item, profile) ? expectations : skipped).push(text);
      }
    }
    return { id: step.id, kind: step.kind, commands, expectations, skipped, solution: commandsOf(actionTasks(step.solve ?? {}, ctx)) };
  });
  return { setup, steps };
}
