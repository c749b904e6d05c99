// What `up` and `down` are given (cluster name, kubeconfig, environment, deadlines) and the argv they
// build from it: kind and kubectl always pinned to the lab's cluster, context and kubeconfig.
import type { ProfileName } from '../../lessons/profile-names.js';
import { contextForCluster } from '../context-name.js';
import { runProcess, type ProcessResult } from '../process.js';

export interface LifecycleTimeouts {
  /** kind get clusters / kind get nodes / kubectl get. */
  query: number;
  /** kind create cluster, including the node image pull on a first run. */
  create: number;
  delete: number;
  apply: number;
  nodesReady: number;
  rollout: number;
  coredns: number;
  load: number;
  dockerStart: number;
}

export const DEFAULT_TIMEOUTS: LifecycleTimeouts = {
  query: 30_000,
  create: 600_000,
  delete: 180_000,
  apply: 120_000,
  nodesReady: 300_000,
  rollout: 300_000,
  coredns: 180_000,
  load: 600_000,
  dockerStart: 60_000,
};

export interface LifecycleOptions {
  clusterName: string;
  /** When set, kind and kubectl use this kubeconfig instead of the user's default one. */
  kubeconfig?: string;
  /** Environment for every process (tests put fake executables on PATH). */
  env?: Record<string, string | undefined>;
  timeouts?: Partial<LifecycleTimeouts>;
  /** The process runner; runProcess unless a test records the calls. */
  runner?: typeof runProcess;
}

export type Choice = 'repair' | 'recreate';

export interface UpOptions extends LifecycleOptions {
  profile: ProfileName;
  /** The top-level kind-config.yaml. */
  baseConfigPath: string;
  /** Where generated files (kind config, patched Calico manifest) are written. */
  workDir: string;
  addonsDir: string;
  cacheDir: string;
  /** The user's answer when the cluster is half-made: repair it in place, or delete and recreate. */
  consent?: Choice;
  /** Images to `kind load` into the nodes after creation (workshops: no pulls over venue Wi-Fi). */
  preloadImages?: string[];
  /** May the pinned Calico manifest be downloaded when it is not vendored or cached? */
  allowDownload?: boolean;
}

export const timeoutsOf = (opts: LifecycleOptions): LifecycleTimeouts => ({ ...DEFAULT_TIMEOUTS, ...opts.timeouts });

/** The argv of every kind and kubectl call `up`/`down` make, aimed at the lab's cluster. Pure. */
export class LabArgv {
  constructor(private readonly target: { clusterName: string; kubeconfig?: string }) {}
  private kubeconfigArgs = () => (this.target.kubeconfig ? ['--kubeconfig', this.target.kubeconfig] : []);
  /** kind takes --kubeconfig on create/delete only (of the verbs kindlab uses). */
  kind = (...args: string[]) => ['kind', ...args, ...(args[0] === 'create' || args[0] === 'delete' ? this.kubeconfigArgs() : [])];
  kubectl = (...args: string[]) => ['kubectl', ...this.kubeconfigArgs(), '--context', contextForCluster(this.target.clusterName), ...args];
  kubeSystem = (...args: string[]) => this.kubectl('-n', 'kube-system', ...args);
  /** `kubectl config …` on the kubeconfig kind writes to (the user's, unless kindlab was given its own). */
  kubectlConfig = (...args: string[]) => ['kubectl', ...this.kubeconfigArgs(), 'config', ...args];
}

export type RunCommand = (argv: string[], timeoutMs: number, signal?: AbortSignal, input?: string) => Promise<ProcessResult>;

/** Runs argv with the options' environment, through the options' runner (a test's recorder) or runProcess. */
export const commandRunner =
  (opts: LifecycleOptions): RunCommand =>
  (argv, timeoutMs, signal, input) =>
    (opts.runner ?? runProcess)(argv, { timeoutMs, signal, input, env: opts.env });
