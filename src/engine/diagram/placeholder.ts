// A step's picture without a cluster, for the dry run: the same shape live.ts draws, with every
// value a placeholder in <angle brackets>. Pure.
import { shownCommands } from '../../cluster/shown-commands.js';
import type { ExecTarget } from '../../cluster/port.js';
import type { Lesson } from '../../lessons/model.js';
import type { PathHop } from '../map/path.js';
import { searchCandidates } from './dns-search.js';
import { digArgv, IPTABLES_NAT_ARGV, type WireSeen } from './readings.js';
import type { DiagramSpec, DiagramSpecOf, StepDiagram } from './step-diagram.js';

/** The same picture without a cluster: every value a placeholder in <angle brackets>. */
export function placeholderDiagram(spec: DiagramSpec, lesson: Lesson, profile: string, context: string, nodeName: (n: string) => string): StepDiagram {
  if ('podPath' in spec) return placeholderPodPath(spec, profile);
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
  if ('dnsSearch' in spec) return placeholderDnsSearch(spec, lesson, context);
  return placeholderServiceChain(spec, lesson, context, nodeName);
}

function placeholderPodPath(spec: DiagramSpecOf<'podPath'>, profile: string): StepDiagram {
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

function placeholderDnsSearch(spec: DiagramSpecOf<'dnsSearch'>, lesson: Lesson, context: string): StepDiagram {
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

function placeholderServiceChain(spec: DiagramSpecOf<'serviceChain'>, lesson: Lesson, context: string, nodeName: (n: string) => string): StepDiagram {
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
