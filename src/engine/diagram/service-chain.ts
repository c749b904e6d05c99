// A Service as kube-proxy (iptables mode) wrote it into the nat table: KUBE-SERVICES matches the
// ClusterIP:port and jumps to KUBE-SVC-…, which picks a KUBE-SEP-… per endpoint with successive
// probabilities (1/n, 1/(n-1), … : kubernetes pkg/proxy/iptables/proxier.go computeProbability),
// each DNATing to podIP:port; a NodePort enters by KUBE-NODEPORTS → KUBE-EXT-… → the same KUBE-SVC.
// Pure: built from parsed iptables rules (src/parse/iptables.ts).
import type { IptablesResult, IptablesRule } from '../../parse/iptables.js';

export interface ChainEndpoint {
  sep: string;
  /** The rule's own `--probability`; undefined for the last rule (it takes what is left). */
  probability?: number;
  /** The share of new connections this endpoint gets: p_i × Π(1 − p_j) over the rules before it. */
  share: number;
  /** DNAT `--to-destination`, e.g. `10.244.1.5:8080`. */
  dnat?: string;
}

export interface ServiceChainEntry {
  /** The comment kube-proxy wrote: `ns/svc:port cluster IP`. */
  comment?: string;
  clusterIP?: string;
  port?: string;
  protocol?: string;
  svcChain: string;
  endpoints: ChainEndpoint[];
}

export interface NodePortEntry {
  port?: string;
  protocol?: string;
  extChain: string;
  svcChain?: string;
}

export interface ServiceChainPicture {
  /** `ns/name` as kube-proxy names it in comments. */
  service: string;
  entries: ServiceChainEntry[];
  nodePorts: NodePortEntry[];
}

/** Does kube-proxy's comment name this Service (`ns/svc`, `ns/svc:port …`)? */
const namesService = (comment: string | undefined, service: string) =>
  comment !== undefined && (comment === service || comment.startsWith(`${service}:`) || comment.startsWith(`${service} `));

export function serviceChainFrom(iptables: IptablesResult, namespace: string, name: string): ServiceChainPicture {
  const service = `${namespace}/${name}`;
  const rulesOf = (chain: string) => iptables.rules.filter((r) => r.chain === chain);
  const endpointsOf = (svcChain: string): ChainEndpoint[] => {
    let left = 1;
    return rulesOf(svcChain)
      .filter((r) => r.target?.startsWith('KUBE-SEP-'))
      .map((r) => {
        const p = r.probability ?? 1;
        const share = left * p;
        left *= 1 - p;
        const dnat = rulesOf(r.target!).find((x) => x.target === 'DNAT')?.toDestination;
        return { sep: r.target!, ...(r.probability !== undefined ? { probability: r.probability } : {}), share, ...(dnat ? { dnat } : {}) };
      });
  };
  const entries = rulesOf('KUBE-SERVICES')
    .filter((r): r is IptablesRule & { target: string } => Boolean(r.target?.startsWith('KUBE-SVC-')) && namesService(r.comment, service))
    .map((r) => ({
      ...(r.comment ? { comment: r.comment } : {}),
      ...(r.destination ? { clusterIP: r.destination.replace(/\/32$/, '') } : {}),
      ...(r.dport ? { port: r.dport } : {}),
      ...(r.protocol ? { protocol: r.protocol } : {}),
      svcChain: r.target,
      endpoints: endpointsOf(r.target),
    }));
  const nodePorts = rulesOf('KUBE-NODEPORTS')
    .filter(
      (r): r is IptablesRule & { target: string } =>
        Boolean(r.target?.startsWith('KUBE-EXT-') || r.target?.startsWith('KUBE-SVC-')) && namesService(r.comment, service),
    )
    .map((r) => ({
      ...(r.dport ? { port: r.dport } : {}),
      ...(r.protocol ? { protocol: r.protocol } : {}),
      extChain: r.target,
      svcChain: r.target.startsWith('KUBE-SVC-') ? r.target : rulesOf(r.target).find((x) => x.target?.startsWith('KUBE-SVC-'))?.target,
    }));
  return { service, entries, nodePorts };
}
