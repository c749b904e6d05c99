// An in-memory Cluster for engine tests: objects by kind/namespace/name, scripted exec answers,
// and a log of every call in order. The real adapter is tested separately by contract.
import type { CallOptions, Cluster, ExecResult, ExecTarget, KubeObject, ObjectRef, WaitSpec } from '../../src/cluster/port.js';
import { DeadlineExceeded } from '../../src/cluster/port.js';

export type ExecAnswer = Partial<ExecResult> | ((argv: string[], target: ExecTarget) => Partial<ExecResult>);

export interface FakeCall {
  op: 'apply' | 'delete' | 'scale' | 'wait' | 'read' | 'exec' | 'deleteLessonObjects' | 'ensureAddon';
  detail: unknown;
}

export class FakeCluster implements Cluster {
  readonly context = 'kind-kindlab';
  readonly calls: FakeCall[] = [];
  objects: KubeObject[] = [];
  private answers: { match: (argv: string[], target: ExecTarget) => boolean; answer: ExecAnswer }[] = [];
  /** Hook run on apply, e.g. to make a Service get a ClusterIP as the API server would. */
  onApply: (objects: KubeObject[], namespace?: string) => void = () => {};
  waitFails = false;

  constructor(readonly profile = 'calico-vxlan') {}

  /** Answer exec calls whose argv starts with `prefix` (later answers win). */
  answer(prefix: string[], answer: ExecAnswer): this {
    this.answers.unshift({ match: (argv) => prefix.every((p, i) => argv[i] === p), answer });
    return this;
  }

  nodeName(nameOrRole: string): string {
    return nameOrRole.startsWith('kindlab-') ? nameOrRole : `kindlab-${nameOrRole}`;
  }

  async apply(objects: KubeObject[], namespace: string | undefined, _opts: CallOptions) {
    this.calls.push({ op: 'apply', detail: { names: objects.map((o) => `${o.kind}/${o.metadata.name}`), namespace, objects } });
    for (const o of objects) {
      const ns = o.kind === 'Namespace' ? undefined : (o.metadata.namespace ?? namespace);
      const copy = structuredClone({ ...o, metadata: { ...o.metadata, ...(ns ? { namespace: ns } : {}) } });
      this.objects = this.objects.filter(
        (x) => !(x.kind === copy.kind && x.metadata.name === copy.metadata.name && x.metadata.namespace === copy.metadata.namespace),
      );
      this.objects.push(copy);
    }
    this.onApply(objects, namespace);
  }

  async delete(objects: KubeObject[], namespace: string | undefined, _opts: CallOptions) {
    this.calls.push({ op: 'delete', detail: { names: objects.map((o) => `${o.kind}/${o.metadata.name}`), namespace } });
    const gone = new Set(objects.map((o) => `${o.kind}/${o.metadata.name}`));
    this.objects = this.objects.filter((o) => !gone.has(`${o.kind}/${o.metadata.name}`));
  }

  async scale(ref: ObjectRef, replicas: number, _opts: CallOptions) {
    this.calls.push({ op: 'scale', detail: { ref, replicas } });
  }

  async wait(spec: WaitSpec) {
    this.calls.push({ op: 'wait', detail: spec });
    if (this.waitFails)
      throw new DeadlineExceeded(`${spec.ref.kind}/${spec.ref.name} ${spec.condition}`, 'Pending', ['ImagePullBackOff: nicolaka/netshoot:v0.13']);
  }

  async read(ref: ObjectRef, _opts: CallOptions): Promise<KubeObject[]> {
    this.calls.push({ op: 'read', detail: ref });
    const kindName = (o: KubeObject) => o.kind.toLowerCase();
    return this.objects.filter(
      (o) =>
        kindName(o) === ref.kind &&
        (ref.name === undefined || o.metadata.name === ref.name) &&
        (ref.namespace === undefined || o.metadata.namespace === ref.namespace) &&
        (ref.selector === undefined ||
          ref.selector.split(',').every((pair) => {
            const [k, v] = pair.split('=');
            return o.metadata.labels?.[k!] === v;
          })),
    );
  }

  async exec(target: ExecTarget, argv: string[], opts: CallOptions): Promise<ExecResult> {
    this.calls.push({ op: 'exec', detail: { target, argv, timeoutMs: opts.timeoutMs } });
    const found = this.answers.find((a) => a.match(argv, target));
    const answer =
      typeof found?.answer === 'function' ? found.answer(argv, target) : (found?.answer ?? { stderr: `fake: no answer for ${argv.join(' ')}`, exitCode: 127 });
    return { stdout: '', stderr: '', exitCode: 0, timedOut: false, durationMs: 1, ...answer };
  }

  async ensureAddon(name: string, opts: CallOptions) {
    this.calls.push({ op: 'ensureAddon', detail: { name, timeoutMs: opts.timeoutMs } });
  }

  async deleteLessonObjects(lessonId: string, _opts: CallOptions) {
    this.calls.push({ op: 'deleteLessonObjects', detail: lessonId });
    this.objects = this.objects.filter((o) => o.metadata.labels?.['kindlab.dev/lesson'] !== lessonId);
  }

  ops(): string[] {
    return this.calls.map((c) => c.op);
  }
}

/** A clock whose sleeps pass instantly but advance time, so deadline logic runs in microseconds. */
export class FakeClock {
  time = 1_000_000;
  sleeps: number[] = [];
  now = () => this.time;
  sleep = async (ms: number, signal?: AbortSignal) => {
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    this.sleeps.push(ms);
    this.time += ms;
  };
}
