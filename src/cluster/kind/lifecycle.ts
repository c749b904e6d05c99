// `kindlab up` and `kindlab down` as plans: lists of ProgressTasks, each with the exact command it
// runs. `planUp` first looks at what exists, so an existing healthy cluster is reused, a half-made
// one is explained and repaired or recreated only with consent, and nothing runs by surprise.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Text } from '../../core/text.js';
import type { ProfileName } from '../../lab/profiles.js';
import type { ProgressTask } from '../../core/task.js';
import { displayTail, mustSucceed, runProcess, type ProcessResult } from '../process.js';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../port.js';
import { parseKindConfig, summarizeKindConfig } from './kind-config.js';
import { chooseNodeImages, renderKindConfigWithNodeImages } from './verified-images.js';
import { profileFacts } from './profiles/index.js';
import { ensureCalicoManifest, parseManifest, patchCalicoObjects, renderManifest } from './profiles/calico-manifest.js';
import { commandOutcome, SetupProblem } from './problem.js';

export const INFO_CONFIGMAP = 'kindlab-info';
export const INFO_NAMESPACE = 'kube-system';

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

/** Extra time a process gets beyond its own --timeout, so kubectl reports its deadline itself. */
const MARGIN_MS = 15_000;

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

export type Choice = 'repair' | 'recreate';

export interface NodeState {
  name: string;
  ready: boolean;
}

export interface ClusterState {
  exists: boolean;
  /** Node containers kind knows for this cluster (`kind get nodes`). */
  nodeContainers: string[];
  /** The API server answered `kubectl get nodes`. */
  reachable: boolean;
  nodes: NodeState[];
  /** Profile recorded in ConfigMap kube-system/kindlab-info (written last by `up`), or null. */
  profile: string | null;
  healthy: boolean;
  /** Why it is not healthy; empty when healthy. */
  problems: Text[];
}

export interface TaskTiming {
  title: Text;
  shown?: string[];
  durationMs: number;
  outcome: 'done' | 'failed';
}

export type UpPlan =
  | { action: 'reuse'; state: ClusterState; message: Text; tasks: []; timings: TaskTiming[]; labAccess: Text }
  | { action: 'ask'; state: ClusterState; problem: Text; choices: Choice[] }
  | { action: 'create' | 'repair' | 'recreate'; state: ClusterState; tasks: ProgressTask[]; timings: TaskTiming[]; configFile: string; labAccess: Text };

export type DownPlan =
  | { action: 'absent'; message: Text; tasks: []; timings: TaskTiming[] }
  | { action: 'delete'; tasks: ProgressTask[]; timings: TaskTiming[] };

export const contextName = (clusterName: string) => `kind-${clusterName}`;

class Commands {
  readonly t: LifecycleTimeouts;
  constructor(readonly opts: LifecycleOptions) {
    this.t = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
  }
  private kubeconfigArgs = () => (this.opts.kubeconfig ? ['--kubeconfig', this.opts.kubeconfig] : []);
  kind = (...args: string[]) => ['kind', ...args, ...this.kubeconfigArgsFor(args)];
  /** kind takes --kubeconfig on create/delete/export only. */
  private kubeconfigArgsFor = (args: string[]) => (args[0] === 'create' || args[0] === 'delete' ? this.kubeconfigArgs() : []);
  kubectl = (...args: string[]) => ['kubectl', ...this.kubeconfigArgs(), '--context', contextName(this.opts.clusterName), ...args];
  /** `kubectl config …` on the kubeconfig kind writes to (the user's, unless kindlab was given its own). */
  kubectlConfig = (...args: string[]) => ['kubectl', ...this.kubeconfigArgs(), 'config', ...args];
  run = (argv: string[], timeoutMs: number, signal?: AbortSignal, input?: string): Promise<ProcessResult> =>
    (this.opts.runner ?? runProcess)(argv, { timeoutMs, signal, input, env: this.opts.env });
}

const kubectlWaitTimeout = (ms: number) => `--timeout=${Math.round(ms / 1000)}s`;

/** What exists now. Throws a SetupProblem only when kind itself cannot run. */
export async function inspectCluster(opts: LifecycleOptions & { expectedNodes: number }, signal?: AbortSignal): Promise<ClusterState> {
  const c = new Commands(opts);
  const clusters = await c.run(c.kind('get', 'clusters'), c.t.query, signal);
  if (clusters.exitCode !== 0) {
    throw new SetupProblem(
      'kind-failed',
      { ja: 'kind がクラスタ一覧を返しません', en: 'kind cannot list clusters' },
      { ja: '`kind get clusters` が 0 で終わる', en: '`kind get clusters` exits 0' },
      commandOutcome(clusters),
      { ja: '`kindlab doctor` で Docker と kind を確認してください。', en: 'Run `kindlab doctor` to check Docker and kind.' },
    );
  }
  const names = clusters.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  const empty: ClusterState = { exists: false, nodeContainers: [], reachable: false, nodes: [], profile: null, healthy: false, problems: [] };
  if (!names.includes(opts.clusterName)) return empty;

  const nodeList = await c.run(c.kind('get', 'nodes', '--name', opts.clusterName), c.t.query, signal);
  const nodeContainers = nodeList.exitCode === 0 ? nodeList.stdout.split('\n').map((l) => l.trim()).filter(Boolean).sort() : [];

  const problems: Text[] = [];
  const got = await c.run(c.kubectl('get', 'nodes', '-o', 'json'), c.t.query, signal);
  let nodes: NodeState[] = [];
  const reachable = got.exitCode === 0;
  if (reachable) {
    const list = JSON.parse(got.stdout) as { items?: Array<{ metadata?: { name?: string }; status?: { conditions?: Array<{ type?: string; status?: string }> } }> };
    nodes = (list.items ?? []).map((n) => ({
      name: n.metadata?.name ?? '?',
      ready: (n.status?.conditions ?? []).some((cond) => cond.type === 'Ready' && cond.status === 'True'),
    }));
  } else {
    problems.push({
      ja: `API サーバーに届きません（${displayTail(got.stderr || got.stdout, 20, 4000) || `exit ${got.exitCode}`}）。ノードのコンテナが止まっている可能性があります。`,
      en: `The API server does not answer (${displayTail(got.stderr || got.stdout, 20, 4000) || `exit ${got.exitCode}`}); the node containers may be stopped.`,
    });
  }
  let profile: string | null = null;
  if (reachable) {
    const info = await c.run(c.kubectl('-n', INFO_NAMESPACE, 'get', 'configmap', INFO_CONFIGMAP, '-o', 'json', '--ignore-not-found'), c.t.query, signal);
    if (info.exitCode === 0 && info.stdout.trim()) {
      const cm = JSON.parse(info.stdout) as { data?: Record<string, string> };
      profile = cm.data?.profile ?? null;
    }
    if (profile === null) {
      problems.push({
        ja: `${INFO_NAMESPACE}/${INFO_CONFIGMAP} がありません。前回の \`kindlab up\` が最後まで終わっていません。`,
        en: `${INFO_NAMESPACE}/${INFO_CONFIGMAP} is missing: the last \`up\` did not finish.`,
      });
    }
    if (nodes.length !== opts.expectedNodes) {
      problems.push({ ja: `ノードが ${nodes.length} 台です（期待: ${opts.expectedNodes} 台）。`, en: `${nodes.length} nodes found, ${opts.expectedNodes} expected.` });
    }
    const notReady = nodes.filter((n) => !n.ready).map((n) => n.name);
    if (notReady.length > 0) problems.push({ ja: `Ready でないノード: ${notReady.join(', ')}`, en: `Nodes not Ready: ${notReady.join(', ')}` });
  }
  return { exists: true, nodeContainers, reachable, nodes, profile, healthy: problems.length === 0, problems };
}

function timed(task: ProgressTask, timings: TaskTiming[], now: () => number = Date.now): ProgressTask {
  return {
    ...task,
    async run(signal) {
      const started = now();
      try {
        const out = await task.run(signal);
        timings.push({ title: task.title, shown: task.shown, durationMs: now() - started, outcome: 'done' });
        return out;
      } catch (err) {
        timings.push({ title: task.title, shown: task.shown, durationMs: now() - started, outcome: 'failed' });
        throw err;
      }
    },
  };
}

const joinText = (parts: Text[]): Text => ({ ja: parts.map((p) => p.ja).join(' '), en: parts.map((p) => p.en).join(' ') });

export async function planUp(opts: UpOptions, signal?: AbortSignal): Promise<UpPlan> {
  const base = parseKindConfig(await readFile(opts.baseConfigPath, 'utf8'), opts.baseConfigPath);
  const summary = summarizeKindConfig(base);
  const state = await inspectCluster({ ...opts, expectedNodes: summary.roles.length }, signal);
  const timings: TaskTiming[] = [];

  let action: 'create' | 'repair' | 'recreate';
  if (!state.exists) action = 'create';
  else if (state.healthy && state.profile === opts.profile) {
    return {
      action: 'reuse',
      state,
      tasks: [],
      timings,
      message: {
        ja: `クラスタ ${opts.clusterName}（${opts.profile}）は稼働中です。そのまま使います。`,
        en: `Cluster ${opts.clusterName} (${opts.profile}) is up and healthy; reusing it.`,
      },
      labAccess: labAccess(opts.clusterName, undefined),
    };
  } else {
    const otherProfile = state.profile !== null && state.profile !== opts.profile;
    const choices: Choice[] = otherProfile ? ['recreate'] : ['repair', 'recreate'];
    const problem = otherProfile
      ? joinText([
          {
            ja: `クラスタ ${opts.clusterName} は ${state.profile} で作られています（今回: ${opts.profile}）。CNI はその場で入れ替えられないため、作り直しが必要です。`,
            en: `Cluster ${opts.clusterName} was made with ${state.profile}, not ${opts.profile}. A CNI cannot be swapped in place, so it must be recreated.`,
          },
          ...state.problems,
        ])
      : joinText([{ ja: `クラスタ ${opts.clusterName} は途中までしかできていません。`, en: `Cluster ${opts.clusterName} is only partly set up.` }, ...state.problems]);
    if (!opts.consent || !choices.includes(opts.consent)) return { action: 'ask', state, problem, choices };
    action = opts.consent;
  }

  const c = new Commands(opts);
  // Offline after `bundle load` on an engine that dropped the node image's digest: name the tag
  // bundle load verified, if it still has the recorded image ID (no command runs without a record).
  const nodeImages = action === 'repair' ? [] : await chooseNodeImages(summary.nodeImages, { cacheDir: opts.cacheDir, env: opts.env, runner: opts.runner, timeoutMs: c.t.query, signal });
  const substituted = nodeImages.filter((n) => n.use !== n.pinned);
  // kind create sets the kubeconfig's current-context to the new cluster (kind v0.30.0
  // pkg/cluster/internal/kubeconfig/internal/kubeconfig/merge.go). kindlab keeps the user's: read it
  // now, before anything is created or deleted, and put it back right after `kind create`.
  const kubeContext = action === 'repair' ? undefined : await readCurrentContext(c, signal);
  const facts = profileFacts(opts.profile);
  const configFile = join(opts.workDir, `kind-config.${opts.profile}.yaml`);
  const calicoFile = join(opts.workDir, `calico.${opts.profile}.yaml`);
  const tasks: ProgressTask[] = [];
  const kubeSystem = (...args: string[]) => c.kubectl('-n', 'kube-system', ...args);

  tasks.push({
    title: {
      ja: `kind 設定を生成（${opts.profile}）${substituted.map((n) => `: ノードイメージは ${n.use}（イメージ ID ${n.imageId}、kindlab bundle load で確認済み。この Docker は ${n.pinned} をダイジェストで見つけられないため）`).join('')}`,
      en: `Write the kind config for ${opts.profile}${substituted.map((n) => `: node image ${n.use} (image ID ${n.imageId}, verified by kindlab bundle load; this Docker cannot find ${n.pinned} by its digest)`).join('')}`,
    },
    run: async () => {
      await mkdir(opts.workDir, { recursive: true });
      await writeFile(configFile, renderKindConfigWithNodeImages(base, nodeImages, facts.networking, opts.profile));
      return configFile;
    },
  });

  if (facts.calico) {
    const install = facts.calico;
    // Before any cluster change: a missing or wrong manifest must not leave a half-made cluster.
    tasks.push({
      title: { ja: 'Calico マニフェストの sha256 を確認し、IP プールを設定', en: 'Verify the Calico manifest sha256 and set the IP pool' },
      run: async (sig) => {
        const { path, pin } = await ensureCalicoManifest({
          addonsDir: opts.addonsDir,
          cacheDir: opts.cacheDir,
          allowDownload: opts.allowDownload ?? true,
          timeoutMs: c.t.load,
          signal: sig,
        });
        const patched = patchCalicoObjects(parseManifest(await readFile(path, 'utf8')), install);
        await mkdir(opts.workDir, { recursive: true });
        await writeFile(calicoFile, renderManifest(patched));
        return `Calico ${pin.version}: ${Object.entries(install.env).map(([k, v]) => `${k}=${v}`).join(' ')}`;
      },
    });
  }

  if (action === 'recreate') {
    const argv = c.kind('delete', 'cluster', '--name', opts.clusterName);
    tasks.push({
      title: { ja: `既存のクラスタ ${opts.clusterName} を削除`, en: `Delete the existing cluster ${opts.clusterName}` },
      shown: argv,
      run: async (sig) => void mustSucceed(await c.run(argv, c.t.delete, sig), 'kind delete cluster'),
    });
  }
  if (action === 'create' || action === 'recreate') {
    // --wait 0s: with the default CNI disabled, nodes turn Ready only after Calico is installed;
    // kindlab waits for that itself, with its own deadline and explanation.
    const argv = c.kind('create', 'cluster', '--name', opts.clusterName, '--config', configFile, '--wait', '0s');
    tasks.push({
      title: { ja: `kind クラスタ ${opts.clusterName} を作成（3 ノード）`, en: `Create kind cluster ${opts.clusterName} (3 nodes)` },
      shown: argv,
      run: async (sig) => void mustSucceed(await c.run(argv, c.t.create, sig), 'kind create cluster'),
    });
    const restore = kubeContext ? restoreContextTask(c, kubeContext.before) : undefined;
    if (restore) tasks.push(restore);
  }
  if (action === 'repair' && !state.reachable && state.nodeContainers.length > 0) {
    const argv = ['docker', 'start', ...state.nodeContainers];
    tasks.push({
      title: { ja: '止まっているノードのコンテナを起動', en: 'Start the stopped node containers' },
      shown: argv,
      run: async (sig) => void mustSucceed(await c.run(argv, c.t.dockerStart, sig), 'docker start'),
    });
  }
  if (opts.preloadImages && opts.preloadImages.length > 0) {
    // Right after the node containers exist and before any CNI or wait: offline, a Calico node turns
    // Ready only once calico-node's image is inside it; online, no node pulls what is already here.
    // One call: kind saves the images once and loads them into every node concurrently
    // (kind v0.30.0 pkg/cmd/kind/load/docker-image/docker-image.go, errors.UntilErrorConcurrent).
    const argv = c.kind('load', 'docker-image', '--name', opts.clusterName, ...opts.preloadImages);
    tasks.push({
      title: { ja: 'イメージをノードへ読み込む', en: 'Load the images into the nodes' },
      shown: argv,
      run: async (sig) => void mustSucceed(await c.run(argv, c.t.load, sig), 'kind load docker-image'),
    });
  }
  if (facts.calico) {
    // Server-side apply: Calico's CRDs are too large for the last-applied annotation of client-side apply.
    const argv = c.kubectl('apply', '--server-side', '-f', calicoFile);
    tasks.push({
      title: { ja: 'Calico をインストール', en: 'Install Calico' },
      shown: argv,
      run: async (sig) => void mustSucceed(await c.run(argv, c.t.apply, sig), 'kubectl apply (Calico)'),
    });
  }
  const waitStep = (title: Text, argv: string[], ms: number, what: string): ProgressTask => ({
    title,
    shown: argv,
    run: async (sig) => void mustSucceed(await c.run(argv, ms + MARGIN_MS, sig), what),
  });
  tasks.push(
    waitStep(
      { ja: 'すべてのノードが Ready になるまで待つ', en: 'Wait until every node is Ready' },
      c.kubectl('wait', '--for=condition=Ready', 'node', '--all', kubectlWaitTimeout(c.t.nodesReady)),
      c.t.nodesReady,
      'waiting for nodes',
    ),
  );
  if (facts.calico) {
    tasks.push(
      waitStep(
        { ja: 'calico-node が全ノードで Ready になるまで待つ', en: 'Wait until calico-node is Ready on every node' },
        kubeSystem('rollout', 'status', 'daemonset/calico-node', kubectlWaitTimeout(c.t.rollout)),
        c.t.rollout,
        'waiting for calico-node',
      ),
      waitStep(
        { ja: 'calico-kube-controllers を待つ', en: 'Wait for calico-kube-controllers' },
        kubeSystem('rollout', 'status', 'deployment/calico-kube-controllers', kubectlWaitTimeout(c.t.rollout)),
        c.t.rollout,
        'waiting for calico-kube-controllers',
      ),
    );
  } else {
    tasks.push(
      waitStep(
        { ja: 'kindnet が全ノードで動くまで待つ', en: 'Wait until kindnet runs on every node' },
        kubeSystem('rollout', 'status', 'daemonset/kindnet', kubectlWaitTimeout(c.t.rollout)),
        c.t.rollout,
        'waiting for kindnet',
      ),
    );
  }
  tasks.push(
    waitStep(
      { ja: 'CoreDNS が Ready になるまで待つ', en: 'Wait until CoreDNS is Ready' },
      kubeSystem('rollout', 'status', 'deployment/coredns', kubectlWaitTimeout(c.t.coredns)),
      c.t.coredns,
      'waiting for CoreDNS',
    ),
  );
  const infoArgv = kubeSystem('apply', '-f', '-');
  tasks.push({
    title: { ja: `プロファイルを ${INFO_NAMESPACE}/${INFO_CONFIGMAP} に記録`, en: `Record the profile in ${INFO_NAMESPACE}/${INFO_CONFIGMAP}` },
    shown: infoArgv,
    run: async (sig) => {
      const cm = infoConfigMap(opts.profile, summary.nodeImages[0] ?? 'unknown');
      mustSucceed(await c.run(infoArgv, c.t.apply, sig, JSON.stringify(cm)), 'recording the profile');
    },
  });

  return { action, state, tasks: tasks.map((t) => timed(t, timings)), timings, configFile, labAccess: labAccess(opts.clusterName, kubeContext?.before) };
}

/** The kubeconfig's current-context (null when none is set), read with kubectl itself. */
async function readCurrentContext(c: Commands, signal?: AbortSignal): Promise<{ before: string | null }> {
  const got = await c.run(c.kubectlConfig('current-context'), c.t.query, signal);
  if (got.exitCode === 0) return { before: got.stdout.trim() || null };
  // kubectl's words when the kubeconfig is missing, empty or has no current-context.
  if (/current-context is not set/.test(got.stderr)) return { before: null };
  throw new SetupProblem(
    'kubeconfig-unreadable',
    { ja: 'kubectl が kubeconfig を読めません', en: 'kubectl cannot read your kubeconfig' },
    { ja: '`kubectl config current-context` が応答する', en: '`kubectl config current-context` answers' },
    commandOutcome(got),
    {
      ja: 'kind もこのファイルに書き込むため、先に直してください（`kubectl config view` で確認できます）。',
      en: 'kind writes to this file too, so fix it first (`kubectl config view` shows what kubectl reads).',
    },
  );
}

/** After `kind create`: put the user's current-context back as it was (nothing to do if it was the lab's). */
function restoreContextTask(c: Commands, before: string | null): ProgressTask | undefined {
  const lab = contextName(c.opts.clusterName);
  if (before === lab) return undefined;
  const argv = before === null ? c.kubectlConfig('unset', 'current-context') : c.kubectlConfig('use-context', before);
  return {
    title:
      before === null
        ? { ja: 'kind が設定した current-context を外す（元は未設定）', en: 'Unset the current-context kind set (none was set before)' }
        : { ja: `kubectl の current-context を元の "${before}" に戻す`, en: `Put your kubectl current-context back to "${before}"` },
    shown: argv,
    run: async (sig) => {
      const result = await c.run(argv, c.t.query, sig);
      if (result.exitCode === 0) return;
      throw new SetupProblem(
        'context-not-restored',
        { ja: `kubectl の current-context を "${before ?? ''}" に戻せませんでした`, en: `Could not put your kubectl current-context back to "${before ?? ''}"` },
        { ja: `\`${argv.join(' ')}\` が 0 で終わる`, en: `\`${argv.join(' ')}\` exits 0` },
        commandOutcome(result),
        {
          ja: `クラスタはできています。今の current-context は ${lab} です。元に戻すには: ${argv.join(' ')}`,
          en: `The cluster was created; your current-context is now ${lab}. To go back: ${argv.join(' ')}`,
        },
      );
    },
  };
}

/** Said after `up`: the lab is reached by naming its context; the user's current-context is left alone. */
export function labAccess(clusterName: string, before: string | null | undefined): Text {
  const ctx = contextName(clusterName);
  const kept =
    before === undefined || before === ctx
      ? { ja: '', en: '' }
      : before === null
        ? { ja: 'kubectl の current-context は未設定のままです。', en: 'Your kubectl current-context stays unset.' }
        : { ja: `kubectl の current-context は "${before}" のまま変えていません。`, en: `Your kubectl current-context stays "${before}".` };
  return {
    ja: `${kept.ja}ラボのクラスタを kubectl で操作するときは --context を付けます: kubectl --context ${ctx} get nodes`,
    en: `${kept.en}${kept.en ? ' ' : ''}Reach the lab cluster by naming its context: kubectl --context ${ctx} get nodes`,
  };
}

/** Written last by `up`: its presence means the cluster was set up to the end. */
export function infoConfigMap(profile: ProfileName, nodeImage: string) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: INFO_CONFIGMAP, namespace: INFO_NAMESPACE, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE } },
    data: { profile, nodeImage },
  };
}

export async function planDown(opts: LifecycleOptions, signal?: AbortSignal): Promise<DownPlan> {
  const c = new Commands(opts);
  const clusters = mustSucceed(await c.run(c.kind('get', 'clusters'), c.t.query, signal), 'kind get clusters');
  const timings: TaskTiming[] = [];
  if (!clusters.stdout.split('\n').map((l) => l.trim()).includes(opts.clusterName)) {
    return {
      action: 'absent',
      tasks: [],
      timings,
      message: { ja: `クラスタ ${opts.clusterName} はありません。何もしません。`, en: `There is no cluster named ${opts.clusterName}; nothing to do.` },
    };
  }
  const argv = c.kind('delete', 'cluster', '--name', opts.clusterName);
  const task: ProgressTask = {
    title: { ja: `kind クラスタ ${opts.clusterName} を削除`, en: `Delete kind cluster ${opts.clusterName}` },
    shown: argv,
    run: async (sig) => void mustSucceed(await c.run(argv, c.t.delete, sig), 'kind delete cluster'),
  };
  return { action: 'delete', tasks: [timed(task, timings)], timings };
}
