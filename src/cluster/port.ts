// The one seam between kindlab's core and a Kubernetes cluster. The engine sees only this
// interface; the kind adapter (src/cluster/kind/) implements it for real, test/fakes for tests.
import { bilingual, EXIT, KindlabError } from '../core/errors.js';
import type { Text } from '../core/text.js';
import type { KubeObject } from '../core/kube-object.js';

// Re-exported: the port's callers (cli/, engine/, test fakes) take the object type and labels from here.
export type { KubeObject } from '../core/kube-object.js';
export { LESSON_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../core/kube-object.js';

/** Names one object (`name` set) or a set of objects (`selector` set, or neither for all of a kind). */
export interface ObjectRef {
  /** Lower-case resource kind as kubectl accepts it: pod, service, deployment, endpointslice, node, ... */
  kind: string;
  name?: string;
  /** Label selector, e.g. `app=web`. */
  selector?: string;
  /** Omitted for cluster-scoped kinds (node, namespace). */
  namespace?: string;
}

export type WaitCondition =
  | 'Available' // Deployment: condition Available=True and all replicas updated and ready
  | 'Ready' // Pod(s): condition Ready=True; Node(s): Ready=True
  | 'Exists' // at least one object matches
  | 'Deleted' // no object matches
  | 'Complete'; // Job finished

export interface WaitSpec {
  ref: ObjectRef;
  condition: WaitCondition;
  timeoutMs: number;
}

/** Where a command runs: a container in a Pod (kubectl exec) or a kind node container (docker exec). */
export type ExecTarget = { pod: string; namespace: string; container?: string } | { node: string };

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** Process exit code; 124 when the deadline killed it (as coreutils `timeout` reports). */
  exitCode: number;
  timedOut: boolean;
  durationMs: number;
}

export interface CallOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Thrown by a wait that reached its deadline; says what was awaited and what was last seen (both data). */
export class DeadlineExceeded extends KindlabError {
  readonly lastSeenText: Text;
  constructor(
    readonly awaited: string,
    readonly lastSeen: string,
    readonly diagnosis: string[] = [],
    /** The same in Japanese, where awaited and lastSeen hold words (the kind adapter's waits). */
    ja: { awaited: string; lastSeen: string } = { awaited, lastSeen },
    /** Facts and hints in both languages (the kind adapter's waits); otherwise the diagnosis lines, which are data. */
    evidence: { facts: Text[]; hints: Text[] } = { facts: diagnosis.map((line) => bilingual(line)), hints: [] },
  ) {
    const en = `timed out waiting for ${awaited}; last seen: ${lastSeen}`;
    super(en, {
      text: { ja: `時間切れです (待っていたもの: ${ja.awaited})。最後の状態: ${ja.lastSeen}`, en },
      exitCode: EXIT.checkFailed,
      evidence,
      internal: false,
    });
    this.lastSeenText = { ja: ja.lastSeen, en: lastSeen };
    this.name = 'DeadlineExceeded';
  }
}

/** The cluster is not reachable at all (no cluster, Docker stopped, wrong kubeconfig). */
export class ClusterUnreachable extends KindlabError {
  /** What to type, with `# notes` in the learner's language. */
  readonly fixText: Text;
  /** The English fix (logs, --json). */
  readonly fix: string;
  /** `framed`: the top says "Cannot reach the cluster: " before the text (messages.clusterError). */
  constructor(message: string | Text, fix: string | Text, framed = true) {
    const text = bilingual(message);
    const messageKey = framed ? 'clusterError' : undefined;
    super(text.en, { text, messageKey, exitCode: EXIT.prerequisites, evidence: { typeThis: bilingual(fix) }, internal: false });
    this.fixText = bilingual(fix);
    this.fix = this.fixText.en;
    this.name = 'ClusterUnreachable';
  }
}

/** A write was about to go to a context that is not the lab's. */
export class WrongContext extends KindlabError {
  constructor(
    readonly context: string,
    readonly expected: string,
  ) {
    const en = `refusing to write to context "${context}": kindlab only writes to "${expected}" unless --context names another`;
    const ja = `コンテキスト "${context}" には書き込みません。kindlab が書き込むのは "${expected}" だけです (別のコンテキストに書くには --context で指定します)`;
    super(en, { text: { ja, en }, exitCode: EXIT.badInput, internal: false });
    this.name = 'WrongContext';
  }
}

export interface Cluster {
  /** kubeconfig context every call uses, e.g. `kind-kindlab`. */
  readonly context: string;
  /** Cluster profile name, e.g. `calico-vxlan`; expectations may depend on it. */
  readonly profile: string;

  /** Server-side apply of objects (already labelled by the caller) into a namespace. */
  apply(objects: KubeObject[], namespace: string | undefined, opts: CallOptions): Promise<void>;
  /** Delete objects; absent objects are not an error. */
  delete(objects: KubeObject[], namespace: string | undefined, opts: CallOptions): Promise<void>;
  scale(ref: ObjectRef, replicas: number, opts: CallOptions): Promise<void>;
  /** Resolves when the condition holds; rejects with DeadlineExceeded (with a diagnosis) otherwise. */
  wait(spec: WaitSpec, opts: { signal?: AbortSignal }): Promise<void>;
  /** Objects matching the ref (one element for a named object; empty when absent). */
  read(ref: ObjectRef, opts: CallOptions): Promise<KubeObject[]>;
  exec(target: ExecTarget, argv: string[], opts: CallOptions): Promise<ExecResult>;
  /**
   * Runs argv `count` times at the target in one go (one process start for the lot, whatever the
   * count); each sample keeps its own stdout, stderr, exit code and timeout (`opts.timeoutMs` is per
   * sample). Optional, and undefined when the target cannot (no sh): the engine then calls exec per sample.
   */
  execRepeated?(target: ExecTarget, argv: string[], count: number, opts: CallOptions): Promise<ExecResult[] | undefined>;
  /** Install a pinned add-on (src/lessons/addons.ts) unless it is already installed and ready; idempotent. */
  ensureAddon(name: string, opts: CallOptions): Promise<void>;
  /** Delete every namespace and cluster-scoped object labelled as this lesson's, and wait until gone. */
  deleteLessonObjects(lessonId: string, opts: CallOptions): Promise<void>;
  /** The node name kind gives a role: `worker` -> `kindlab-worker`; full names pass through. */
  nodeName(nameOrRole: string): string;
}
