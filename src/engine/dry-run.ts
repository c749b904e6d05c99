// What a lesson would do, without a cluster: every command of every step, with {{captures}} shown
// as placeholders. Built from the same tasks a real run executes, so the two cannot drift apart.
import type { Cluster } from '../cluster/port.js';
import { contextForCluster } from '../cluster/context-name.js';
import { shownCommands } from '../cluster/shown-commands.js';
import type { Lesson } from '../lessons/model.js';
import type { Text } from '../core/text.js';
import { appliesToProfile, expectationKey, runTarget } from './checks.js';
import { systemClock } from './clock.js';
import { toObjectRef } from './refs.js';
import { actionTasks, addonTasks, fillKnown, initialBindings, namespaceTasks, type EngineContext } from './step.js';
import { placeholderDiagram } from './diagram/placeholder.js';
import type { StepDiagram } from './diagram/step-diagram.js';

/** One check: its command, then what is expected of that command's output. */
export interface DryRunCheck {
  title?: Text;
  command: string[];
  expectations: string[];
  skipped: string[];
}

export interface DryRunStep {
  id: string;
  kind: 'guided' | 'challenge';
  /** Every command in order: the step's actions and captures, then each check's. */
  commands: string[][];
  /** The actions and captures alone; `checks` holds the rest, each with its expectations. */
  actions: string[][];
  checks: DryRunCheck[];
  /** `key: params` of each expectation on this profile; others listed as skipped. */
  expectations: string[];
  skipped: string[];
  solution: string[][];
  /** The step's picture with placeholders for the values read when it runs. */
  diagram?: StepDiagram;
}

/** A Cluster that can only name nodes: any other call is a bug in the dry run. */
function offlineCluster(profile: string, clusterName: string): Cluster {
  const refuse = () => Promise.reject(new Error('dry run: no cluster calls'));
  return {
    context: contextForCluster(clusterName),
    profile,
    apply: refuse,
    delete: refuse,
    scale: refuse,
    wait: refuse,
    read: refuse,
    exec: refuse,
    deleteLessonObjects: refuse,
    ensureAddon: refuse,
    nodeName: (name) => (name.startsWith(`${clusterName}-`) || name.includes('{{') ? name : `${clusterName}-${name}`),
  };
}

export function dryRun(lesson: Lesson, profile: string, clusterName = 'kindlab'): { setup: string[][]; steps: DryRunStep[] } {
  const cluster = offlineCluster(profile, clusterName);
  const ctx: EngineContext = { lesson, cluster, clock: systemClock, bindings: initialBindings(lesson, cluster) };
  const commandsOf = (tasks: { shown?: string[] }[]) => tasks.flatMap((t) => (t.shown ? [t.shown] : []));
  const shown = shownCommands(cluster.context);
  // {{namespace}}, {{cluster}} and {{profile}} are known without a cluster; captures stay placeholders.
  const fill = (text: string) => fillKnown(text, ctx.bindings);
  const setup = commandsOf([...addonTasks(ctx), ...namespaceTasks(ctx), ...actionTasks(lesson.setup ?? {}, ctx)]);
  const steps = lesson.steps.map((step): DryRunStep => {
    const commands = commandsOf(actionTasks(step, ctx));
    for (const capture of Object.values(step.capture ?? {})) {
      commands.push(shown.read(toObjectRef(fill(capture.from), capture.selector, capture.namespace ?? lesson.namespace), capture.path));
    }
    const actions = [...commands];
    const checks: DryRunCheck[] = [];
    for (const check of step.checks ?? []) {
      const command = check.run
        ? shown.exec(
            runTarget(
              { ...check.run, ...(check.run.node ? { node: fill(check.run.node) } : {}), ...(check.run.pod ? { pod: fill(check.run.pod) } : {}) },
              { cluster, namespace: lesson.namespace },
            ),
            check.run.argv.map(fill),
          )
        : shown.read(toObjectRef(fill(check.read!.from), check.read!.selector, check.read!.namespace ?? lesson.namespace), check.read!.path);
      commands.push(command);
      const planned: DryRunCheck = { ...(check.title ? { title: check.title } : {}), command, expectations: [], skipped: [] };
      for (const item of check.expect) {
        const key = expectationKey(item);
        const text = `${key}: ${JSON.stringify((item as Record<string, unknown>)[key])}`;
        (appliesToProfile(item, profile) ? planned.expectations : planned.skipped).push(text);
      }
      checks.push(planned);
    }
    const expectations = checks.flatMap((c) => c.expectations);
    const skipped = checks.flatMap((c) => c.skipped);
    const diagram = step.diagram ? { diagram: placeholderDiagram(step.diagram, lesson, profile, cluster.context, cluster.nodeName) } : {};
    return {
      id: step.id,
      kind: step.kind,
      commands,
      actions,
      checks,
      expectations,
      skipped,
      solution: commandsOf(actionTasks(step.solve ?? {}, ctx)),
      ...diagram,
    };
  });
  return { setup, steps };
}
