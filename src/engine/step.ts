// Turns a lesson's setup, steps and solutions into tasks (each showing the command it
// stands for), and runs a step's checks. Resetting a lesson is in lesson-reset.ts. Talks to the cluster only through the Cluster port.
import path from 'node:path';
import type { Cluster, KubeObject } from '../cluster/port.js';
import { LESSON_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../cluster/port.js';
import { clusterForContext } from '../cluster/context-name.js';
import { shownCommands } from '../cluster/shown-commands.js';
import { parseDuration } from '../lessons/duration.js';
import { manifestNamespace } from '../lessons/manifest-rules.js';
import type { Lesson, Step } from '../lessons/model.js';
import { addonInfo } from '../lessons/addons.js';
import type { ActionsFile, CaptureFile } from '../lessons/schema.js';
import type { Clock } from './clock.js';
import { runSamples } from './checks.js';
import { poll, type PollOutcome } from './poll.js';
import { toObjectRef } from './refs.js';
import { timeouts } from './timeouts.js';
import { TextError, type Task } from '../core/task.js';
import { TEMPLATE_PATTERN } from '../expectations/expectation-kind.js';
import { substitute, type Bindings } from './templating.js';

export interface EngineContext {
  lesson: Lesson;
  cluster: Cluster;
  clock: Clock;
  bindings: Bindings;
  signal?: AbortSignal;
}

export function initialBindings(lesson: Lesson, cluster: Pick<Cluster, 'profile' | 'context'>): Bindings {
  return new Map<string, string>([
    ['namespace', lesson.namespace],
    ['profile', cluster.profile],
    ['cluster', clusterForContext(cluster.context) ?? cluster.context],
  ]);
}

/** Marks an object as kindlab's and this lesson's, so reset removes exactly what kindlab made. */
export function labelled(object: KubeObject, lessonId: string): KubeObject {
  return {
    ...object,
    metadata: { ...object.metadata, labels: { ...object.metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [LESSON_LABEL]: lessonId } },
  };
}

export function lessonNamespaces(lesson: Lesson): KubeObject[] {
  return [lesson.namespace, ...(lesson.extraNamespaces ?? [])].map((name) => labelled({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, lesson.id));
}

/**
 * A shown command's value with every template whose value is known now filled in ({{cluster}},
 * {{namespace}}, captures already read), so the command can be typed as shown; the rest stay as
 * placeholders (the dry run's captures).
 */
export function fillKnown(text: string, bindings: Bindings): string {
  return text.replace(TEMPLATE_PATTERN, (whole) => {
    try {
      const value = substitute(whole, bindings) as unknown;
      return Array.isArray(value) ? value.join(',') : String(value);
    } catch {
      return whole;
    }
  });
}

const manifestShownPath = (lesson: Lesson, file: string) => path.relative(process.cwd(), path.join(lesson.dir, file)) || file;

/**
 * The lesson's namespaces, shown as a learner would make them: `kubectl create namespace` for each
 * (skipped when it exists, where create would refuse), then one `kubectl label` with kindlab's
 * labels. kindlab itself applies each namespace already labelled, so none is ever left unlabelled.
 */
export function namespaceTasks(ctx: Pick<EngineContext, 'lesson' | 'cluster'>): Task[] {
  const objects = lessonNamespaces(ctx.lesson);
  const names = objects.map((n) => n.metadata.name!);
  const shown = shownCommands(ctx.cluster.context);
  const created = new Set<string>(); // created labelled just now: labelling again would change nothing
  return [
    ...objects.map((object): Task => {
      const name = object.metadata.name!;
      return {
        title: { ja: `名前空間を作成: ${name}`, en: `Create namespace ${name}` },
        shown: shown.createNamespace(name),
        run: async (signal) => {
          await ctx.cluster.apply([object], undefined, { timeoutMs: timeouts.applyMs, signal });
          created.add(name);
        },
        skip: async () => {
          const found = await ctx.cluster.read({ kind: 'namespace', name }, { timeoutMs: timeouts.readMs });
          return found.length ? { ja: '作成済み', en: 'exists' } : false;
        },
      };
    }),
    {
      title: { ja: `名前空間にラベル: ${names.join(', ')}`, en: `Label namespace ${names.join(', ')}` },
      shown: shown.labelNamespaces(names, ctx.lesson.id),
      run: async (signal) => {
        const unlabelled = objects.filter((o) => !created.has(o.metadata.name!));
        if (unlabelled.length) await ctx.cluster.apply(unlabelled, undefined, { timeoutMs: timeouts.applyMs, signal });
      },
    },
  ];
}

/** Tasks for the cluster-changing part of a step, setup or solution, in a fixed order. */
export function actionTasks(actions: ActionsFile, ctx: EngineContext): Task[] {
  const { lesson, cluster } = ctx;
  const ns = lesson.namespace;
  const shown = shownCommands(cluster.context);
  const tasks: Task[] = [];
  // A manifest file goes to kubectl exactly as it is (the loader made sure it carries kindlab's
  // labels, which reset and the adapter's delete rely on), so the shown `-f FILE` is the same
  // command; `-n` only when its objects do not name their namespace (src/lessons/manifest-rules.ts).
  for (const file of actions.delete ?? []) {
    const objects = lesson.manifests.get(file)!;
    const fileNs = manifestNamespace(objects, ns);
    tasks.push({
      title: { ja: `削除: ${file}`, en: `Delete ${file}` },
      shown: shown.delete(manifestShownPath(lesson, file), fileNs),
      run: (signal) => cluster.delete(objects, fileNs, { timeoutMs: timeouts.applyMs, signal }),
    });
  }
  for (const file of actions.apply ?? []) {
    const objects = lesson.manifests.get(file)!;
    const fileNs = manifestNamespace(objects, ns);
    tasks.push({
      title: { ja: `適用: ${file}`, en: `Apply ${file}` },
      shown: shown.apply(manifestShownPath(lesson, file), fileNs),
      run: (signal) => cluster.apply(objects, fileNs, { timeoutMs: timeouts.applyMs, signal }),
    });
  }
  for (const [target, replicas] of Object.entries(actions.scale ?? {})) {
    const ref = () => toObjectRef(substitute(target, ctx.bindings), undefined, ns);
    tasks.push({
      title: { ja: `${target} を ${replicas} 個にスケール`, en: `Scale ${target} to ${replicas}` },
      shown: shown.scale(toObjectRef(fillKnown(target, ctx.bindings), undefined, ns), replicas),
      run: (signal) => cluster.scale(ref(), replicas, { timeoutMs: timeouts.applyMs, signal }),
    });
  }
  for (const item of actions.wait ?? []) {
    const timeoutMs = (item.timeout && parseDuration(item.timeout)) || timeouts.waitMs;
    const spec = () => ({ ref: toObjectRef(substitute(item.for, ctx.bindings), item.selector, item.namespace ?? ns), condition: item.condition, timeoutMs });
    const what = `${item.for}${item.selector ? ` (${item.selector})` : ''}`;
    tasks.push({
      title: { ja: `${what} が ${item.condition} になるまで待つ`, en: `Wait until ${what} is ${item.condition}` },
      shown: shown.wait({ ...spec(), ref: toObjectRef(fillKnown(item.for, ctx.bindings), item.selector, item.namespace ?? ns) }),
      run: (signal) => cluster.wait(spec(), { signal }),
    });
  }
  for (const run of actions.exec ?? []) {
    tasks.push({
      title: { ja: `実行: ${run.argv.join(' ')}`, en: `Run ${run.argv.join(' ')}` },
      shown: shown.exec(
        run.node !== undefined
          ? { node: cluster.nodeName(fillKnown(run.node, ctx.bindings)) }
          : { pod: fillKnown(run.pod!, ctx.bindings), namespace: run.namespace ?? ns },
        run.argv.map((a) => fillKnown(a, ctx.bindings)),
      ),
      run: async (signal) => {
        const { samples } = await runSamples(run, { cluster, namespace: ns, bindings: ctx.bindings, signal });
        const last = samples[samples.length - 1]!;
        const output = [last.stdout.trimEnd(), last.stderr.trimEnd()].filter(Boolean).join('\n');
        if (last.exitCode !== 0)
          throw new TextError({
            ja: `終了コード ${last.exitCode}${output ? `: ${output}` : ''}`,
            en: `exit code ${last.exitCode}${output ? `: ${output}` : ''}`,
          });
        return output;
      },
    });
  }
  return tasks;
}

/** Captures of every step up to and including `index`: re-read each round so none goes stale. */
export function capturesUpTo(lesson: Lesson, index: number): Record<string, CaptureFile> {
  const all: Record<string, CaptureFile> = {};
  for (const step of lesson.steps.slice(0, index + 1)) Object.assign(all, step.capture ?? {});
  return all;
}

export interface CheckOptions {
  /** Overrides the step's own window; 0 gives exactly one try (used to confirm a challenge is not yet solved). */
  windowMs?: number;
}

export async function checkStep(step: Step, ctx: EngineContext, options: CheckOptions = {}): Promise<PollOutcome> {
  const index = ctx.lesson.steps.indexOf(step);
  const consistently = step.consistently !== undefined;
  const windowMs = options.windowMs ?? parseDuration(step.consistently ?? step.eventually ?? '') ?? timeouts.eventuallyMs;
  return poll(
    { checks: step.checks ?? [], captures: capturesUpTo(ctx.lesson, index), mode: consistently ? 'consistently' : 'eventually', windowMs },
    { cluster: ctx.cluster, clock: ctx.clock, namespace: ctx.lesson.namespace, profile: ctx.cluster.profile, bindings: ctx.bindings, signal: ctx.signal },
  );
}

/** Installs each add-on the lesson needs (idempotent: a ready add-on is left alone). */
export function addonTasks(ctx: Pick<EngineContext, 'lesson' | 'cluster'>): Task[] {
  return (ctx.lesson.addons ?? []).map((name) => {
    const info = addonInfo(name);
    return {
      title: { ja: `アドオン ${name} ${info?.version ?? ''} を用意`, en: `Make sure add-on ${name} ${info?.version ?? ''} is installed` },
      shown: info?.shown ?? ['kubectl', 'apply', '--server-side', ...(info?.manifests ?? []).flatMap((m) => ['-f', m])],
      run: (signal) => ctx.cluster.ensureAddon(name, { timeoutMs: timeouts.addonMs, signal }),
    };
  });
}

/** Tasks to bring a lesson to the start of a step: add-ons, namespaces, setup, and earlier steps' actions and solutions. */
export function tasksToReach(stepIndex: number, ctx: EngineContext): Task[] {
  return [...addonTasks(ctx), ...tasksAfterAddons(stepIndex, ctx)];
}

/** tasksToReach without the add-ons, for callers that ensured them already (before a reset). */
export function tasksAfterAddons(stepIndex: number, ctx: EngineContext): Task[] {
  const tasks = [...namespaceTasks(ctx), ...actionTasks(ctx.lesson.setup ?? {}, ctx)];
  for (const step of ctx.lesson.steps.slice(0, stepIndex)) {
    tasks.push(...actionTasks(step, ctx));
    if (step.solve) tasks.push(...actionTasks(step.solve, ctx));
    if (step.capture) tasks.push(...captureTasks(step.capture, ctx));
  }
  return tasks;
}

/** Reads one capture until it has a value (an IP is assigned a moment after creation), with a deadline. */
export function captureTask(name: string, capture: CaptureFile, ctx: EngineContext): Task {
  const ref = toObjectRef(fillKnown(capture.from, ctx.bindings), capture.selector, capture.namespace ?? ctx.lesson.namespace);
  return {
    title: { ja: `値を読む: ${name}`, en: `Read ${name}` },
    shown: shownCommands(ctx.cluster.context).read(ref, capture.path),
    run: async (signal) => {
      const outcome = await poll(
        { checks: [], captures: { [name]: capture }, mode: 'eventually', windowMs: timeouts.eventuallyMs },
        { cluster: ctx.cluster, clock: ctx.clock, namespace: ctx.lesson.namespace, profile: ctx.cluster.profile, bindings: ctx.bindings, signal },
      );
      const read = outcome.captures[0]!;
      if (read.value === undefined) {
        const why = read.missing ?? { ja: '値がありません', en: 'no value' };
        throw new TextError({ ja: `${name}: ${why.ja}`, en: `${name}: ${why.en}` });
      }
      return `${name} = ${Array.isArray(read.value) ? read.value.join(', ') : String(read.value)}`;
    },
  };
}

const captureTasks = (captures: Record<string, CaptureFile>, ctx: EngineContext) =>
  Object.entries(captures).map(([name, capture]) => captureTask(name, capture, ctx));

/** The tasks `start` runs for one step: any earlier captures still unread, then the step's actions. */
export function stepTasks(step: Step, ctx: EngineContext): Task[] {
  const index = ctx.lesson.steps.indexOf(step);
  const earlier = capturesUpTo(ctx.lesson, index - 1);
  const unread = Object.fromEntries(Object.entries(earlier).filter(([name]) => ctx.bindings.get(name) === undefined));
  // A guided step's own captures are shown as they are read (the kubectl get and the value are
  // part of the lesson); a challenge's are read by its checks, once the learner made the object.
  const own = step.kind === 'guided' ? captureTasks(step.capture ?? {}, ctx) : [];
  return [...captureTasks(unread, ctx), ...actionTasks(step, ctx), ...own];
}

/**
 * Tasks to run before resuming at `stepIndex`. Namespaces and setup always (idempotent); when the
 * lesson's namespace is gone — the cluster was recreated or reset — the earlier steps' actions and
 * solutions are replayed too, so a learner resumes where they stopped, on a cluster in that state.
 */
export async function resumeTasks(stepIndex: number, ctx: EngineContext): Promise<{ tasks: Task[]; replayed: boolean }> {
  if (stepIndex === 0) return { tasks: tasksToReach(0, ctx), replayed: false };
  const existing = await ctx.cluster.read({ kind: 'namespace', name: ctx.lesson.namespace }, { timeoutMs: timeouts.readMs, signal: ctx.signal });
  return existing.length ? { tasks: tasksToReach(0, ctx), replayed: false } : { tasks: tasksToReach(stepIndex, ctx), replayed: true };
}
