// Which iptables backend holds a node's rules. kind nodes ship both iptables-legacy and
// iptables-nft; kube-proxy writes to one of them, and reading the other shows empty chains.
// Detection follows kubernetes-sigs/iptables-wrappers (internal/iptables/detect.go): kubelet
// (1.17+) creates KUBE-IPTABLES-HINT or KUBE-KUBELET-CANARY in the mangle table, so look for
// those in iptables-nft-save -t mangle first, then in iptables-legacy-save (without -t: naming a
// table makes the legacy kernel API create it); with no hint, the backend with more rules wins,
// as the wrapper's v2 shell script did (count lines starting with "-"), and nft on a tie.
// Uses only the Cluster port, so the engine may call it for `node` runs.
import type { CallOptions, Cluster } from '../port.js';

export type IptablesMode = 'nft' | 'legacy';

export interface IptablesBackend {
  mode: IptablesMode;
  /** How it was decided, for --verbose and for failure reports. */
  reason: string;
}

const KUBELET_CHAINS = /^:(KUBE-IPTABLES-HINT|KUBE-KUBELET-CANARY)\s/m;
const countRules = (save: string) => save.split('\n').filter((l) => l.startsWith('-')).length;

/** Runs the save commands on the node (through the port) and decides which backend has the rules. */
export async function detectIptablesBackend(cluster: Cluster, node: string, opts: CallOptions): Promise<IptablesBackend> {
  const target = { node: cluster.nodeName(node) };
  const nftMangle = await cluster.exec(target, ['iptables-nft-save', '-t', 'mangle'], opts);
  if (nftMangle.exitCode === 0 && KUBELET_CHAINS.test(nftMangle.stdout)) {
    return { mode: 'nft', reason: 'kubelet hint chain found by iptables-nft-save -t mangle' };
  }
  const legacy = await cluster.exec(target, ['iptables-legacy-save'], opts);
  if (legacy.exitCode === 0 && KUBELET_CHAINS.test(legacy.stdout)) {
    return { mode: 'legacy', reason: 'kubelet hint chain found by iptables-legacy-save' };
  }
  const nft = await cluster.exec(target, ['iptables-nft-save'], opts);
  const nftRules = nft.exitCode === 0 ? countRules(nft.stdout) : 0;
  const legacyRules = legacy.exitCode === 0 ? countRules(legacy.stdout) : 0;
  if (legacyRules > nftRules) return { mode: 'legacy', reason: `no hint chain; legacy has ${legacyRules} rules, nft ${nftRules}` };
  return { mode: 'nft', reason: `no hint chain; nft has ${nftRules} rules, legacy ${legacyRules}` };
}

const REWRITABLE = new Set(['iptables', 'iptables-save', 'ip6tables', 'ip6tables-save']);

/** True for argv the backend choice applies to (`iptables ...`, `iptables-save ...`, and ip6tables). */
export const isIptablesArgv = (argv: string[]) => argv[0] !== undefined && REWRITABLE.has(argv[0]);

/** `iptables -t nat -S` -> `iptables-nft -t nat -S`; `iptables-save` -> `iptables-legacy-save`. Others unchanged. */
export function iptablesArgvFor(mode: IptablesMode, argv: string[]): string[] {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || !REWRITABLE.has(cmd)) return argv;
  const base = cmd.startsWith('ip6tables') ? 'ip6tables' : 'iptables';
  const program = cmd.endsWith('-save') ? `${base}-${mode}-save` : `${base}-${mode}`;
  return [program, ...rest];
}

/**
 * For the engine's `node` runs: the argv to run so an iptables read shows the rules kube-proxy
 * wrote. Detects once per node per cache; other argv pass through untouched.
 */
export async function resolveIptablesArgv(
  cluster: Cluster,
  node: string,
  argv: string[],
  opts: CallOptions,
  cache: Map<string, IptablesBackend> = defaultCache,
): Promise<string[]> {
  if (!isIptablesArgv(argv)) return argv;
  const key = `${cluster.context}/${cluster.nodeName(node)}`;
  let backend = cache.get(key);
  if (!backend) {
    backend = await detectIptablesBackend(cluster, node, opts);
    cache.set(key, backend);
  }
  return iptablesArgvFor(backend.mode, argv);
}

const defaultCache = new Map<string, IptablesBackend>();
