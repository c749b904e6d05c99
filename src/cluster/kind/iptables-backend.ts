// Which iptables backend holds a node's rules. kind nodes ship both iptables-legacy and
// iptables-nft; kube-proxy writes to one of them, and reading the other shows empty chains.
// Detection follows kubernetes-sigs/iptables-wrappers (internal/iptables/detect.go): kubelet
// (1.17+) creates KUBE-IPTABLES-HINT or KUBE-KUBELET-CANARY in the mangle table, so look for
// those in iptables-nft-save -t mangle first, then in iptables-legacy-save (without -t: naming a
// table makes the legacy kernel API create it); with no hint, the backend with more rules wins,
// as the wrapper's v2 shell script did (count lines starting with "-"), and nft on a tie.
// Uses only the Cluster port, so the engine may call it for `node` runs, and for Pods: a
// hostNetwork Pod shares the node's network namespace, so the same reads inside it see the node's
// tables (the Pod path below never rewrites the learner's command; it refuses a wrong backend).
import { TextError } from '../../core/task.js';
import type { CallOptions, Cluster, ExecResult, ExecTarget } from '../port.js';

export type IptablesMode = 'nft' | 'legacy';

export interface IptablesBackend {
  mode: IptablesMode;
  /** How it was decided, for --verbose and for failure reports. */
  reason: string;
}

const KUBELET_CHAINS = /^:(KUBE-IPTABLES-HINT|KUBE-KUBELET-CANARY)\s/m;
const countRules = (save: string) => save.split('\n').filter((l) => l.startsWith('-')).length;
/** iptables-nft (1.8.3+) warns on stderr when the legacy tables of the namespace hold anything. */
const LEGACY_TABLES_WARNING = /iptables-legacy tables present/;
/** The program is not in the container: kubectl exec / docker exec report 126 or 127 with these words. */
const notInstalled = (r: ExecResult) =>
  r.exitCode === 127 || r.exitCode === 126 || /executable file not found|not found|No such file/.test(r.stderr + r.stdout);

const toTarget = (cluster: Cluster, at: string | ExecTarget): ExecTarget =>
  typeof at === 'string' ? { node: cluster.nodeName(at) } : 'node' in at ? { node: cluster.nodeName(at.node) } : at;

/**
 * Runs the save commands on a node or in a Pod (through the port) and decides which backend has
 * the rules. In a container without iptables-legacy-save (netshoot ships only iptables-nft), the
 * legacy side is judged by iptables-nft's own warning that legacy tables are present.
 */
export async function detectIptablesBackend(cluster: Cluster, at: string | ExecTarget, opts: CallOptions): Promise<IptablesBackend> {
  const target = toTarget(cluster, at);
  const nftMangle = await cluster.exec(target, ['iptables-nft-save', '-t', 'mangle'], opts);
  if (nftMangle.exitCode === 0 && KUBELET_CHAINS.test(nftMangle.stdout)) {
    return { mode: 'nft', reason: 'kubelet hint chain found by iptables-nft-save -t mangle' };
  }
  const legacy = await cluster.exec(target, ['iptables-legacy-save'], opts);
  if (legacy.exitCode === 0 && KUBELET_CHAINS.test(legacy.stdout)) {
    return { mode: 'legacy', reason: 'kubelet hint chain found by iptables-legacy-save' };
  }
  if (notInstalled(legacy) && nftMangle.exitCode === 0 && LEGACY_TABLES_WARNING.test(nftMangle.stderr)) {
    return {
      mode: 'legacy',
      reason: 'no hint chain in nft; iptables-nft-save warns that legacy tables are present, and iptables-legacy-save is not installed here to read them',
    };
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

// ------------------------------------------------------------------ Pods (node-network netshoot)

/** `iptables -V` prints `iptables v1.8.11 (nf_tables)` or `iptables v1.8.11 (legacy)`. */
export function modeOfVersion(text: string): IptablesMode | undefined {
  const m = /\((nf_tables|legacy)\)/.exec(text);
  return m ? (m[1] === 'legacy' ? 'legacy' : 'nft') : undefined;
}

/** What a Pod's plain `iptables` reads, and which backend holds kube-proxy's rules there. */
export interface PodIptables {
  backend: IptablesBackend;
  /** The backend of the Pod's plain `iptables` (undefined when `iptables -V` did not say). */
  plain?: IptablesMode;
  /** Whether the Pod has the program of the other backend (`iptables-legacy` or `iptables-nft`). */
  hasProgram: Record<IptablesMode, boolean>;
}

export async function inspectPodIptables(cluster: Cluster, target: ExecTarget, opts: CallOptions): Promise<PodIptables> {
  const backend = await detectIptablesBackend(cluster, target, opts);
  const version = await cluster.exec(target, ['iptables', '-V'], opts);
  const plain = version.exitCode === 0 ? modeOfVersion(version.stdout + version.stderr) : undefined;
  const other: IptablesMode = plain === 'legacy' ? 'nft' : 'legacy';
  const otherVersion = await cluster.exec(target, [`iptables-${other}`, '-V'], opts);
  const hasProgram = { nft: plain === 'nft', legacy: plain === 'legacy' } as Record<IptablesMode, boolean>;
  hasProgram[other] = otherVersion.exitCode === 0;
  return { backend, plain, hasProgram };
}

/** The `iptables` program a Pod must run to read kube-proxy's rules, when its plain `iptables` reads the other backend. */
/** `iptables …` / `iptables-save …` reading tables; `iptables -V` (asked by the check itself) is not. iptables-nft / iptables-legacy: the learner chose. */
const readsRules = (argv: string[]) => (argv[0] === 'iptables' || argv[0] === 'iptables-save') && !argv.includes('-V') && !argv.includes('--version');

export function podIptablesProblem(pod: PodIptables, argv: string[], where: { pod: string; namespace: string; node?: string }): TextError | undefined {
  if (!readsRules(argv)) return undefined;
  if (pod.plain === undefined || pod.plain === pod.backend.mode) return undefined;
  const want = iptablesArgvFor(pod.backend.mode, argv).join(' ');
  const names = { nft: 'nf_tables (iptables-nft)', legacy: 'legacy (iptables-legacy)' };
  const has = pod.hasProgram[pod.backend.mode];
  const onNode = `docker exec ${where.node ?? '<node>'} ${want}`;
  return new TextError({
    en:
      `kube-proxy's rules on this node are in the ${names[pod.backend.mode]} tables (${pod.backend.reason}), but \`iptables\` in Pod ${where.namespace}/${where.pod} reads ${names[pod.plain]}: ` +
      `it would show other, mostly empty chains. ` +
      (has
        ? `Run \`${want}\` in the Pod instead.`
        : `This image has no ${pod.backend.mode === 'legacy' ? 'iptables-legacy' : 'iptables-nft'} (nicolaka/netshoot:v0.14 ships only iptables-nft), so read them on the node itself: \`${onNode}\`.`),
    ja:
      `このノードの kube-proxy のルールは ${names[pod.backend.mode]} のテーブルにあります（${pod.backend.reason}）。しかし Pod ${where.namespace}/${where.pod} の \`iptables\` は ${names[pod.plain]} を読むため、別の（ほとんど空の）チェインが表示されます。` +
      (has
        ? `Pod の中で \`${want}\` を実行してください。`
        : `このイメージには ${pod.backend.mode === 'legacy' ? 'iptables-legacy' : 'iptables-nft'} がありません（nicolaka/netshoot:v0.14 は iptables-nft だけを含みます）。ノードで直接読んでください: \`${onNode}\``),
  });
}

const podCache = new Map<string, PodIptables>();

/**
 * For the engine's Pod runs: an iptables read runs exactly as written (what the step shows is what
 * runs), after checking, once per Pod, that the Pod's `iptables` reads the backend that holds
 * kube-proxy's rules; if not, a TextError says which command reads them.
 */
export async function checkPodIptablesArgv(
  cluster: Cluster,
  target: Extract<ExecTarget, { pod: string }>,
  argv: string[],
  opts: CallOptions,
  cache: Map<string, PodIptables> = podCache,
): Promise<string[]> {
  if (!readsRules(argv)) return argv;
  const key = `${cluster.context}/${target.namespace}/${target.pod}/${target.container ?? ''}`;
  let pod = cache.get(key);
  if (!pod) {
    pod = await inspectPodIptables(cluster, target, opts);
    cache.set(key, pod);
  }
  if (podIptablesProblem(pod, argv, { pod: target.pod, namespace: target.namespace })) {
    cache.delete(key); // a Pod recreated on another node is asked again
    // a hostNetwork Pod shares the node's UTS namespace too: its hostname is the node's (kind: the node container's name)
    const host = await cluster.exec(target, ['hostname'], opts);
    const node = host.exitCode === 0 && /^[A-Za-z0-9.-]+$/.test(host.stdout.trim()) ? host.stdout.trim() : undefined;
    throw podIptablesProblem(pod, argv, { pod: target.pod, namespace: target.namespace, node });
  }
  return argv;
}
