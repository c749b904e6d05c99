// `kindlab up` as a plan: look at what exists, decide (decide.ts), read what the steps need, then the
// ordered list of steps below, each its own file with a pure plan and an execute, as kind's cluster
// creation is a list of actions (kind@v0.30.0 pkg/cluster/internal/create/create.go). Nothing runs
// by surprise: an existing healthy cluster is reused, a half-made one is repaired or recreated only
// with consent.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Text } from '../../../core/text.js';
import type { Task } from '../../../core/task.js';
import { inspectCluster, type ClusterState } from '../inspect-cluster.js';
import { parseKindConfig, summarizeKindConfig } from '../kind-config.js';
import { LabArgv, timeoutsOf, type Choice, type UpOptions } from '../lifecycle-options.js';
import { profileFacts } from '../profiles/index.js';
import { timed, type TaskTiming } from '../task-timing.js';
import { chooseNodeImages } from '../verified-images.js';
import { createCluster } from './create-cluster.js';
import { decideUp } from './decide.js';
import { deleteOldCluster } from './delete-old-cluster.js';
import { installCalico } from './install-calico.js';
import { realUpIO } from './io.js';
import { preloadImages } from './preload-images.js';
import { prepareCalico } from './prepare-calico.js';
import { recordInfo } from './record-info.js';
import { labAccess, readCurrentContext, restoreContext } from './restore-context.js';
import { startNodes } from './start-nodes.js';
import type { UpContext, UpIO, UpStep } from './step.js';
import { waitForCluster } from './wait-for-cluster.js';
import { writeConfig } from './write-config.js';

/** The steps of `up`, in order. Each decides for itself whether it has anything to do. */
export const UP_STEPS: readonly UpStep[] = [
  writeConfig,
  prepareCalico, // before any cluster change
  deleteOldCluster,
  createCluster,
  restoreContext,
  startNodes,
  preloadImages, // right after the node containers exist, before any CNI or wait
  installCalico,
  waitForCluster,
  recordInfo, // last: its presence means up finished
];

export type UpPlan =
  | { action: 'reuse'; state: ClusterState; message: Text; tasks: []; timings: TaskTiming[]; labAccess: Text }
  | { action: 'ask'; state: ClusterState; problem: Text; choices: Choice[] }
  | { action: 'create' | 'repair' | 'recreate'; state: ClusterState; tasks: Task[]; timings: TaskTiming[]; configFile: string; labAccess: Text };

/** The tasks of the steps for this bring-up, each timed into `timings`. */
export function stepTasks(steps: readonly UpStep[], ctx: UpContext, io: UpIO, timings: TaskTiming[]): Task[] {
  return steps.flatMap((step) =>
    step.plan(ctx).map((task) => timed({ title: task.title, shown: task.shown, run: (signal) => task.execute(io, signal) }, timings, task.ownDuration)),
  );
}

export async function planUp(opts: UpOptions, signal?: AbortSignal): Promise<UpPlan> {
  const base = parseKindConfig(await readFile(opts.baseConfigPath, 'utf8'), opts.baseConfigPath);
  const summary = summarizeKindConfig(base);
  const state = await inspectCluster({ ...opts, expectedNodes: summary.roles.length }, signal);
  const decision = decideUp(state, opts);
  if (decision.action === 'reuse') {
    return { action: 'reuse', state, message: decision.message, tasks: [], timings: [], labAccess: labAccess(opts.clusterName, undefined) };
  }
  if (decision.action === 'ask') return { action: 'ask', state, problem: decision.problem, choices: decision.choices };

  const { action } = decision;
  const argv = new LabArgv(opts);
  const timeouts = timeoutsOf(opts);
  const io = realUpIO(opts);
  // Offline after `bundle load` on an engine that dropped the node image's digest: name the tag
  // bundle load verified, if it still has the recorded image ID (no command runs without a record).
  const nodeImages =
    action === 'repair'
      ? []
      : await chooseNodeImages(summary.nodeImages, { cacheDir: opts.cacheDir, env: opts.env, runner: opts.runner, timeoutMs: timeouts.query, signal });
  // Read before anything is created or deleted; restore-context puts it back after kind create.
  const contextBefore = action === 'repair' ? undefined : await readCurrentContext(io.run, argv, timeouts.query, signal);
  const ctx: UpContext = {
    opts,
    action,
    state,
    base,
    summary,
    nodeImages,
    contextBefore,
    facts: profileFacts(opts.profile),
    files: { kindConfig: join(opts.workDir, `kind-config.${opts.profile}.yaml`), calico: join(opts.workDir, `calico.${opts.profile}.yaml`) },
    argv,
    timeouts,
  };
  const timings: TaskTiming[] = [];
  const tasks = stepTasks(UP_STEPS, ctx, io, timings);
  return { action, state, tasks, timings, configFile: ctx.files.kindConfig, labAccess: labAccess(opts.clusterName, contextBefore?.before) };
}
