// A lab cluster for the map tests, in the in-memory FakeCluster: three kind nodes, lesson 01's
// Pods (two on one node, one on another) and a NodePort Service with its EndpointSlice. The
// `ip route` answers follow the shapes the profiles document (src/cluster/kind/profiles/*.ts:
// kindnet's "<podCIDR> via <nodeIP> dev eth0", Calico's "/26 via <tunnel addr> dev vxlan.calico
// onlink" and "blackhole <own block>"). Addresses and device names are illustrative, not recorded.
import type { KubeObject } from '../../src/cluster/port.js';
import { FakeCluster } from '../fakes/fake-cluster.js';

const node = (name: string, ip: string, podCIDR: string, controlPlane = false): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}) } },
  spec: { podCIDR, podCIDRs: [podCIDR] },
  status: {
    addresses: [
      { type: 'InternalIP', address: ip },
      { type: 'Hostname', address: name },
    ],
  },
});

const pod = (name: string, nodeName: string, ip: string | undefined, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'lab-01', labels },
  spec: { nodeName },
  status: { phase: ip ? 'Running' : 'Pending', ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}) },
});

const service = (name: string, clusterIP: string, nodePort?: number): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'lab-01' },
  spec: {
    type: nodePort ? 'NodePort' : 'ClusterIP',
    clusterIP,
    selector: { app: name },
    ports: [{ port: 80, targetPort: 8080, protocol: 'TCP', ...(nodePort ? { nodePort } : {}) }],
  },
});

const slice = (service: string, endpoints: { ip: string; pod: string; node: string; ready?: boolean }[]): KubeObject => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: `${service}-x7k2p`, namespace: 'lab-01', labels: { 'kubernetes.io/service-name': service } },
  addressType: 'IPv4',
  ports: [{ name: '', port: 8080, protocol: 'TCP' }],
  endpoints: endpoints.map((e) => ({
    addresses: [e.ip],
    conditions: { ready: e.ready ?? true },
    nodeName: e.node,
    targetRef: { kind: 'Pod', name: e.pod, namespace: 'lab-01' },
  })),
});

const NODES = [
  ['kindlab-control-plane', '172.18.0.2', '10.244.0.0/24'],
  ['kindlab-worker', '172.18.0.3', '10.244.1.0/24'],
  ['kindlab-worker2', '172.18.0.4', '10.244.2.0/24'],
] as const;

export const KINDNET_ROUTES: Record<string, string> = {
  'kindlab-control-plane': [
    'default via 172.18.0.1 dev eth0',
    '10.244.1.0/24 via 172.18.0.3 dev eth0',
    '10.244.2.0/24 via 172.18.0.4 dev eth0',
    '172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.2',
  ].join('\n'),
  'kindlab-worker': [
    'default via 172.18.0.1 dev eth0',
    '10.244.0.0/24 via 172.18.0.2 dev eth0',
    '10.244.1.2 dev veth5e2a1b3c scope host',
    '10.244.1.3 dev vethd41f09aa scope host',
    '10.244.2.0/24 via 172.18.0.4 dev eth0',
    '172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3',
  ].join('\n'),
  'kindlab-worker2': [
    'default via 172.18.0.1 dev eth0',
    '10.244.0.0/24 via 172.18.0.2 dev eth0',
    '10.244.1.0/24 via 172.18.0.3 dev eth0',
    '10.244.2.5 dev veth0b9c8d7e scope host',
    '172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.4',
  ].join('\n'),
};

export const VXLAN_ROUTES: Record<string, string> = {
  'kindlab-control-plane': [
    'default via 172.18.0.1 dev eth0',
    '10.244.33.128/26 via 10.244.33.128 dev vxlan.calico onlink',
    '10.244.82.0/26 via 10.244.82.0 dev vxlan.calico onlink',
    'blackhole 10.244.120.64/26 proto 80',
    '172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.2',
  ].join('\n'),
  'kindlab-worker': [
    'default via 172.18.0.1 dev eth0',
    '10.244.33.128/26 via 10.244.33.128 dev vxlan.calico onlink',
    'blackhole 10.244.82.0/26 proto 80',
    '10.244.82.2 dev cali1a2b3c4d5e6 scope link',
    '10.244.82.3 dev cali9f8e7d6c5b4 scope link',
    '10.244.120.64/26 via 10.244.120.64 dev vxlan.calico onlink',
    '172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3',
  ].join('\n'),
  'kindlab-worker2': [
    'default via 172.18.0.1 dev eth0',
    'blackhole 10.244.33.128/26 proto 80',
    '10.244.33.133 dev calie5f6a7b8c9d scope link',
    '10.244.82.0/26 via 10.244.82.0 dev vxlan.calico onlink',
    '10.244.120.64/26 via 10.244.120.64 dev vxlan.calico onlink',
    '172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.4',
  ].join('\n'),
};

const VXLAN_ADDR: Record<string, string> = {
  'kindlab-control-plane': '10.244.120.64',
  'kindlab-worker': '10.244.82.0',
  'kindlab-worker2': '10.244.33.128',
};

/** The lab-01 world on `profile` (kindnet or calico-vxlan), in a FakeCluster. */
export function labWorld(profile: 'kindnet' | 'calico-vxlan'): FakeCluster {
  const cluster = new FakeCluster(profile);
  const ips =
    profile === 'kindnet'
      ? { netshoot: '10.244.1.2', neighbor: '10.244.1.3', server: '10.244.2.5' }
      : { netshoot: '10.244.82.2', neighbor: '10.244.82.3', server: '10.244.33.133' };
  cluster.objects = [
    ...NODES.map(([name, ip, cidr], i) => node(name, ip, cidr, i === 0)),
    pod('netshoot', 'kindlab-worker', ips.netshoot),
    pod('neighbor', 'kindlab-worker', ips.neighbor, { app: 'server' }),
    pod('server', 'kindlab-worker2', ips.server, { app: 'server' }),
    service('server', '10.96.41.7', 30080),
    slice('server', [
      { ip: ips.server, pod: 'server', node: 'kindlab-worker2' },
      { ip: ips.neighbor, pod: 'neighbor', node: 'kindlab-worker', ready: false },
    ]),
  ];
  const routes = profile === 'kindnet' ? KINDNET_ROUTES : VXLAN_ROUTES;
  cluster.answer(['ip', '-4', 'route', 'show'], (_argv, target) => ({ stdout: `${routes['node' in target ? target.node : ''] ?? ''}\n` }));
  cluster.answer(['ip', '-4', 'addr', 'show', 'dev', 'vxlan.calico'], (_argv, target) => {
    const address = VXLAN_ADDR['node' in target ? target.node : ''];
    return address
      ? {
          stdout: `7: vxlan.calico: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN group default qlen 1000\n    inet ${address}/32 scope global vxlan.calico\n       valid_lft forever preferred_lft forever\n`,
        }
      : { stderr: 'Device "vxlan.calico" does not exist.', exitCode: 1 };
  });
  return cluster;
}
