// What `kindlab map` reads through the Cluster port and the model it builds from it.
import { describe, expect, test } from 'vitest';
import { readClusterMap } from '../../src/engine/map/read.js';
import { cidrContains } from '../../src/engine/map/cidr.js';
import { podPath } from '../../src/engine/map/path.js';
import { labWorld } from './world.js';

describe('kindlab map reads the cluster through the port', () => {
  test("it reads nodes, the namespace's Pods, Services and EndpointSlices, and ip route on every node, and lists the commands", async () => {
    const cluster = labWorld('kindnet');
    const map = await readClusterMap(cluster, 'lab-01', { timeoutMs: 1000 });
    const reads = cluster.calls.filter((c) => c.op === 'read').map((c) => c.detail);
    expect(reads).toEqual([
      { kind: 'node' },
      { kind: 'pod', namespace: 'lab-01' },
      { kind: 'service', namespace: 'lab-01' },
      { kind: 'endpointslice', namespace: 'lab-01' },
    ]);
    const execs = cluster.calls.filter((c) => c.op === 'exec').map((c) => c.detail as { target: { node: string }; argv: string[] });
    expect(execs.map((e) => [e.target.node, e.argv.join(' ')])).toEqual([
      ['kindlab-control-plane', 'ip -4 route show'],
      ['kindlab-worker', 'ip -4 route show'],
      ['kindlab-worker2', 'ip -4 route show'],
    ]);
    expect(map.sources.map((s) => s.argv.join(' '))).toContain('docker exec kindlab-worker ip -4 route show');
    expect(map.sources.map((s) => s.argv.join(' '))).toContain('kubectl --context kind-kindlab get endpointslices -n lab-01');
  });

  test("kindnet: each Pod gets its veth from the node's /32 route; other nodes' podCIDRs go via their InternalIP", async () => {
    const map = await readClusterMap(labWorld('kindnet'), 'lab-01', { timeoutMs: 1000 });
    const worker = map.nodes.find((n) => n.name === 'kindlab-worker')!;
    expect(worker).toMatchObject({ role: 'worker', internalIP: '172.18.0.3', podCIDR: '10.244.1.0/24' });
    expect(worker.pods).toEqual([
      { name: 'neighbor', ip: '10.244.1.3', phase: 'Running', dev: 'vethd41f09aa' },
      { name: 'netshoot', ip: '10.244.1.2', phase: 'Running', dev: 'veth5e2a1b3c' },
    ]);
    expect(worker.routes.filter((r) => r.kind === 'node').map((r) => [r.dst, r.via, r.toNode])).toEqual([
      ['10.244.0.0/24', '172.18.0.2', 'kindlab-control-plane'],
      ['10.244.2.0/24', '172.18.0.4', 'kindlab-worker2'],
    ]);
    expect(worker.tunnel).toBeUndefined();
    expect(map.nodes[0]!.role).toBe('control-plane');
  });

  test('Calico VXLAN: cali* /32 routes, the own block blackholed, other blocks through vxlan.calico to the node owning them', async () => {
    const cluster = labWorld('calico-vxlan');
    const map = await readClusterMap(cluster, 'lab-01', { timeoutMs: 1000 });
    const cp = map.nodes.find((n) => n.name === 'kindlab-control-plane')!;
    expect(cp.tunnel).toEqual({ dev: 'vxlan.calico', address: '10.244.120.64' });
    expect(cp.routes.map((r) => [r.kind, r.dst, r.toNode])).toEqual([
      ['block', '10.244.120.64/26', undefined],
      ['tunnel', '10.244.33.128/26', 'kindlab-worker2'],
      ['tunnel', '10.244.82.0/26', 'kindlab-worker'],
    ]);
    expect(map.nodes.find((n) => n.name === 'kindlab-worker2')!.pods[0]).toMatchObject({ name: 'server', dev: 'calie5f6a7b8c9d' });
    expect(cluster.calls.filter((c) => c.op === 'exec').length).toBe(6);
  });

  test('a Service lists the endpoints of its EndpointSlices with Pod, node and readiness', async () => {
    const map = await readClusterMap(labWorld('kindnet'), 'lab-01', { timeoutMs: 1000 });
    expect(map.services).toEqual([
      {
        name: 'server',
        type: 'NodePort',
        clusterIP: '10.96.41.7',
        slices: ['server-x7k2p'],
        ports: [{ port: 80, targetPort: '8080', nodePort: 30080, protocol: 'TCP' }],
        endpoints: [
          { ip: '10.244.1.3', ports: [{ port: 8080, protocol: 'TCP' }], ready: false, pod: 'neighbor', node: 'kindlab-worker' },
          { ip: '10.244.2.5', ports: [{ port: 8080, protocol: 'TCP' }], ready: true, pod: 'server', node: 'kindlab-worker2' },
        ],
      },
    ]);
  });

  test('the Pod-to-Pod path across nodes names the route the source node used', async () => {
    const map = await readClusterMap(labWorld('calico-vxlan'), 'lab-01', { timeoutMs: 1000 });
    const path = podPath(map, 'netshoot', 'server')!;
    expect(path.sameNode).toBe(false);
    expect(path.route?.raw).toBe('10.244.33.128/26 via 10.244.33.128 dev vxlan.calico onlink');
    expect(path.hops.map((h) => h.label)).toEqual([
      'netshoot',
      'cali1a2b3c4d5e6',
      'kindlab-worker',
      'vxlan.calico',
      'eth0',
      'vxlan.calico',
      'kindlab-worker2',
      'calie5f6a7b8c9d',
      'server',
    ]);
    expect(podPath(map, 'netshoot', 'neighbor')!.sameNode).toBe(true);
  });

  test('cidrContains', () => {
    expect(cidrContains('10.244.33.128/26', '10.244.33.133')).toBe(true);
    expect(cidrContains('10.244.33.128/26', '10.244.33.192')).toBe(false);
    expect(cidrContains('10.244.1.0/24', '10.244.1.0/24')).toBe(true);
    expect(cidrContains('bogus', '10.0.0.1')).toBe(false);
  });
});
