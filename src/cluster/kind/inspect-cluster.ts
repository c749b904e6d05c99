// What exists now, read before `up` decides anything: does kind know the cluster, do its node
// containers answer, are the nodes Ready, and did the last `up` finish (kube-system/kindlab-info).
import type { Text } from '../../core/text.js';
import { displayTail } from '../process.js';
import { INFO_CONFIGMAP, INFO_NAMESPACE } from './lab-info.js';
import { commandRunner, LabArgv, timeoutsOf, type LifecycleOptions } from './lifecycle-options.js';
import { commandOutcome, SetupProblem } from './problem.js';

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

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** What exists now. Throws a SetupProblem only when kind itself cannot run. */
export async function inspectCluster(opts: LifecycleOptions & { expectedNodes: number }, signal?: AbortSignal): Promise<ClusterState> {
  const argv = new LabArgv(opts);
  const run = commandRunner(opts);
  const { query } = timeoutsOf(opts);
  const clusters = await run(argv.kind('get', 'clusters'), query, signal);
  if (clusters.exitCode !== 0) {
    throw new SetupProblem(
      'kind-failed',
      { ja: 'kind がクラスタ一覧を返しません', en: 'kind cannot list clusters' },
      { ja: '`kind get clusters` が 0 で終わる', en: '`kind get clusters` exits 0' },
      commandOutcome(clusters),
      { ja: '`kindlab doctor` で Docker と kind を確認してください。', en: 'Run `kindlab doctor` to check Docker and kind.' },
    );
  }
  const empty: ClusterState = { exists: false, nodeContainers: [], reachable: false, nodes: [], profile: null, healthy: false, problems: [] };
  if (!lines(clusters.stdout).includes(opts.clusterName)) return empty;

  const nodeList = await run(argv.kind('get', 'nodes', '--name', opts.clusterName), query, signal);
  const nodeContainers = nodeList.exitCode === 0 ? lines(nodeList.stdout).sort() : [];

  const problems: Text[] = [];
  const got = await run(argv.kubectl('get', 'nodes', '-o', 'json'), query, signal);
  let nodes: NodeState[] = [];
  const reachable = got.exitCode === 0;
  if (reachable) {
    type NodeItem = { metadata?: { name?: string }; status?: { conditions?: Array<{ type?: string; status?: string }> } };
    const list = JSON.parse(got.stdout) as { items?: NodeItem[] };
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
    const info = await run(argv.kubectl('-n', INFO_NAMESPACE, 'get', 'configmap', INFO_CONFIGMAP, '-o', 'json', '--ignore-not-found'), query, signal);
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
      problems.push({
        ja: `ノードが ${nodes.length} 台です（期待: ${opts.expectedNodes} 台）。`,
        en: `${nodes.length} nodes found, ${opts.expectedNodes} expected.`,
      });
    }
    const notReady = nodes.filter((n) => !n.ready).map((n) => n.name);
    if (notReady.length > 0) problems.push({ ja: `Ready でないノード: ${notReady.join(', ')}`, en: `Nodes not Ready: ${notReady.join(', ')}` });
  }
  return { exists: true, nodeContainers, reachable, nodes, profile, healthy: problems.length === 0, problems };
}
