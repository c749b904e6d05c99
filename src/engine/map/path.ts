// The Pod-to-Pod path, read off the map's model (model.ts): for `kindlab map`'s text and the
// steps' podPath pictures (src/engine/diagram/). Pure.
import { cidrContains } from './cidr.js';
import type { ClusterMap, MapNode, MapPod, MapRoute } from './model.js';

/**
 * The path a packet takes from one Pod to another, hop by hop, from the model: the source Pod's
 * device on its node, then (across nodes) the route the node holds for the destination, then the
 * destination Pod's device. Undefined when a hop is unknown (a Pod without IP, a missing route).
 */
export interface PathHop {
  /** `pod`: a Pod (name, IP); `dev`: a device (veth, cali, tunl0, eth0); `node`: a node (name, IP). */
  kind: 'pod' | 'dev' | 'node';
  label: string;
  detail?: string;
}

export function podPath(map: ClusterMap, from: string, to: string): { sameNode: boolean; hops: PathHop[]; route?: MapRoute } | undefined {
  const find = (name: string) => {
    for (const node of map.nodes) {
      const pod = node.pods.find((p) => p.name === name);
      if (pod) return { node, pod };
    }
    return undefined;
  };
  const a = find(from);
  const b = find(to);
  if (!a || !b || !a.pod.ip || !b.pod.ip) return undefined;
  const podHop = (p: MapPod): PathHop => ({ kind: 'pod', label: p.name, detail: p.ip });
  const devHop = (dev: string | undefined): PathHop => ({ kind: 'dev', label: dev ?? '?' });
  const nodeHop = (n: MapNode): PathHop => ({ kind: 'node', label: n.name, detail: n.internalIP });
  if (a.node.name === b.node.name) {
    return { sameNode: true, hops: [podHop(a.pod), devHop(a.pod.dev), nodeHop(a.node), devHop(b.pod.dev), podHop(b.pod)] };
  }
  const route = a.node.routes.find((r) => (r.kind === 'node' || r.kind === 'tunnel') && cidrContains(r.dst, b.pod.ip!));
  if (!route) return undefined;
  const middle: PathHop[] =
    route.kind === 'tunnel'
      ? [devHop(route.dev), { kind: 'dev', label: 'eth0', detail: `${a.node.internalIP ?? '?'} → ${b.node.internalIP ?? '?'}` }, devHop(route.dev)]
      : [{ kind: 'dev', label: route.dev ?? 'eth0', detail: `via ${route.via ?? '?'}` }];
  return {
    sameNode: false,
    route,
    hops: [podHop(a.pod), devHop(a.pod.dev), nodeHop(a.node), ...middle, nodeHop(b.node), devHop(b.pod.dev), podHop(b.pod)],
  };
}
