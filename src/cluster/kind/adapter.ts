// The real Cluster: drives an existing kind cluster. Writes go through kubectl (server-side
// apply, delete, scale, exec) and docker (node exec), always with the lab's --context; reads
// and waits go through client-node pinned to the same context. The context guard runs before
// any process starts.
import { isSharedNamespace } from '../../lessons/system-namespaces.js';
import YAML from 'yaml';
import {
  ClusterUnreachable,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  type CallOptions,
  type Cluster,
  type ExecResult,
  type ExecTarget,
  type KubeObject,
  type ObjectRef,
  type WaitCondition,
  type WaitSpec,
} from '../port.js';
import { remainingMs } from '../deadline.js';
import { batchDeadlineMs, batchFor, readBatch } from '../exec-batch.js';
import { mustSucceed, runProcess, type ProcessResult } from '../process.js';
import { APPLY_ARGS, DELETE_ARGS, lessonSelector, nsArgs, podExecArgs, refArgs } from '../shown-commands.js';
import { TextError } from '../../core/task.js';
import { checkPodIptablesArgv, resolveIptablesArgv } from './iptables-backend.js';
import { contextForCluster } from '../context-name.js';
import { assertWritableContext, kubectlTargetArgs } from './context-guard.js';
import { awaitedObjects, describeLastSeen } from './describe-objects.js';
import { diagnose, WaitTimedOut } from './diagnose.js';
import { resourceFor, type ResourceInfo } from '../../core/kube-resources.js';
import { ApiError, KubeApi } from './kube-api.js';
import { assertArgvOfStrings, assertOneNodeName } from './argv-guards.js';
import { NO_SHELL, remoteOutcome } from './exec-outcome.js';
import { conditionHolds } from './wait-conditions.js';
import { watchUntil } from './watch-until.js';

export interface KindClusterOptions {
  /** kind cluster name; nodes are `<name>-control-plane`, `<name>-worker`, ... Default `kindlab`. */
  clusterName?: string;
  /** kubeconfig context; default `kind-<clusterName>`. */
  context?: string;
  profile: string;
  /** kubeconfig file; default: KUBECONFIG or ~/.kube/config, as kubectl reads them. */
  kubeconfig?: string;
  /** Writes to a context other than `kind-<clusterName>` only when the user named it (`--context`). */
  allowOtherContext?: boolean;
  /** Extra environment for kubectl/docker (tests put fakes on PATH this way). */
  env?: Record<string, string | undefined>;
}

/**
 * Cluster-scoped kinds a lesson may create; reset deletes those labelled as the lesson's.
 * CRDs are left alone on purpose: deleting one deletes every object of its type.
 */
export const LESSON_CLUSTER_SCOPED_KINDS = [
  'clusterrole',
  'clusterrolebinding',
  'ingressclass',
  'gatewayclass',
  'priorityclass',
  'validatingwebhookconfiguration',
  'mutatingwebhookconfiguration',
  'persistentvolume',
];

/** Label values: at most 63 characters, alphanumerics with -_. inside (k8s.io/apimachinery validation). */
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
export { lessonSelector };

export class KindCluster implements Cluster {
  readonly clusterName: string;
  readonly context: string;
  readonly profile: string;
  private readonly kubeconfig: string | undefined;
  private readonly allowOtherContext: boolean;
  private readonly env: Record<string, string | undefined> | undefined;
  private apiClient: KubeApi | undefined;

  constructor(opts: KindClusterOptions) {
    this.clusterName = opts.clusterName ?? 'kindlab';
    this.context = opts.context ?? contextForCluster(this.clusterName);
    this.profile = opts.profile;
    this.kubeconfig = opts.kubeconfig;
    this.allowOtherContext = opts.allowOtherContext === true;
    this.env = opts.env;
  }

  /** client-node, loaded on first use and pinned to this.context (the kubeconfig's current-context is ignored). */
  api(): KubeApi {
    this.apiClient ??= KubeApi.forContext({ context: this.context, kubeconfig: this.kubeconfig });
    return this.apiClient;
  }

  private guardWrite(): void {
    assertWritableContext({ clusterName: this.clusterName, context: this.context, allowOtherContext: this.allowOtherContext });
  }

  /** `kubectl [--kubeconfig F] --context C <args>`: never the current context. */
  kubectlArgv(args: string[]): string[] {
    return ['kubectl', ...kubectlTargetArgs(this.context, this.kubeconfig), ...args];
  }

  private async run(argv: string[], opts: CallOptions, input?: string): Promise<ProcessResult> {
    const result = await runProcess(argv, { timeoutMs: opts.timeoutMs, signal: opts.signal, input, env: this.env });
    if (result.notFound) {
      throw new ClusterUnreachable(
        { ja: `${argv[0]} がインストールされていないか、PATH にありません`, en: `${argv[0]} is not installed or not on PATH` },
        'kindlab doctor --fix',
      );
    }
    return result;
  }

  async apply(objects: KubeObject[], namespace: string | undefined, opts: CallOptions): Promise<void> {
    this.guardWrite();
    if (objects.length === 0) return;
    // The flags of the shown command (shown-commands.ts), with the objects on stdin.
    const argv = this.kubectlArgv([...APPLY_ARGS, ...nsArgs(namespace), '-f', '-']);
    mustSucceed(await this.run(argv, opts, toYamlStream(objects)), 'kubectl apply');
  }

  async delete(objects: KubeObject[], namespace: string | undefined, opts: CallOptions): Promise<void> {
    this.guardWrite();
    if (objects.length === 0) return;
    const unlabelled = objects.filter((o) => o.metadata.labels?.[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE);
    if (unlabelled.length) {
      const names = unlabelled.map((o) => `${o.kind}/${o.metadata.name}`).join(', ');
      throw new TextError({
        ja: `ラベル ${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE} のないオブジェクトは削除しません: ${names}`,
        en: `refusing to delete objects without the label ${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}: ${names}`,
      });
    }
    const deadline = Date.now() + opts.timeoutMs;
    const argv = this.kubectlArgv([...DELETE_ARGS, ...nsArgs(namespace), '-f', '-']);
    mustSucceed(await this.run(argv, opts, toYamlStream(objects)), 'kubectl delete');
    const api = this.api();
    await Promise.all(
      objects.map(async (obj) => {
        const r = await api.resolveObject(obj, { timeoutMs: remainingMs(deadline), signal: opts.signal });
        const ns = r.namespaced ? (obj.metadata.namespace ?? namespace ?? 'default') : undefined;
        await this.waitOn(r, ns, { name: obj.metadata.name }, 'Deleted', deadline, opts.signal);
      }),
    );
  }

  async scale(ref: ObjectRef, replicas: number, opts: CallOptions): Promise<void> {
    this.guardWrite();
    const argv = this.kubectlArgv(['scale', ...nsArgs(ref.namespace), ...refArgs(ref), `--replicas=${replicas}`]);
    mustSucceed(await this.run(argv, opts), 'kubectl scale');
  }

  async read(ref: ObjectRef, opts: CallOptions): Promise<KubeObject[]> {
    const api = this.api();
    const req = { timeoutMs: opts.timeoutMs, signal: opts.signal };
    const r = await api.resolve(ref.kind, req);
    if (ref.name) {
      const obj = await api.getObject(r, ref.namespace ?? (r.namespaced ? this.defaultNamespace() : undefined), ref.name, req);
      return obj ? [obj] : [];
    }
    return (await api.list(r, ref.namespace, { labelSelector: ref.selector }, req)).items;
  }

  async wait(spec: WaitSpec, opts: { signal?: AbortSignal }): Promise<void> {
    const deadline = Date.now() + spec.timeoutMs;
    const r = await this.api().resolve(spec.ref.kind, { timeoutMs: remainingMs(deadline), signal: opts.signal });
    const ns = r.namespaced ? (spec.ref.namespace ?? (spec.ref.name ? this.defaultNamespace() : undefined)) : undefined;
    await this.waitOn(r, ns, { name: spec.ref.name, selector: spec.ref.selector }, spec.condition, deadline, opts.signal);
  }

  async exec(target: ExecTarget, argv: string[], opts: CallOptions): Promise<ExecResult> {
    this.guardWrite();
    if (argv.length === 0) throw new Error('exec needs a command');
    assertArgvOfStrings(argv);
    const r = await this.run(this.execArgv(target, await this.commandAt(target, argv, opts)), opts);
    return { ...remoteOutcome(target, r), durationMs: r.durationMs };
  }

  /** One process for all samples: a fixed sh script repeats the command inside the container (exec-batch.ts). */
  async execRepeated(target: ExecTarget, argv: string[], count: number, opts: CallOptions): Promise<ExecResult[] | undefined> {
    this.guardWrite();
    if (argv.length === 0) throw new Error('exec needs a command');
    assertArgvOfStrings(argv);
    const batch = batchFor(await this.commandAt(target, argv, opts), count, opts.timeoutMs);
    const r = await this.run(this.execArgv(target, batch.argv), { timeoutMs: batchDeadlineMs(batch), signal: opts.signal });
    const reading = readBatch(r.stdout, batch);
    const outcome = remoteOutcome(target, r);
    if (!reading.ran) {
      // No sh (or no mktemp/base64) in the container: the caller runs the command once per sample.
      if (reading.unsupported || NO_SHELL.test(outcome.stderr) || outcome.exitCode === 126 || outcome.exitCode === 127) return undefined;
      // The exec itself failed (no such Pod, container not running): every sample saw that.
      return Array.from({ length: count }, () => ({ ...outcome, durationMs: r.durationMs }));
    }
    const cutShort = {
      stdout: '',
      stderr: outcome.stderr || `the repeated run ended before this sample (exit code ${outcome.exitCode})`,
      exitCode: outcome.exitCode || 1,
      timedOut: outcome.timedOut,
    };
    const perSample = Math.round(r.durationMs / Math.max(1, reading.samples.length));
    return Array.from({ length: count }, (_, i) => ({ ...(reading.samples[i] ?? cutShort), durationMs: perSample }));
  }

  /** On a node, `iptables …` reads the backend (nft or legacy) that holds kube-proxy's rules; in a Pod it runs as written once the Pod's `iptables` is known to read that backend. */
  private async commandAt(target: ExecTarget, argv: string[], opts: CallOptions): Promise<string[]> {
    return 'node' in target ? resolveIptablesArgv(this, target.node, argv, opts) : checkPodIptablesArgv(this, target, argv, opts);
  }

  private execArgv(target: ExecTarget, command: string[]): string[] {
    return 'node' in target ? ['docker', 'exec', this.nodeName(target.node), ...command] : this.kubectlArgv([...podExecArgs(target), ...command]);
  }

  async ensureAddon(name: string, opts: CallOptions): Promise<void> {
    const { ensureAddon } = await import('./addons/index.js');
    await ensureAddon(this, name, opts, { env: this.env });
  }

  async deleteLessonObjects(lessonId: string, opts: CallOptions): Promise<void> {
    this.guardWrite();
    if (!lessonId || !LABEL_VALUE.test(lessonId)) throw new Error(`"${lessonId}" is not a valid lesson id (a label value: letters, digits, - _ .; at most 63)`);
    const deadline = Date.now() + opts.timeoutMs;
    const selector = lessonSelector(lessonId);
    const api = this.api();
    const found: { r: ResourceInfo; count: number; names?: string[] }[] = [];
    for (const kind of ['namespace', ...LESSON_CLUSTER_SCOPED_KINDS]) {
      const r = resourceFor(kind);
      if (!r) continue;
      try {
        const listed = await api.list(r, undefined, { labelSelector: selector }, { timeoutMs: remainingMs(deadline), signal: opts.signal });
        // A system or shared namespace is never kindlab's to delete, whatever labels it carries:
        // then the lesson's own namespaces are deleted (and awaited) by name.
        const names = listed.items.map((item) => String((item as { metadata?: { name?: string } }).metadata?.name));
        const owned = kind === 'namespace' ? names.filter((name) => !isSharedNamespace(name)) : names;
        if (owned.length) found.push({ r, count: owned.length, ...(owned.length < names.length ? { names: owned } : {}) });
      } catch (err) {
        if (err instanceof ApiError && (err.status === 404 || err.status === 403)) continue; // type not served (e.g. no Gateway API CRDs)
        throw err;
      }
    }
    for (const { r, names } of found) {
      const argv = this.kubectlArgv(['delete', kubectlResourceName(r), ...(names ?? ['-l', selector]), '--ignore-not-found', '--wait=false']);
      mustSucceed(await this.run(argv, { timeoutMs: remainingMs(deadline), signal: opts.signal }), `kubectl delete ${kubectlResourceName(r)}`);
    }
    await Promise.all(
      found.flatMap(({ r, names }) =>
        names
          ? names.map((name) => this.waitOn(r, undefined, { name }, 'Deleted', deadline, opts.signal))
          : [this.waitOn(r, undefined, { selector }, 'Deleted', deadline, opts.signal)],
      ),
    );
  }

  nodeName(nameOrRole: string): string {
    assertOneNodeName(nameOrRole);
    if (nameOrRole === 'control-plane' || /^worker\d*$/.test(nameOrRole)) return `${this.clusterName}-${nameOrRole}`;
    return nameOrRole;
  }

  private defaultNamespace(): string {
    const ctx = this.api().kc.getContextObject(this.context);
    return ctx?.namespace || 'default';
  }

  /**
   * Lists, then watches from the list's resourceVersion until `condition` holds for the matched
   * objects or the deadline passes. A watch that ends (server timeout, 410 Gone, a reset
   * connection) is re-established from a fresh list. On the deadline: WaitTimedOut with a diagnosis.
   */
  private async waitOn(
    r: ResourceInfo,
    namespace: string | undefined,
    match: { name?: string; selector?: string },
    condition: WaitCondition,
    deadline: number,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const api = this.api();
    const what = awaitedObjects(r.kind.toLowerCase(), match, namespace);
    const outcome = await watchUntil(api, r, namespace, match, (objs) => conditionHolds(condition, objs), deadline, signal);
    if (outcome.met) return;
    const lastSeen = outcome.lastSeen;
    const d = await diagnose(api, { namespace, what, condition, lastSeen });
    if (outcome.lastError)
      d.facts.push({
        ja: `${what.ja} の最後の読み取りに失敗しました: ${outcome.lastError}`,
        en: `the last attempt to read ${what.en} failed: ${outcome.lastError}`,
      });
    const awaited = { ja: `${what.ja} が ${condition} になる`, en: `${what.en} to be ${condition}` };
    throw new WaitTimedOut(awaited, describeLastSeen(lastSeen), d.facts, d.hints);
  }
}

/** `namespaces`, `clusterroles.rbac.authorization.k8s.io`: names kubectl cannot mistake. */
const kubectlResourceName = (r: ResourceInfo) => (r.group ? `${r.plural}.${r.group}` : r.plural);

/** Objects as a YAML stream for `kubectl ... -f -`. */
export function toYamlStream(objects: KubeObject[]): string {
  return objects.map((o) => YAML.stringify(o, { lineWidth: 0 })).join('---\n');
}
