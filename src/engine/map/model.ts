// The picture model behind `kindlab map`: what the cluster holds (nodes, Pods, Services and their
// endpoints, the routes the CNI wrote on each node) as plain values, built from what was read.
// Pure: readClusterMap (read.ts) gathers the raw answers; the renderers in src/ui/map/ draw this.
import type { KubeObject } from '../../cluster/port.js';
import { parseIpAddr, parseIpRoute, type IpRoute } from '../../parse/ip.js';
import { cidrContains, isHostRoute, toInt } from './cidr.js';
import { arr, obj, str } from './values.js';

export interface MapPod {
  name: string;
  ip?: string;
  /** Pending, Running, ... */
  phase?: string;
  /** The node-side device the node routes this Pod's IP to (veth…, cali…), from `ip route`. */
  dev?: string;
}

/**
 * One route a node holds towards Pods:
 * - `pod`: a local Pod's /32 to its veth or cali* device
 * - `node`: another node's Pod block via that node's IP on eth0 (kindnet, Calico BGP)
 * - `tunnel`: another node's Pod block through tunl0 / vxlan.calico (Calico IPIP, VXLAN)
 * - `block`: this node's own Calico block (blackhole: addresses in it not given to a Pod go nowhere)
 */
export type MapRouteKind = 'pod' | 'node' | 'tunnel' | 'block';

export interface MapRoute {
  kind: MapRouteKind;
  dst: string;
  via?: string;
  dev?: string;
  protocol?: string;
  /** The node a `node` or `tunnel` route leads to, when the model can tell. */
  toNode?: string;
  /** The line as `ip route` printed it. */
  raw: string;
}

export interface MapNode {
  name: string;
  role: string;
  internalIP?: string;
  podCIDR?: string;
  pods: MapPod[];
  routes: MapRoute[];
  /** Calico's tunnel device on this node and the address Calico gave it. */
  tunnel?: { dev: string; address?: string };
  /** `ip route` could not be read on this node (the tool's own words). */
  routeError?: string;
}

export interface MapEndpoint {
  ip: string;
  ports: { port: number; protocol: string; name?: string }[];
  ready: boolean;
  pod?: string;
  node?: string;
}

export interface MapService {
  name: string;
  type: string;
  clusterIP?: string;
  ports: { name?: string; port: number; targetPort?: string; nodePort?: number; protocol: string }[];
  endpoints: MapEndpoint[];
  /** The EndpointSlices the endpoints came from. */
  slices: string[];
}

export interface MapSource {
  /** What was read, in words (data, not translated: object kinds and node names). */
  what: string;
  /** The command a learner can type to read the same. */
  argv: string[];
}

export interface ClusterMap {
  context: string;
  profile: string;
  namespace: string;
  nodes: MapNode[];
  /** Pods of the namespace with no node yet. */
  unscheduled: MapPod[];
  services: MapService[];
  sources: MapSource[];
}

/** The raw answers readClusterMap gathers; everything the model is built from. */
export interface MapReadings {
  context: string;
  profile: string;
  namespace: string;
  nodes: KubeObject[];
  pods: KubeObject[];
  services: KubeObject[];
  endpointSlices: KubeObject[];
  /** Per node: `ip -4 route show` output, and for Calico overlays `ip -4 addr show dev <tunnel>`. */
  nodeCommands: Record<string, { route?: { stdout: string; stderr: string; exitCode: number }; tunnelAddr?: { stdout: string; exitCode: number } }>;
  sources: MapSource[];
}

const POD_DEVICE = /^(veth|cali)/;
const TUNNEL_DEVICE = new Set(['tunl0', 'vxlan.calico']);

function nodeRole(node: KubeObject): string {
  const labels = node.metadata.labels ?? {};
  if ('node-role.kubernetes.io/control-plane' in labels) return 'control-plane';
  const role = Object.keys(labels).find((k) => k.startsWith('node-role.kubernetes.io/'));
  return role ? role.slice('node-role.kubernetes.io/'.length) || 'worker' : 'worker';
}

interface OtherNode {
  name: string;
  internalIP?: string;
  podCIDR?: string;
  podIPs: string[];
  tunnelAddress?: string;
  ownBlocks: string[];
}

function classify(route: IpRoute, others: OtherNode[]): MapRoute | undefined {
  const base = { dst: route.dst, via: route.gateway, dev: route.dev, protocol: route.protocol, raw: route.raw ?? route.dst };
  if (route.type === 'blackhole') return { kind: 'block', ...base };
  if (route.type !== undefined || route.dst === 'default') return undefined;
  const leadsTo = () =>
    others.find((o) => route.gateway !== undefined && o.internalIP === route.gateway)?.name ??
    others.find((o) => o.podCIDR !== undefined && o.podCIDR === route.dst)?.name ??
    // Calico: the next hop is the other node's tunnel address; the block is blackholed on its owner.
    others.find((o) => route.gateway !== undefined && o.tunnelAddress === route.gateway)?.name ??
    others.find((o) => o.ownBlocks.includes(route.dst))?.name ??
    others.find((o) => o.podIPs.some((ip) => cidrContains(route.dst, ip)))?.name ??
    // VXLAN's next hop is the other node's tunnel address, inside that node's block.
    others.find((o) => route.gateway !== undefined && o.podCIDR !== undefined && cidrContains(o.podCIDR, route.gateway))?.name;
  if (route.dev && TUNNEL_DEVICE.has(route.dev) && route.dst.includes('/') && !isHostRoute(route.dst)) return { kind: 'tunnel', ...base, toNode: leadsTo() };
  if (route.dev && POD_DEVICE.test(route.dev) && isHostRoute(route.dst)) return { kind: 'pod', ...base };
  if (route.gateway && others.some((o) => o.internalIP === route.gateway)) return { kind: 'node', ...base, toNode: leadsTo() };
  return undefined;
}

/** The picture model from what was read. Pure. */
export function buildClusterMap(r: MapReadings): ClusterMap {
  const podsOf = r.pods.map((p) => {
    const status = obj(p.status);
    const spec = obj(p.spec);
    return { name: p.metadata.name ?? '', ip: str(status.podIP), phase: str(status.phase), node: str(spec.nodeName) };
  });
  const nodes = mapNodes(r, podsOf);
  const services = mapServices(r, podsOf);
  return {
    context: r.context,
    profile: r.profile,
    namespace: r.namespace,
    nodes,
    unscheduled: podsOf.filter((p) => !p.node).map(({ node: _node, ...p }) => p),
    services,
    sources: r.sources,
  };
}

/** A Pod as read, with the node it runs on (the model keeps it under that node). */
interface ReadPod {
  name: string;
  ip?: string;
  phase?: string;
  node?: string;
}

/** The nodes, control plane first, each with its Pods and the routes it holds towards Pods. */
function mapNodes(r: MapReadings, podsOf: ReadPod[]): MapNode[] {
  const bare = r.nodes.map((n) => {
    const status = obj(n.status);
    const address = arr(status.addresses)
      .map(obj)
      .find((a) => a.type === 'InternalIP');
    return { name: n.metadata.name ?? '', role: nodeRole(n), internalIP: str(address?.address), podCIDR: str(obj(n.spec).podCIDR) };
  });
  // kind names its nodes <cluster>-control-plane, <cluster>-worker, <cluster>-worker2: control plane first.
  bare.sort((a, b) => (a.role === 'control-plane' ? 0 : 1) - (b.role === 'control-plane' ? 0 : 1) || a.name.localeCompare(b.name, 'en', { numeric: true }));
  const parsedRoutes = new Map(
    bare.map((n) => {
      const answer = r.nodeCommands[n.name]?.route;
      return [n.name, answer && answer.exitCode === 0 ? parseIpRoute(answer.stdout).routes : []];
    }),
  );
  const tunnels = new Map(
    bare.map((n) => {
      const addr = r.nodeCommands[n.name]?.tunnelAddr;
      const iface = addr && addr.exitCode === 0 ? parseIpAddr(addr.stdout).interfaces[0] : undefined;
      return [n.name, iface ? { dev: iface.name, address: iface.addresses.find((a) => a.family === 'inet')?.address } : undefined];
    }),
  );
  const nodes: MapNode[] = bare.map((n) => {
    const others: OtherNode[] = bare
      .filter((o) => o.name !== n.name)
      .map((o) => ({
        ...o,
        podIPs: podsOf.filter((p) => p.node === o.name && p.ip).map((p) => p.ip!),
        tunnelAddress: tunnels.get(o.name)?.address,
        ownBlocks: (parsedRoutes.get(o.name) ?? []).filter((rt) => rt.type === 'blackhole').map((rt) => rt.dst),
      }));
    const answers = r.nodeCommands[n.name] ?? {};
    const routeResult = answers.route;
    const routes = (parsedRoutes.get(n.name) ?? []).map((route) => classify(route, others)).filter((x): x is MapRoute => x !== undefined);
    const pods = podsOf
      .filter((p) => p.node === n.name)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(({ node: _node, ...p }) => ({ ...p, dev: routes.find((rt) => rt.kind === 'pod' && p.ip !== undefined && rt.dst.split('/')[0] === p.ip)?.dev }));
    const tunnelDev = routes.find((rt) => rt.kind === 'tunnel')?.dev;
    const tunnel = tunnels.get(n.name) ?? (tunnelDev ? { dev: tunnelDev } : undefined);
    const routeError = routeResult && routeResult.exitCode !== 0 ? routeResult.stderr.trim() || `exit ${routeResult.exitCode}` : undefined;
    return { ...n, pods, routes: sortRoutes(routes), ...(tunnel ? { tunnel } : {}), ...(routeError ? { routeError } : {}) };
  });
  return nodes;
}

/** The Services, by name, each with the endpoints its EndpointSlices list. */
function mapServices(r: MapReadings, podsOf: ReadPod[]): MapService[] {
  const podByIP = new Map(podsOf.filter((p) => p.ip).map((p) => [p.ip!, p]));
  const services = r.services
    .map((s): MapService => {
      const spec = obj(s.spec);
      const name = s.metadata.name ?? '';
      const slices = r.endpointSlices.filter((e) => e.metadata.labels?.['kubernetes.io/service-name'] === name);
      const endpoints: MapEndpoint[] = [];
      for (const slice of slices) {
        const ports = arr(slice.ports)
          .map(obj)
          .map((p) => ({ port: Number(p.port), protocol: str(p.protocol) ?? 'TCP', ...(str(p.name) ? { name: str(p.name) } : {}) }));
        for (const e of arr(slice.endpoints).map(obj)) {
          const ready = obj(e.conditions).ready !== false;
          const target = obj(e.targetRef);
          for (const ip of arr(e.addresses).filter((a): a is string => typeof a === 'string')) {
            const pod = str(target.kind) === 'Pod' ? str(target.name) : podByIP.get(ip)?.name;
            endpoints.push({
              ip,
              ports,
              ready,
              ...(pod ? { pod } : {}),
              ...((str(e.nodeName) ?? podByIP.get(ip)?.node) ? { node: str(e.nodeName) ?? podByIP.get(ip)?.node } : {}),
            });
          }
        }
      }
      endpoints.sort((a, b) => (toInt(a.ip) ?? 0) - (toInt(b.ip) ?? 0));
      return {
        name,
        type: str(spec.type) ?? 'ClusterIP',
        clusterIP: str(spec.clusterIP),
        ports: arr(spec.ports)
          .map(obj)
          .map((p) => ({
            ...(str(p.name) ? { name: str(p.name) } : {}),
            port: Number(p.port),
            ...(p.targetPort !== undefined ? { targetPort: String(p.targetPort) } : {}),
            ...(typeof p.nodePort === 'number' ? { nodePort: p.nodePort } : {}),
            protocol: str(p.protocol) ?? 'TCP',
          })),
        endpoints,
        slices: slices.map((e) => e.metadata.name ?? '').sort(),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return services;
}

const ROUTE_ORDER: Record<MapRouteKind, number> = { pod: 0, block: 1, node: 2, tunnel: 2 };
function sortRoutes(routes: MapRoute[]): MapRoute[] {
  return [...routes].sort(
    (a, b) => ROUTE_ORDER[a.kind] - ROUTE_ORDER[b.kind] || (toInt(a.dst.split('/')[0] ?? '') ?? 0) - (toInt(b.dst.split('/')[0] ?? '') ?? 0),
  );
}
