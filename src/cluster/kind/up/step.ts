// The shape of one step of `kindlab up`, like an action of kind's cluster creation (kind@v0.30.0
// pkg/cluster/internal/create/actions/action.go: one Execute per action): a name, a pure `plan` that
// says what the step does for this bring-up (nothing, or tasks with the command each one runs), and
// for each task an `execute` that gets its side effects (processes, files) handed in.
import type { Document } from 'yaml';
import type { Text } from '../../../core/text.js';
import type { KindConfigSummary } from '../kind-config.js';
import type { ClusterState } from '../inspect-cluster.js';
import type { LabArgv, LifecycleTimeouts, RunCommand, UpOptions } from '../lifecycle-options.js';
import type { ProfileFacts } from '../profiles/index.js';
import type { ensureCalicoManifest } from '../profiles/calico-manifest.js';
import type { NodeImageChoice } from '../verified-images.js';

export type UpAction = 'create' | 'repair' | 'recreate';

/** Everything decided before the first task runs; steps read it and never change it. */
export interface UpContext {
  opts: UpOptions;
  action: UpAction;
  state: ClusterState;
  /** The top-level kind-config.yaml, parsed, and what it says (roles, node images). */
  base: Document;
  summary: KindConfigSummary;
  /** The node image each node runs (a verified local tag may stand in for the pinned digest). */
  nodeImages: NodeImageChoice[];
  /** The user's current-context, read before `kind create` changes it; undefined when nothing is created. */
  contextBefore?: { before: string | null };
  facts: ProfileFacts;
  files: { kindConfig: string; calico: string };
  argv: LabArgv;
  timeouts: LifecycleTimeouts;
}

/** The side effects a step may have, handed in so a test can record them. */
export interface UpIO {
  run: RunCommand;
  /** Writes a generated file, making its folder first. */
  writeFile(path: string, text: string): Promise<void>;
  readFile(path: string): Promise<string>;
  ensureCalicoManifest: typeof ensureCalicoManifest;
}

export interface StepTask {
  title: Text;
  /** The command a person could type to do the same. */
  shown?: string[];
  execute(io: UpIO, signal: AbortSignal): Promise<void | string>;
  /** The task's own measure of its work, when the work ran apart from its turn in the list (waits run side by side). */
  ownDuration?: () => number | undefined;
}

export interface UpStep {
  /** The step's name in code and tests: write-config, create-cluster, wait-for-cluster, … */
  name: string;
  /** Pure: this step's tasks for this bring-up, in order; none when it has nothing to do. */
  plan(ctx: UpContext): StepTask[];
}
