// Builders of API objects for the fake API server. Typed by hand after the Kubernetes API
// reference (k8s.io/api core/v1, apps/v1, discovery/v1, events in core/v1) and the shapes
// `kubectl get -o json` prints for a kind cluster; NOT recorded from a cluster.
import type { FakeObject } from './api-server.js';

const created = '2026-01-10T09:00:00Z';
const meta = (name: string, namespace?: string, labels?: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid: `uid-${namespace ?? 'cluster'}-${name}`,
  creationTimestamp: created,
  ...(labels ? { labels } : {}),
  ...extra,
});

export function deployment(name: string, namespace: string, opts: { replicas: number; ready: number; generation?: number; observed?: number }): FakeObject {
  const available = opts.ready >= opts.replicas;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, namespace, { app: name }, { generation: opts.generation ?? 1 }),
    spec: {
      replicas: opts.replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'nginx:1.27' }] } },
    },
    status: {
      observedGeneration: opts.observed ?? opts.generation ?? 1,
      replicas: opts.replicas,
      updatedReplicas: opts.replicas,
      readyReplicas: opts.ready,
      availableReplicas: opts.ready,
      ...(opts.ready < opts.replicas ? { unavailableReplicas: opts.replicas - opts.ready } : {}),
      conditions: [
        {
          type: 'Available',
          status: available ? 'True' : 'False',
          reason: available ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
          message: available ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.',
          lastUpdateTime: created,
          lastTransitionTime: created,
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'ReplicaSetUpdated',
          message: `ReplicaSet "${name}-7c5ddbdf54" is progressing.`,
          lastUpdateTime: created,
          lastTransitionTime: created,
        },
      ],
    },
  };
}

type ContainerState =
  { running: { startedAt: string } } | { waiting: { reason: string; message?: string } } | { terminated: { exitCode: number; reason: string } };

export function pod(
  name: string,
  namespace: string,
  opts: {
    app: string;
    phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
    ready: boolean;
    image?: string;
    state?: ContainerState;
    lastState?: ContainerState;
    restartCount?: number;
    podIP?: string;
    node?: string;
  },
): FakeObject {
  const image = opts.image ?? 'nginx:1.27';
  const container = opts.app;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(name, namespace, { app: opts.app, 'pod-template-hash': '7c5ddbdf54' }),
    spec: { nodeName: opts.node ?? 'kindlab-worker', containers: [{ name: container, image }] },
    status: {
      phase: opts.phase,
      hostIP: '172.18.0.3',
      ...(opts.podIP ? { podIP: opts.podIP, podIPs: [{ ip: opts.podIP }] } : {}),
      conditions: [
        { type: 'PodScheduled', status: 'True', lastTransitionTime: created },
        { type: 'Initialized', status: 'True', lastTransitionTime: created },
        {
          type: 'ContainersReady',
          status: opts.ready ? 'True' : 'False',
          lastTransitionTime: created,
          ...(opts.ready ? {} : { reason: 'ContainersNotReady', message: `containers with unready status: [${container}]` }),
        },
        {
          type: 'Ready',
          status: opts.ready ? 'True' : 'False',
          lastTransitionTime: created,
          ...(opts.ready ? {} : { reason: 'ContainersNotReady', message: `containers with unready status: [${container}]` }),
        },
      ],
      containerStatuses: [
        {
          name: container,
          image,
          imageID: '',
          ready: opts.ready,
          started: opts.ready,
          restartCount: opts.restartCount ?? 0,
          state: opts.state ?? (opts.ready ? { running: { startedAt: created } } : { waiting: { reason: 'ContainerCreating' } }),
          ...(opts.lastState ? { lastState: opts.lastState } : { lastState: {} }),
        },
      ],
    },
  };
}

export function node(name: string, ready: boolean, internalIP: string, podCIDR: string): FakeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(name, undefined, { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' }),
    spec: { podCIDR, podCIDRs: [podCIDR], providerID: `kind://docker/kindlab/${name}` },
    status: {
      addresses: [
        { type: 'InternalIP', address: internalIP },
        { type: 'Hostname', address: name },
      ],
      conditions: [
        ready
          ? {
              type: 'Ready',
              status: 'True',
              reason: 'KubeletReady',
              message: 'kubelet is posting ready status',
              lastHeartbeatTime: created,
              lastTransitionTime: created,
            }
          : {
              type: 'Ready',
              status: 'False',
              reason: 'KubeletNotReady',
              message:
                'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
              lastHeartbeatTime: created,
              lastTransitionTime: created,
            },
      ],
    },
  };
}

export function service(name: string, namespace: string, clusterIP: string): FakeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name, namespace, { app: name }),
    spec: {
      type: 'ClusterIP',
      clusterIP,
      clusterIPs: [clusterIP],
      selector: { app: name },
      ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 80 }],
      ipFamilies: ['IPv4'],
    },
    status: { loadBalancer: {} },
  };
}

export function endpointSlice(service: string, namespace: string, addresses: string[]): FakeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: meta(`${service}-abcde`, namespace, {
      'kubernetes.io/service-name': service,
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    }),
    addressType: 'IPv4',
    endpoints: addresses.map((a, i) => ({
      addresses: [a],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: i % 2 ? 'kindlab-worker2' : 'kindlab-worker',
    })),
    ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
  };
}

export function event(
  namespace: string,
  involved: { kind: string; name: string },
  e: { type: 'Normal' | 'Warning'; reason: string; message: string; at: string; count?: number },
): FakeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: meta(
      `${involved.name}.${Buffer.from(e.reason + e.at)
        .toString('hex')
        .slice(0, 16)}`,
      namespace,
    ),
    involvedObject: { kind: involved.kind, namespace, name: involved.name, apiVersion: involved.kind === 'Pod' ? 'v1' : 'apps/v1' },
    reason: e.reason,
    message: e.message,
    source: { component: 'kubelet', host: 'kindlab-worker' },
    firstTimestamp: e.at,
    lastTimestamp: e.at,
    count: e.count ?? 1,
    type: e.type,
    reportingComponent: 'kubelet',
    reportingInstance: 'kindlab-worker',
  };
}

export function namespace(name: string, labels: Record<string, string>, opts: { terminating?: boolean; finalizers?: string[] } = {}): FakeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta(name, undefined, { 'kubernetes.io/metadata.name': name, ...labels }, opts.terminating ? { deletionTimestamp: created } : {}),
    spec: { finalizers: opts.finalizers ?? ['kubernetes'] },
    status: {
      phase: opts.terminating ? 'Terminating' : 'Active',
      ...(opts.terminating
        ? {
            conditions: [
              {
                type: 'NamespaceContentRemaining',
                status: 'True',
                reason: 'SomeResourcesRemain',
                message: 'Some resources are remaining: widgets.example.kindlab.dev has 1 resource instances',
                lastTransitionTime: created,
              },
              {
                type: 'NamespaceFinalizersRemaining',
                status: 'True',
                reason: 'SomeFinalizersRemain',
                message: 'Some content in the namespace has finalizers remaining: example.kindlab.dev/hold in 1 resource instances',
                lastTransitionTime: created,
              },
            ],
          }
        : {}),
    },
  };
}

export function clusterScoped(apiVersion: string, kind: string, name: string, labels?: Record<string, string>): FakeObject {
  return { apiVersion, kind, metadata: meta(name, undefined, labels) };
}
