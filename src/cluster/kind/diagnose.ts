// Why a wait did not finish: gathered after its deadline, before anything is cleaned up.
// Pod phases, container states (ImagePullBackOff, CrashLoopBackOff with the last log lines),
// node and namespace conditions, recent events, and what to try, in Japanese and English.
import type { Text } from '../../core/text.js';
import { DeadlineExceeded, type KubeObject } from '../port.js';
import type { KubeApi } from './kube-api.js';
import { resourceFor } from '../../core/kube-resources.js';
import { condition, conditions, describeObject, get, nameOf, podContainerStatuses, same } from './describe-objects.js';

export interface Diagnosis {
  /** Facts read from the cluster (Kubernetes' own reasons and messages, framed in both languages). */
  facts: Text[];
  /** What to try, most likely first. */
  hints: Text[];
}

/** A wait that reached its deadline, with the diagnosis and bilingual hints kept apart for the UI. */
export class WaitTimedOut extends DeadlineExceeded {
  constructor(
    awaited: Text,
    lastSeen: Text,
    readonly facts: Text[],
    readonly hints: Text[],
  ) {
    super(
      awaited.en,
      lastSeen.en,
      [...facts.map((f) => f.en), ...hints.map((h) => `try: ${h.en}`)],
      { awaited: awaited.ja, lastSeen: lastSeen.ja },
      { facts, hints },
    );
  }
}

const IMAGE_PULL = new Set(['ImagePullBackOff', 'ErrImagePull', 'ErrImageNeverPull', 'InvalidImageName']);

const HINTS = {
  imagePull: (images: string[]): Text => ({
    en: `The node could not pull ${images.join(', ') || 'the image'}. Load the lesson images into the kind nodes with \`kindlab images load\` (after \`kindlab images pull\` on a good network), and check the image name and tag.`,
    ja: `ノードがイメージ ${images.join(', ') || ''} を取得できませんでした。\`kindlab images load\` でレッスンのイメージを kind のノードに読み込んでください（先に通信の安定した場所で \`kindlab images pull\`）。イメージ名とタグも確認してください。`,
  }),
  crashLoop: (ns: string, pod: string): Text => ({
    en: `The container starts and exits again. Read its last log lines above; \`kubectl logs -n ${ns} ${pod} --previous\` shows more.`,
    ja: `コンテナが起動しては終了を繰り返しています。上のログの最後の行を読んでください。\`kubectl logs -n ${ns} ${pod} --previous\` でさらに見られます。`,
  }),
  configError: (ns: string, pod: string): Text => ({
    en: `The container cannot be created: a ConfigMap, Secret or volume it names is missing. \`kubectl describe pod -n ${ns} ${pod}\` names it.`,
    ja: `コンテナを作成できません。参照している ConfigMap・Secret・ボリュームがありません。\`kubectl describe pod -n ${ns} ${pod}\` で名前がわかります。`,
  }),
  unschedulable: (): Text => ({
    en: 'No node can take the Pod. Check that every node is Ready (`kubectl get nodes`) and the Pod’s resource requests and node selectors.',
    ja: 'Pod を配置できるノードがありません。すべてのノードが Ready か（`kubectl get nodes`）、Pod のリソース要求と nodeSelector を確認してください。',
  }),
  nodeNotReady: (): Text => ({
    en: 'A node is not Ready. With a Calico profile the CNI may still be starting: `kubectl get pods -A -o wide` shows calico-node; `kindlab doctor` checks the host.',
    ja: 'Ready でないノードがあります。Calico のプロファイルでは CNI がまだ起動中かもしれません。`kubectl get pods -A -o wide` で calico-node を確認し、`kindlab doctor` でホストを確認してください。',
  }),
  namespaceStuck: (ns: string): Text => ({
    en: `Namespace ${ns} waits for finalizers or for objects inside it (listed above). \`kubectl get namespace ${ns} -o yaml\` shows its conditions; a controller that owns a finalizer may be missing.`,
    ja: `Namespace ${ns} がファイナライザーまたは中のオブジェクト（上に表示）の削除を待っています。\`kubectl get namespace ${ns} -o yaml\` で状態を確認してください。ファイナライザーを処理するコントローラーがいないのかもしれません。`,
  }),
  nothingFound: (what: Text): Text => ({
    en: `Nothing matching ${what.en} exists. Check the name and namespace, and that the step that creates it ran (\`kindlab reset <lesson>\` starts the lesson over).`,
    ja: `${what.ja} に一致するものが存在しません。名前と Namespace、それを作るステップが実行されたかを確認してください（\`kindlab reset <lesson>\` でやり直せます）。`,
  }),
  stillThere: (what: Text): Text => ({
    en: `${what.en} still exists. Something may hold it (a finalizer) or recreate it (a controller that owns it).`,
    ja: `${what.ja} がまだ存在します。ファイナライザーが削除を止めているか、所有するコントローラーが作り直している可能性があります。`,
  }),
  describe: (args: string): Text => ({
    en: `\`kubectl describe ${args}\` shows the events and conditions in full.`,
    ja: `\`kubectl describe ${args}\` でイベントと状態をすべて確認できます。`,
  }),
};

export interface DiagnoseInput {
  namespace?: string;
  /** What was awaited, e.g. `deployment/web in lab-03` (awaitedObjects). */
  what: Text;
  condition: string;
  lastSeen: KubeObject[];
  /** Per-request budget; diagnosis runs after the deadline and must not hang. */
  requestTimeoutMs?: number;
}

const LOG_LINES = 10;
const EVENTS_PER_OBJECT = 5;
const MAX_PODS = 4;

/** Reads what explains an unfinished wait. Never throws: a read that fails becomes a fact. */
export async function diagnose(api: KubeApi, input: DiagnoseInput): Promise<Diagnosis> {
  const facts: Text[] = [];
  const hints: Text[] = [];
  const timeoutMs = input.requestTimeoutMs ?? 5000;
  const ns = input.namespace;
  const eventTargets: { namespace: string | undefined; name: string; kind: string }[] = [];

  if (input.lastSeen.length === 0) {
    if (input.condition !== 'Deleted') hints.push(HINTS.nothingFound(input.what));
  }
  for (const obj of input.lastSeen.slice(0, 5)) {
    facts.push(describeObject(obj));
    eventTargets.push({ namespace: obj.metadata.namespace ?? ns, name: obj.metadata.name ?? '', kind: obj.kind });
  }

  // Pods behind the objects (or the Pods themselves).
  let pods: KubeObject[] = input.lastSeen.filter((o) => o.kind === 'Pod');
  for (const owner of input.lastSeen.filter((o) => ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job'].includes(o.kind))) {
    const match = get<Record<string, string>>(owner, 'spec', 'selector', 'matchLabels');
    if (!match || Object.keys(match).length === 0) continue;
    const selector = Object.entries(match)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    try {
      const podResource = resourceFor('pod')!;
      const listed = await api.list(podResource, owner.metadata.namespace ?? ns, { labelSelector: selector }, { timeoutMs });
      pods.push(...listed.items);
      if (listed.items.length === 0)
        facts.push({ ja: `${nameOf(owner)} には ${selector} に一致する Pod がありません`, en: `${nameOf(owner)} has no Pods matching ${selector}` });
    } catch (err) {
      facts.push({
        ja: `${nameOf(owner)} の Pod を一覧できませんでした: ${(err as Error).message}`,
        en: `could not list the Pods of ${nameOf(owner)}: ${(err as Error).message}`,
      });
    }
  }
  pods = pods.slice(0, MAX_PODS);

  for (const pod of pods) {
    const podNs = pod.metadata.namespace ?? ns ?? 'default';
    const podName = pod.metadata.name ?? '?';
    if (!input.lastSeen.includes(pod)) {
      facts.push(describeObject(pod));
      eventTargets.push({ namespace: podNs, name: podName, kind: 'Pod' });
    }
    const scheduled = condition(pod, 'PodScheduled');
    if (scheduled?.status === 'False') {
      const why = `${scheduled.reason ?? ''}${scheduled.message ? `: ${scheduled.message}` : ''}`;
      facts.push({ ja: `  ノードに配置されていません: ${why}`, en: `  not scheduled: ${why}` });
      hints.push(HINTS.unschedulable());
    }
    for (const c of podContainerStatuses(pod)) {
      const w = c.state?.waiting;
      const t = c.state?.terminated;
      const last = c.lastState?.terminated;
      if (w?.reason) {
        const why = `${w.reason}${w.message ? `: ${w.message}` : ''}`;
        facts.push({ ja: `  コンテナ ${c.name}: 待機中、${why}`, en: `  container ${c.name}: waiting, ${why}` });
      } else if (t) {
        facts.push({
          ja: `  コンテナ ${c.name}: 終了、${t.reason ?? ''} (終了コード ${t.exitCode ?? '?'})`,
          en: `  container ${c.name}: terminated, ${t.reason ?? ''} (exit code ${t.exitCode ?? '?'})`,
        });
      } else if (c.state?.running && c.ready === false) {
        facts.push({
          ja: `  コンテナ ${c.name}: 動いていますが準備ができていません (readiness probe の失敗?)`,
          en: `  container ${c.name}: running but not ready (readiness probe failing?)`,
        });
      }
      if (c.restartCount) {
        facts.push({
          ja: `  コンテナ ${c.name}: ${c.restartCount} 回再起動${last ? `、前回の終了: ${last.reason ?? ''} (終了コード ${last.exitCode ?? '?'})` : ''}`,
          en: `  container ${c.name}: restarted ${c.restartCount} times${last ? `, last exit: ${last.reason ?? ''} (exit code ${last.exitCode ?? '?'})` : ''}`,
        });
      }
      if (w?.reason && IMAGE_PULL.has(w.reason)) hints.push(HINTS.imagePull(c.image ? [c.image] : []));
      if (w?.reason === 'CreateContainerConfigError' || w?.reason === 'CreateContainerError') hints.push(HINTS.configError(podNs, podName));
      if (w?.reason === 'CrashLoopBackOff' || last) {
        if (w?.reason === 'CrashLoopBackOff') hints.push(HINTS.crashLoop(podNs, podName));
        try {
          const log = await api.logs(podNs, podName, c.name, { tailLines: LOG_LINES, previous: Boolean(last), timeoutMs });
          const lines = (log ?? '')
            .split('\n')
            .filter((l) => l.length > 0)
            .slice(-LOG_LINES);
          if (lines.length)
            facts.push(
              { ja: `  ${podName}/${c.name} のログの最後の行:`, en: `  last log lines of ${podName}/${c.name}:` },
              ...lines.map((l) => same(`    | ${l}`)),
            );
        } catch (err) {
          facts.push({
            ja: `  ${podName}/${c.name} のログを読めませんでした: ${(err as Error).message}`,
            en: `  could not read the logs of ${podName}/${c.name}: ${(err as Error).message}`,
          });
        }
      }
    }
  }

  for (const node of input.lastSeen.filter((o) => o.kind === 'Node')) {
    const ready = condition(node, 'Ready');
    if (ready?.status !== 'True') {
      if (ready?.message) facts.push(same(`  ${nameOf(node)}: ${ready.message}`));
      hints.push(HINTS.nodeNotReady());
    }
  }

  for (const nsObj of input.lastSeen.filter((o) => o.kind === 'Namespace')) {
    const finalizers = get<string[]>(nsObj, 'spec', 'finalizers') ?? [];
    const metaFinalizers = get<string[]>(nsObj, 'metadata', 'finalizers') ?? [];
    if (finalizers.length || metaFinalizers.length) facts.push(same(`  finalizers: ${[...finalizers, ...metaFinalizers].join(', ')}`));
    for (const c of conditions(nsObj)) {
      if (c.status === 'True') facts.push(same(`  ${c.type}: ${c.message ?? c.reason ?? ''}`));
    }
    if (get<string>(nsObj, 'status', 'phase') === 'Terminating') hints.push(HINTS.namespaceStuck(nsObj.metadata.name ?? '?'));
  }

  if (input.condition === 'Deleted' && input.lastSeen.length > 0 && !input.lastSeen.some((o) => o.kind === 'Namespace')) {
    hints.push(HINTS.stillThere(input.what));
  }

  // Recent events of the objects and their Pods, oldest first, as `kubectl describe` lists them.
  const eventResource = resourceFor('event')!;
  const seen = new Set<string>();
  for (const target of eventTargets.slice(0, 6)) {
    try {
      const listed = await api.list(eventResource, target.namespace, { fieldSelector: `involvedObject.name=${target.name}` }, { timeoutMs });
      const events = listed.items
        .filter((e) => !seen.has(e.metadata.name ?? '') && (get<string>(e, 'involvedObject', 'kind') ?? target.kind) === target.kind)
        .sort((a, b) => eventTime(a).localeCompare(eventTime(b)))
        .slice(-EVENTS_PER_OBJECT);
      for (const e of events) {
        seen.add(e.metadata.name ?? '');
        const count = get<number>(e, 'count');
        const times = count && count > 1 ? ` (x${count})` : '';
        const [type, why, message] = [get<string>(e, 'type') ?? '', get<string>(e, 'reason') ?? '', get<string>(e, 'message') ?? ''];
        const on = `${target.kind.toLowerCase()}/${target.name}`;
        facts.push({ ja: `イベント ${type} ${why} (${on})${times}: ${message}`.trim(), en: `event ${type} ${why} on ${on}${times}: ${message}`.trim() });
        const reason = get<string>(e, 'reason');
        if (reason === 'FailedScheduling') hints.push(HINTS.unschedulable());
        const pullHinted = hints.some((h) => h.en.startsWith('The node could not pull'));
        if (reason === 'Failed' && /pull/i.test(get<string>(e, 'message') ?? '') && !pullHinted) hints.push(HINTS.imagePull([]));
      }
    } catch (err) {
      const on = `${target.kind.toLowerCase()}/${target.name}`;
      facts.push({ ja: `${on} のイベントを読めませんでした: ${(err as Error).message}`, en: `could not read the events of ${on}: ${(err as Error).message}` });
    }
  }

  const first = input.lastSeen[0];
  if (first) hints.push(HINTS.describe(`${first.metadata.namespace ? `-n ${first.metadata.namespace} ` : ''}${nameOf(first)}`));
  return { facts, hints: dedupe(hints) };
}

const eventTime = (e: KubeObject) => get<string>(e, 'lastTimestamp') ?? get<string>(e, 'eventTime') ?? get<string>(e, 'metadata', 'creationTimestamp') ?? '';

function dedupe(hints: Text[]): Text[] {
  const seen = new Set<string>();
  return hints.filter((h) => (seen.has(h.en) ? false : (seen.add(h.en), true)));
}
