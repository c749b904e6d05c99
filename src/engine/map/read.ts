// Reads what `kindlab map` draws, live, through the Cluster port only: nodes, the namespace's Pods,
// Services and EndpointSlices, and `ip route` on every node (plus the tunnel device's address on
// Calico overlays). Each read is listed with the command a learner can type to see the same.
import type { CallOptions, Cluster } from '../../cluster/port.js';
import { shownCommands } from '../../cluster/shown-commands.js';
import { parseIpRoute } from '../../parse/ip.js';
import { buildClusterMap, type ClusterMap, type MapReadings, type MapSource } from './model.js';

export const ROUTE_ARGV = ['ip', '-4', 'route', 'show'];
export const tunnelAddrArgv = (dev: string) => ['ip', '-4', 'addr', 'show', 'dev', dev];
const TUNNEL_DEVICES = ['tunl0', 'vxlan.calico'];

export async function readClusterMap(cluster: Cluster, namespace: string, opts: CallOptions): Promise<ClusterMap> {
  const kubectl = (...args: string[]) => ['kubectl', '--context', cluster.context, ...args];
  const shown = shownCommands(cluster.context);
  const sources: MapSource[] = [];
  const [nodes, pods, services, endpointSlices] = await Promise.all([
    cluster.read({ kind: 'node' }, opts),
    cluster.read({ kind: 'pod', namespace }, opts),
    cluster.read({ kind: 'service', namespace }, opts),
    cluster.read({ kind: 'endpointslice', namespace }, opts),
  ]);
  sources.push(
    { what: 'nodes', argv: kubectl('get', 'nodes', '-o', 'wide') },
    { what: 'pods', argv: kubectl('get', 'pods', '-n', namespace, '-o', 'wide') },
    { what: 'services', argv: kubectl('get', 'services', '-n', namespace) },
    { what: 'endpointslices', argv: kubectl('get', 'endpointslices', '-n', namespace) },
  );
  const nodeCommands: MapReadings['nodeCommands'] = {};
  // Nodes one at a time: each is a `docker exec`, and the machine running the lab may be small.
  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    const route = await cluster.exec({ node: name }, ROUTE_ARGV, opts);
    sources.push({ what: `routes ${name}`, argv: shown.exec({ node: name }, ROUTE_ARGV) });
    const answers: MapReadings['nodeCommands'][string] = { route: { stdout: route.stdout, stderr: route.stderr, exitCode: route.exitCode } };
    const tunnel = route.exitCode === 0 ? parseIpRoute(route.stdout).routes.find((r) => r.dev && TUNNEL_DEVICES.includes(r.dev))?.dev : undefined;
    if (tunnel) {
      const addr = await cluster.exec({ node: name }, tunnelAddrArgv(tunnel), opts);
      sources.push({ what: `${tunnel} ${name}`, argv: shown.exec({ node: name }, tunnelAddrArgv(tunnel)) });
      answers.tunnelAddr = { stdout: addr.stdout, exitCode: addr.exitCode };
    }
    nodeCommands[name] = answers;
  }
  return buildClusterMap({ context: cluster.context, profile: cluster.profile, namespace, nodes, pods, services, endpointSlices, nodeCommands, sources });
}
