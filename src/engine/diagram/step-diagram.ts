// A step's picture (lesson field `diagram`): drawn after its checks pass, from the live cluster
// through the Cluster port and the step's captures; the dry run draws the same shape with
// placeholders. The renderers in src/ui/map/ turn a StepDiagram into terminal lines.
import { shownCommands } from '../../cluster/shown-commands.js';
import type { Lesson, Step } from '../../lessons/model.js';
import { parseIptables } from '../../parse/iptables.js';
import { readClusterMap } from '../map/read.js';
import { podPath, type PathHop } from '../map/model.js';
import type { EngineContext } from '../step.js';
import { substitute } from '../templating.js';
import { serviceChainFrom, type ServiceChainPicture } from './service-chain.js';
import { searchCandidates, tryFrom, type DnsSearchPicture, type DnsTry } from './dns-search.js';
import { parseResolvConf } from '../../parse/resolv.js';
import { parseDig } from '../../parse/dig.js';
import { parseTcpdump } from '../../parse/tcpdump.js';
import type { PollOutcome } from '../poll.js';
import type { CallOptions, ExecTarget, KubeObject } from '../../cluster/port.js';

export type DiagramSpec = NonNullable<Step['diagram']>;

export const IPTABLES_NAT_ARGV = ['iptables-save', '-t', 'nat'];

export type StepDiagram =
  | {
      kind: 'podPath';
      from: string;
      to: string;
      profile: string;
      /** Undefined when a Pod has no IP yet or the node holds no route to the other. */
      path?: { sameNode: boolean; hops: PathHop[]; route?: string };
      /** The packet the step's tcpdump check saw on eth0 (lesson field `wire`). */
      wire?: WireSeen;
      commands: string[][];
      placeholder?: true;
    }
  | { kind: 'serviceChain'; node: string; picture: ServiceChainPicture; commands: string[][]; placeholder?: true }
  | { kind: 'dnsSearch'; picture: DnsSearchPicture; commands: string[][]; placeholder?: true }
  | { kind: 'flows'; to: string; arrows: FlowArrow[]; commands: string[][]; placeholder?: true }
  | {
      kind: 'sourceSeen';
      policy: string;
      client: string;
      lb: string;
      seen?: string;
      seenIs: 'lb' | 'node' | 'client' | 'other' | 'unknown';
      seenNode?: string;
      commands: string[][];
      placeholder?: true;
    }
  | {
      kind: 'split';
      answers: SplitAnswer[];
      total: number;
      expected?: { value: string; share: number; tolerance: number };
      commands: string[][];
      placeholder?: true;
    };

/** One answer of a repeated request and how many of the samples gave it. */
export interface SplitAnswer {
  value: string;
  count: number;
}

/**
 * The counts behind a `share` verdict: its observed text is kindlab's own tally
 * (`0.835 (echo-v1: 167/200, echo-v2: 33/200)`, src/expectations/generic.ts showTally).
 */
export function splitFrom(observed: string): { answers: SplitAnswer[]; total: number } {
  const answers: SplitAnswer[] = [];
  let total = 0;
  for (const m of observed.matchAll(/(?:\(|, )([^,()]+?): (\d+)\/(\d+)/g)) {
    answers.push({ value: m[1]!, count: Number(m[2]) });
    total = Number(m[3]);
  }
  return { answers, total };
}

/** One arrow of a `flows` picture: did the traffic get through, as its check observed it. */
export interface FlowArrow {
  from: string;
  /** undefined when the check's result is not known (a dry run, or a challenge solved in start). */
  through?: boolean;
  /** The first line the check printed (curl's status code or its error). */
  observed?: string;
}

/** One packet of a tcpdump check: how it crossed, outer and inner ends (inner only when encapsulated). */
export interface WireSeen {
  encapsulation: string;
  outer: { src?: string; dst?: string; summary: string };
  inner?: { src?: string; dst?: string; summary: string };
  vni?: number;
  /** Packets the check printed. */
  packets: number;
  raw: string;
}

/** The first pod-to-pod packet tcpdump printed, encapsulated ones first (they carry both ends). */
export function wireFrom(output: string): WireSeen | undefined {
  const result = parseTcpdump(output);
  const packet = result.packets.find((p) => p.encapsulation !== 'none' && p.inner) ?? result.packets.find((p) => p.protocol === 'IP');
  if (!packet) return undefined;
  return {
    encapsulation: packet.encapsulation,
    outer: { src: packet.src, dst: packet.dst, summary: packet.summary },
    ...(packet.inner ? { inner: { src: packet.inner.src, dst: packet.inner.dst, summary: packet.inner.summary } } : {}),
    ...(packet.vni !== undefined ? { vni: packet.vni } : {}),
    packets: result.packets.length,
    raw: packet.raw,
  };
}

const DIAGRAM_TIMEOUT_MS = 30_000;

/** `outcome`: the checks that just passed, for a picture bound to what they observed (`wire`). */
export async function drawStepDiagram(spec: DiagramSpec, ctx: EngineContext, outcome?: PollOutcome): Promise<StepDiagram> {
  const opts = { timeoutMs: DIAGRAM_TIMEOUT_MS, signal: ctx.signal };
  if ('podPath' in spec) {
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
  if ('dnsSearch' in spec) return drawDnsSearch(spec.dnsSearch, ctx);
  if ('sourceSeen' in spec) {
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
  if ('split' in spec) {
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
  if ('flows' in spec) {
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

export const digArgv = (name: string) => ['dig', '+time=2', '+tries=1', name];

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

/** The same picture without a cluster: every value a placeholder in <angle brackets>. */
export function placeholderDiagram(spec: DiagramSpec, lesson: Lesson, profile: string, context: string, nodeName: (n: string) => string): StepDiagram {
  if ('podPath' in spec) {
    const { from, to } = spec.podPath;
    // Unknown without a cluster: drawn as the step arranges the Pods (`nodes`), across nodes when it does not say.
    const podDev = profile === 'kindnet' ? '<veth>' : '<cali…>';
    const tunnel = profile === 'calico-vxlan' ? 'vxlan.calico' : profile === 'calico-ipip' ? 'tunl0' : undefined;
    const middle: PathHop[] = tunnel
      ? [
          { kind: 'dev', label: tunnel },
          { kind: 'dev', label: 'eth0', detail: '<nodeIP> → <nodeIP>' },
          { kind: 'dev', label: tunnel },
        ]
      : [{ kind: 'dev', label: 'eth0', detail: 'via <nodeIP>' }];
    if (spec.podPath.nodes === 'same') {
      return {
        kind: 'podPath',
        from,
        to,
        profile,
        placeholder: true,
        commands: [],
        path: {
          sameNode: true,
          hops: [
            { kind: 'pod', label: from, detail: '<podIP>' },
            { kind: 'dev', label: podDev },
            { kind: 'node', label: '<node>', detail: '<nodeIP>' },
            { kind: 'dev', label: podDev },
            { kind: 'pod', label: to, detail: '<podIP>' },
          ],
        },
      };
    }
    const wire: WireSeen | undefined =
      spec.podPath.wire === undefined
        ? undefined
        : tunnel
          ? {
              encapsulation: profile === 'calico-vxlan' ? 'vxlan' : 'ipip',
              outer: { src: '<nodeIP>', dst: '<nodeIP>', summary: profile === 'calico-vxlan' ? 'UDP 4789' : 'ip-proto-4' },
              inner: { src: '<podIP>', dst: '<podIP>', summary: 'ICMP' },
              packets: 0,
              raw: '',
            }
          : { encapsulation: 'none', outer: { src: '<podIP>', dst: '<podIP>', summary: 'ICMP' }, packets: 0, raw: '' };
    return {
      kind: 'podPath',
      from,
      to,
      profile,
      placeholder: true,
      ...(wire ? { wire } : {}),
      path: {
        sameNode: false,
        hops: [
          { kind: 'pod', label: from, detail: '<podIP>' },
          { kind: 'dev', label: podDev },
          { kind: 'node', label: '<node>', detail: '<nodeIP>' },
          ...middle,
          { kind: 'node', label: '<node>', detail: '<nodeIP>' },
          { kind: 'dev', label: podDev },
          { kind: 'pod', label: to, detail: '<podIP>' },
        ],
        route:
          profile === 'kindnet' ? '<podCIDR> via <nodeIP> dev eth0' : `<block>/26 via <next hop> dev ${tunnel ?? 'eth0'}${tunnel ? ' onlink' : ' proto bird'}`,
      },
      commands: [],
    };
  }
  if ('sourceSeen' in spec)
    return {
      kind: 'sourceSeen',
      placeholder: true,
      policy: spec.sourceSeen.policy,
      client: spec.sourceSeen.client,
      lb: spec.sourceSeen.lb,
      seen: '<IP:port>',
      seenIs: 'unknown',
      commands: [],
    };
  if ('split' in spec)
    return {
      kind: 'split',
      placeholder: true,
      answers: [
        { value: '<A>', count: 0 },
        { value: '<B>', count: 0 },
      ],
      total: 0,
      commands: [],
    };
  if ('flows' in spec)
    return { kind: 'flows', to: spec.flows.to, placeholder: true, arrows: spec.flows.arrows.map((a) => ({ from: a.from, through: a.allowed })), commands: [] };
  if ('dnsSearch' in spec) {
    const { pod, name } = spec.dnsSearch;
    // A Pod's search list as the kubelet writes it (ClusterFirst): <ns>.svc.cluster.local svc.cluster.local cluster.local, ndots:5.
    const search = [`${lesson.namespace}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'];
    const { candidates, searchFirst } = searchCandidates(name, { search, ndots: 5 });
    return {
      kind: 'dnsSearch',
      placeholder: true,
      picture: {
        pod,
        name,
        ndots: 5,
        nameserver: '<kube-dns ClusterIP>',
        search,
        searchFirst,
        tries: candidates.map((c) => ({ name: c, status: '<status>', addresses: [] })),
        kubeDns: { clusterIP: '<clusterIP>', endpoints: [{ ip: '<CoreDNS Pod IP>' }] },
      },
      commands: [
        shownCommands(context).exec({ pod, namespace: lesson.namespace }, ['cat', '/etc/resolv.conf']),
        ...candidates.map((c) => shownCommands(context).exec({ pod, namespace: lesson.namespace }, digArgv(c))),
      ],
    };
  }
  const pod = spec.serviceChain.pod;
  const target: ExecTarget = pod ? { pod, namespace: lesson.namespace } : { node: nodeName(spec.serviceChain.node ?? 'worker') };
  const node = pod ? `<node>` : (target as { node: string }).node;
  const sep = (n: number) => `KUBE-SEP-<${n}>`;
  return {
    kind: 'serviceChain',
    node,
    placeholder: true,
    picture: {
      service: `${spec.serviceChain.namespace ?? lesson.namespace}/${spec.serviceChain.service}`,
      entries: [
        {
          comment: `${spec.serviceChain.namespace ?? lesson.namespace}/${spec.serviceChain.service} cluster IP`,
          clusterIP: '<clusterIP>',
          port: '<port>',
          protocol: 'tcp',
          svcChain: 'KUBE-SVC-<hash>',
          endpoints: [
            { sep: sep(1), probability: 0.5, share: 0.5, dnat: '<podIP>:<targetPort>' },
            { sep: sep(2), share: 0.5, dnat: '<podIP>:<targetPort>' },
          ],
        },
      ],
      nodePorts: [],
    },
    commands: [shownCommands(context).exec(target, IPTABLES_NAT_ARGV)],
  };
}
