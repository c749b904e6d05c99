// A step's picture drawn after its checks pass, from the live cluster through the Cluster port and
// the step's captures (what its checks observed).
import { shownCommands } from '../../cluster/shown-commands.js';
import type { CallOptions, ExecTarget, KubeObject } from '../../cluster/port.js';
import { parseDig } from '../../parse/dig.js';
import { parseIptables } from '../../parse/iptables.js';
import { parseResolvConf } from '../../parse/resolv.js';
import { readClusterMap } from '../map/read.js';
import { podPath } from '../map/path.js';
import type { PollOutcome } from '../poll.js';
import type { EngineContext } from '../step.js';
import { substitute } from '../templating.js';
import { searchCandidates, tryFrom, type DnsTry } from './dns-search.js';
import { digArgv, IPTABLES_NAT_ARGV, splitFrom, wireFrom } from './readings.js';
import { serviceChainFrom } from './service-chain.js';
import type { DiagramSpec, DiagramSpecOf, FlowArrow, StepDiagram } from './step-diagram.js';

const DIAGRAM_TIMEOUT_MS = 30_000;

/** `outcome`: the checks that just passed, for a picture bound to what they observed (`wire`). */
export async function drawStepDiagram(spec: DiagramSpec, ctx: EngineContext, outcome?: PollOutcome): Promise<StepDiagram> {
  const opts = { timeoutMs: DIAGRAM_TIMEOUT_MS, signal: ctx.signal };
  if ('podPath' in spec) return drawPodPath(spec, ctx, opts, outcome);
  if ('dnsSearch' in spec) return drawDnsSearch(spec.dnsSearch, ctx);
  if ('sourceSeen' in spec) return drawSourceSeen(spec, ctx, outcome);
  if ('split' in spec) return drawSplit(spec, outcome);
  if ('flows' in spec) return drawFlows(spec, outcome);
  return drawServiceChain(spec, ctx, opts);
}

async function drawPodPath(spec: DiagramSpecOf<'podPath'>, ctx: EngineContext, opts: CallOptions, outcome?: PollOutcome): Promise<StepDiagram> {
  const { from, to } = substitute({ from: spec.podPath.from, to: spec.podPath.to }, ctx.bindings);
  const map = await readClusterMap(ctx.cluster, ctx.lesson.namespace, opts);
  const path = podPath(map, from, to);
  const output = spec.podPath.wire !== undefined ? outcome?.checks[spec.podPath.wire]?.output : undefined;
  const wire = output !== undefined ? wireFrom(output) : undefined;
  return {
    kind: 'podPath',
    from,
    to,
    profile: ctx.cluster.profile,
    ...(wire ? { wire } : {}),
    ...(path ? { path: { sameNode: path.sameNode, hops: path.hops, ...(path.route ? { route: path.route.raw } : {}) } } : {}),
    commands: map.sources.map((s) => s.argv),
  };
}

async function drawSourceSeen(spec: DiagramSpecOf<'sourceSeen'>, ctx: EngineContext, outcome?: PollOutcome): Promise<StepDiagram> {
  const { check: index, policy, client, lb } = substitute(spec.sourceSeen, ctx.bindings);
  const check = outcome?.checks[index];
  const seen = check?.output.trim().split('\n')[0]?.trim() || undefined;
  const ip = seen?.replace(/:\d+$/, '');
  const nodes = await ctx.cluster.read({ kind: 'node' }, { timeoutMs: DIAGRAM_TIMEOUT_MS, signal: ctx.signal });
  const node = nodes.find((n) =>
    ((n.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses ?? []).some((a) => a.type === 'InternalIP' && a.address === ip),
  );
  const clientNode = nodes.find((n) => n.metadata.name === ctx.cluster.nodeName(client));
  const clientIP = ((clientNode?.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses ?? []).find(
    (a) => a.type === 'InternalIP',
  )?.address;
  const seenIs = !ip ? 'unknown' : ip === lb ? 'lb' : ip === clientIP ? 'client' : node ? 'node' : 'other';
  return {
    kind: 'sourceSeen',
    policy,
    client,
    lb,
    ...(seen ? { seen } : {}),
    seenIs,
    ...(seenIs === 'node' && node?.metadata.name ? { seenNode: node.metadata.name } : {}),
    commands: [...(check ? [check.shown] : []), ['kubectl', '--context', ctx.cluster.context, 'get', 'nodes', '-o', 'wide']],
  };
}

function drawSplit(spec: DiagramSpecOf<'split'>, outcome?: PollOutcome): StepDiagram {
  const check = outcome?.checks[spec.split.check];
  const result = check?.results.find((r) => r.key === 'share');
  if (!check || !result) throw new Error(`check ${spec.split.check} of this step has no share result to draw`);
  const params = result.params as { value: string; expected: number | string; tolerance: number | string };
  return {
    kind: 'split',
    ...splitFrom(result.verdict.observed),
    expected: { value: params.value, share: Number(params.expected), tolerance: Number(params.tolerance) },
    commands: [check.shown],
  };
}

function drawFlows(spec: DiagramSpecOf<'flows'>, outcome?: PollOutcome): StepDiagram {
  const arrows = spec.flows.arrows.map((a): FlowArrow => {
    const check = outcome?.checks[a.check];
    if (!check) return { from: a.from };
    // A passing check saw what it expected; a failing one saw the opposite.
    const through = check.pass === a.allowed;
    const observed = check.output
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean);
    return { from: a.from, through, ...(observed ? { observed } : {}) };
  });
  return {
    kind: 'flows',
    to: spec.flows.to,
    arrows,
    commands: (outcome?.checks ?? []).filter((_c, i) => spec.flows.arrows.some((a) => a.check === i)).map((c) => c.shown),
  };
}

async function drawServiceChain(spec: DiagramSpecOf<'serviceChain'>, ctx: EngineContext, opts: CallOptions): Promise<StepDiagram> {
  const { service, node: nodeName, pod, namespace } = substitute(spec.serviceChain, ctx.bindings);
  // A hostNetwork Pod reads its node's rules the way any cluster allows (issue 16); a node is read with docker exec.
  const target: ExecTarget = pod ? { pod, namespace: ctx.lesson.namespace } : { node: ctx.cluster.nodeName(nodeName ?? 'worker') };
  const node = pod ? await nodeOfPod(pod, ctx, opts) : (target as { node: string }).node;
  const result = await ctx.cluster.exec(target, IPTABLES_NAT_ARGV, opts);
  if (result.exitCode !== 0) throw new Error(`${IPTABLES_NAT_ARGV.join(' ')} on ${node}: ${result.stderr.trim() || `exit ${result.exitCode}`}`);
  return {
    kind: 'serviceChain',
    node,
    picture: serviceChainFrom(parseIptables(result.stdout), namespace ?? ctx.lesson.namespace, service),
    commands: [shownCommands(ctx.cluster.context).exec(target, IPTABLES_NAT_ARGV)],
  };
}

/** The node a Pod runs on (a hostNetwork Pod reads that node's tables), or the Pod's name when unknown. */
async function nodeOfPod(pod: string, ctx: EngineContext, opts: CallOptions): Promise<string> {
  const [found] = await ctx.cluster.read({ kind: 'pod', name: pod, namespace: ctx.lesson.namespace }, opts);
  const nodeName = (found?.spec as { nodeName?: string } | undefined)?.nodeName;
  return nodeName ?? pod;
}

async function drawDnsSearch(spec: { pod: string; name: string }, ctx: EngineContext): Promise<StepDiagram> {
  const { pod, name } = substitute(spec, ctx.bindings);
  const opts = { timeoutMs: DIAGRAM_TIMEOUT_MS, signal: ctx.signal };
  const target = { pod, namespace: ctx.lesson.namespace };
  const shown = shownCommands(ctx.cluster.context);
  const commands: string[][] = [];
  const resolvArgv = ['cat', '/etc/resolv.conf'];
  const resolvRun = await ctx.cluster.exec(target, resolvArgv, opts);
  commands.push(shown.exec(target, resolvArgv));
  if (resolvRun.exitCode !== 0) throw new Error(`cat /etc/resolv.conf in ${pod}: ${resolvRun.stderr.trim() || `exit ${resolvRun.exitCode}`}`);
  const resolv = parseResolvConf(resolvRun.stdout);
  const { candidates, searchFirst } = searchCandidates(name, resolv);
  const tries: DnsTry[] = [];
  let answeredBy: string | undefined;
  for (const candidate of candidates) {
    // The resolver stops at the first address; later candidates are drawn as not asked.
    if (answeredBy) {
      tries.push({ name: candidate, addresses: [] });
      continue;
    }
    const r = await ctx.cluster.exec(target, digArgv(candidate), opts);
    commands.push(shown.exec(target, digArgv(candidate)));
    const t = tryFrom(candidate, parseDig(r.stdout));
    tries.push(t);
    if (t.addresses.length) answeredBy = candidate;
  }
  const [services, slices] = await Promise.all([
    ctx.cluster.read({ kind: 'service', name: 'kube-dns', namespace: 'kube-system' }, opts),
    ctx.cluster.read({ kind: 'endpointslice', selector: 'kubernetes.io/service-name=kube-dns', namespace: 'kube-system' }, opts),
  ]);
  commands.push(['kubectl', '--context', ctx.cluster.context, 'get', 'endpointslices', '-n', 'kube-system', '-l', 'kubernetes.io/service-name=kube-dns']);
  const clusterIP = (services[0]?.spec as { clusterIP?: string } | undefined)?.clusterIP;
  const endpoints = new Map<string, string | undefined>();
  for (const slice of slices as (KubeObject & { endpoints?: { addresses?: string[]; targetRef?: { name?: string } }[] })[]) {
    for (const e of slice.endpoints ?? []) for (const ip of e.addresses ?? []) endpoints.set(ip, e.targetRef?.name);
  }
  return {
    kind: 'dnsSearch',
    picture: {
      pod,
      name,
      ndots: resolv.ndots ?? 1,
      ...(resolv.nameservers[0] ? { nameserver: resolv.nameservers[0] } : {}),
      search: resolv.search,
      searchFirst,
      tries,
      ...(answeredBy ? { answeredBy } : {}),
      kubeDns: { ...(clusterIP ? { clusterIP } : {}), endpoints: [...endpoints].map(([ip, p]) => ({ ip, ...(p ? { pod: p } : {}) })) },
    },
    commands,
  };
}
