// A model cluster for the wrong-fix tests: it holds exactly the objects a lesson applied (through the
// engine's own tasks) and, when read, adds what the controllers would (named as a model, not a
// recording): each Deployment's and StatefulSet's Pods, Running and Ready, on kindlab-worker unless
// the spec names a node; ClusterIPs; node ports allocated where the manifest gives none; a health
// check node port for a LoadBalancer Service with Local; load balancer addresses (cloud-provider-kind);
// one EndpointSlice per Service with a selector, holding the Ready Pods it selects in its namespace;
// the kind nodes, CoreDNS and the kubernetes Service. What a `run` check sees comes from `onExec`.
import type { CallOptions, ExecResult, ExecTarget, KubeObject, ObjectRef } from '../../src/cluster/port.js';
import type { PollOutcome } from '../../src/engine/poll.js';
import { stepStartTasks } from '../../src/engine/self-test.js';
import { actionTasks, checkStep, initialBindings, type EngineContext } from '../../src/engine/step.js';
import type { Cluster } from '../../src/cluster/port.js';
import type { Task } from '../../src/core/task.js';
import type { Lesson, Step } from '../../src/lessons/model.js';
import type { ActionsFile } from '../../src/lessons/schema.js';
import { FakeClock } from '../fakes/fake-cluster.js';
import { node, selectObjects, type Obj } from './expectations-world.js';

const CLUSTER_SCOPED = new Set(['Namespace', 'GatewayClass', 'IngressClass', 'Node']);
/** The address cloud-provider-kind would give a LoadBalancer Service, an Ingress or a Gateway here. */
export const LB_ADDRESS = '172.18.0.100';

export type OnExec = (model: ModelCluster, target: ExecTarget, argv: string[], opts: CallOptions) => Promise<ExecResult>;

/** What a `run` check sees where a test models no data path: nothing judged (only reads count there). */
export const NOT_MODELLED: OnExec = async () => ({ stdout: '', stderr: 'not modelled in this test\n', exitCode: 0, timedOut: false, durationMs: 1 });

const ready = [
  { type: 'Ready', status: 'True' },
  { type: 'ContainersReady', status: 'True' },
  { type: 'PodScheduled', status: 'True' },
];

function hashOf(text: string): number {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

export class ModelCluster {
  readonly context = 'kind-kindlab';
  readonly profile = 'calico-vxlan';
  objects: Obj[] = [];
  /** Creation order of each object (an update keeps its creation time, as the API server does). */
  created = new Map<Obj, number>();
  private clock = 0;
  constructor(
    private readonly onExec: OnExec = NOT_MODELLED,
    readonly lbAddress = LB_ADDRESS,
  ) {}

  private key = (o: Pick<KubeObject, 'kind' | 'metadata'>, ns?: string) =>
    `${o.kind}/${CLUSTER_SCOPED.has(o.kind) ? '' : (o.metadata.namespace ?? ns)}/${o.metadata.name}`;

  async apply(objects: KubeObject[], namespace: string | undefined) {
    for (const o of objects) {
      const k = this.key(o, namespace);
      const old = this.objects.find((x) => this.key(x) === k);
      const copy = structuredClone({
        ...o,
        metadata: { ...o.metadata, ...(CLUSTER_SCOPED.has(o.kind) ? {} : { namespace: o.metadata.namespace ?? namespace }) },
      }) as Obj;
      this.objects = this.objects.filter((x) => x !== old);
      this.objects.push(copy);
      this.created.set(copy, old ? this.created.get(old)! : ++this.clock);
    }
  }

  async delete(objects: KubeObject[], namespace: string | undefined) {
    const gone = new Set(objects.map((o) => this.key(o, namespace)));
    this.objects = this.objects.filter((o) => !gone.has(this.key(o)));
  }

  async scale(ref: ObjectRef, replicas: number) {
    const found = this.objects.find((o) => o.kind.toLowerCase() === ref.kind && o.metadata.name === ref.name && o.metadata.namespace === ref.namespace);
    if (!found) throw new Error(`${ref.kind}/${ref.name} not found`);
    found.spec.replicas = replicas;
  }

  async wait() {}
  async ensureAddon() {}
  async deleteLessonObjects(lessonId: string) {
    this.objects = this.objects.filter((o) => o.metadata.labels?.['kindlab.dev/lesson'] !== lessonId);
  }
  nodeName(n: string) {
    return n.startsWith('kindlab-') ? n : `kindlab-${n}`;
  }

  /** What the API server would hold now (see the module header). */
  view(): Obj[] {
    const nodes = [
      node('kindlab-control-plane', '172.18.0.2', '10.244.0.0/24'),
      node('kindlab-worker', '172.18.0.3', '10.244.1.0/24'),
      node('kindlab-worker2', '172.18.0.4', '10.244.2.0/24'),
    ];
    const nodeIP = (name: string) => nodes.find((n) => n.metadata.name === name)?.status.addresses[0].address;
    let ip = 20;
    const running = (pod: Obj): Obj => {
      const nodeName = pod.spec?.nodeName ?? 'kindlab-worker';
      return {
        ...pod,
        spec: { dnsPolicy: 'ClusterFirst', ...pod.spec, nodeName },
        status: { phase: 'Running', podIP: pod.spec?.hostNetwork ? nodeIP(nodeName) : `10.244.1.${ip++}`, hostIP: nodeIP(nodeName), conditions: ready },
      };
    };
    const podOf = (owner: Obj, name: string, extra: Record<string, unknown> = {}): Obj =>
      running({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace: owner.metadata.namespace,
          labels: owner.spec.template.metadata.labels,
          ownerReferences: [{ kind: owner.kind === 'Deployment' ? 'ReplicaSet' : owner.kind, name: owner.metadata.name }],
        },
        spec: { ...owner.spec.template.spec, ...extra },
      });
    const system: Obj[] = [
      ...nodes,
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', namespace: 'default' },
        spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443 }] },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kube-dns', namespace: 'kube-system' },
        spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', selector: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] },
      },
      ...['coredns-7db6d8ff4d-4kx2p', 'coredns-7db6d8ff4d-9wq7z'].map((name, i) => ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
        spec: { nodeName: 'kindlab-control-plane' },
        status: { phase: 'Running', podIP: `10.244.0.${2 + i}`, conditions: ready },
      })),
    ];
    const out: Obj[] = [...system];
    for (const o of this.objects) {
      if (o.kind === 'Deployment')
        for (let i = 0; i < (o.spec.replicas ?? 1); i++) out.push(podOf(o, `${o.metadata.name}-6b7c8d9f5-${'bcdfghjklm'[i]}x${i}k2`));
      else if (o.kind === 'StatefulSet')
        for (let i = 0; i < (o.spec.replicas ?? 1); i++)
          out.push(podOf(o, `${o.metadata.name}-${i}`, { hostname: `${o.metadata.name}-${i}`, subdomain: o.spec.serviceName }));
      else if (o.kind === 'Pod') out.push(running(o));
      else if (o.kind === 'Service') out.push(this.serviceView(o));
      else if (o.kind === 'Gateway' || o.kind === 'Ingress') {
        const status =
          o.kind === 'Gateway'
            ? { addresses: [{ type: 'IPAddress', value: this.lbAddress }], conditions: [{ type: 'Programmed', status: 'True' }] }
            : { loadBalancer: { ingress: [{ ip: this.lbAddress }] } };
        out.push({ ...o, status });
      } else out.push(o);
    }
    for (const service of out.filter((o) => o.kind === 'Service' && o.spec.selector)) {
      const pods = out.filter(
        (p) =>
          p.kind === 'Pod' &&
          p.metadata.namespace === service.metadata.namespace &&
          Object.entries(service.spec.selector as Record<string, string>).every(([k, v]) => p.metadata.labels?.[k] === v),
      );
      out.push({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: `${service.metadata.name}-x7k2p`,
          namespace: service.metadata.namespace,
          labels: { 'kubernetes.io/service-name': service.metadata.name },
        },
        addressType: 'IPv4',
        endpoints: pods.map((p) => ({
          addresses: [p.status.podIP],
          conditions: { ready: true },
          nodeName: p.spec.nodeName,
          targetRef: { kind: 'Pod', name: p.metadata.name },
        })),
      });
    }
    return out;
  }

  private serviceView(o: Obj): Obj {
    const seed = hashOf(`${o.metadata.namespace}/${o.metadata.name}`);
    const external = o.spec.type === 'NodePort' || o.spec.type === 'LoadBalancer';
    const spec = {
      type: 'ClusterIP',
      ...o.spec,
      ...(o.spec.type === 'ExternalName' || o.spec.clusterIP === 'None'
        ? {}
        : { clusterIP: o.spec.clusterIP ?? `10.96.${seed % 250}.${((seed >>> 8) % 250) + 2}` }),
      // the API server allocates a free node port in 30000-32767 where the manifest gives none
      ports: (o.spec.ports ?? []).map((p: Record<string, unknown>, i: number) => (external ? { nodePort: 30000 + ((seed + i * 7919) % 2768), ...p } : p)),
      ...(o.spec.type === 'LoadBalancer' && o.spec.externalTrafficPolicy === 'Local'
        ? { healthCheckNodePort: o.spec.healthCheckNodePort ?? 32000 + (seed % 700) }
        : {}),
    };
    const status = o.spec.type === 'LoadBalancer' ? { loadBalancer: { ingress: [{ ip: this.lbAddress, ipMode: 'VIP' }] } } : { loadBalancer: {} };
    return { ...o, spec, status };
  }

  async read(ref: ObjectRef): Promise<KubeObject[]> {
    return selectObjects(this.view(), ref) as KubeObject[];
  }

  exec(target: ExecTarget, argv: string[], opts: CallOptions) {
    return this.onExec(this, target, argv, opts);
  }
}

async function runAll(tasks: Task[]): Promise<void> {
  for (const task of tasks) {
    if (await task.skip?.()) continue;
    await task.run(new AbortController().signal);
  }
}

/** The challenge from a fresh start of its step with `actions` applied, judged once by the engine (as `kindlab test` does). */
export async function judge(lesson: Lesson, step: Step, model: ModelCluster, actions: ActionsFile | undefined): Promise<PollOutcome> {
  const ctx: EngineContext = { lesson, cluster: model as unknown as Cluster, clock: new FakeClock(), bindings: initialBindings(lesson, model) };
  await runAll(stepStartTasks(step, ctx));
  if (actions) await runAll(actionTasks(actions, ctx));
  return checkStep(step, ctx, { windowMs: 0 });
}

/** Each failing item as "check title: key: expected …, observed …"; only `read` checks when `readsOnly`. */
export function failures(step: Step, outcome: PollOutcome, readsOnly = false): string[] {
  return outcome.checks.flatMap((c, i) => {
    if (readsOnly && !step.checks?.[i]?.read) return [];
    return [
      ...(c.notRun ? [`${c.title?.en}: not run: ${c.notRun.en}`] : []),
      ...c.results.filter((r) => !r.verdict.pass).map((r) => `${c.title?.en}: ${r.key}: expected ${r.verdict.expected}, observed ${r.verdict.observed}`),
    ];
  });
}
