// A lesson step's picture (StepDiagram) as terminal lines: the Pod-to-Pod path as a chain of hops,
// or a Service fanning out through kube-proxy's chains to its endpoints with the real shares.
import { displayCommand } from '../../cluster/shown-commands.js';
import type { ChainEndpoint } from '../../engine/diagram/service-chain.js';
import type { WireSeen } from '../../engine/diagram/readings.js';
import type { StepDiagram } from '../../engine/diagram/step-diagram.js';
import type { Text } from '../../core/text.js';
import { fill } from '../messages.js';
import { columnsOf } from '../columns.js';
import { diagramLabels, mapLabels, seenLabel } from './labels.js';
import { finishLines, type Line, type MapStyle, type TextMapOptions } from './lines.js';
import { hopsLine } from './text.js';

/** What the step's tcpdump saw on eth0: the outer packet and, when wrapped, the Pod-to-Pod one inside. */
export function wireLines(w: WireSeen, t: (x: Text) => string): Line[] {
  const ends = (e: { src?: string; dst?: string; summary: string }) => `${e.src ?? '?'} → ${e.dst ?? '?'}  ${e.summary}`;
  const lines: Line[] = [
    [
      { text: `  ${fill(t(diagramLabels.wireSeen), { packets: w.packets })}: `, style: 'bold' },
      { text: w.encapsulation.toUpperCase() + (w.vni !== undefined ? ` vni ${w.vni}` : ''), style: 'yellow' },
    ],
  ];
  if (w.inner) {
    lines.push([{ text: `    ${t(diagramLabels.wireOuter)}: ` }, { text: ends(w.outer), style: 'cyan' }]);
    lines.push([{ text: `    ${t(diagramLabels.wireInner)}: ` }, { text: ends(w.inner), style: 'green' }]);
  } else {
    lines.push([{ text: `    ${t(diagramLabels.wirePlain)}: ` }, { text: ends(w.outer), style: 'green' }]);
  }
  return lines;
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

export function renderDiagramText(d: StepDiagram, options: TextMapOptions): string {
  const t = (x: Text) => x[options.lang];
  const out: Line[] = [];
  if (d.kind === 'podPath') {
    out.push([{ text: fill(t(diagramLabels.podPathTitle), { from: d.from, to: d.to, profile: d.profile }), style: 'bold' }]);
    if (d.placeholder) out.push([{ text: t(diagramLabels.placeholder), style: 'dim' }]);
    if (!d.path) out.push([{ text: `  ${t(diagramLabels.noPath)}`, style: 'yellow' }]);
    else {
      out.push([{ text: `  ${t(d.path.sameNode ? mapLabels.sameNode : mapLabels.acrossNodes)}:`, style: 'bold' }]);
      out.push([{ text: '    ' }, ...hopsLine(d.path.hops, options.ascii)]);
      if (d.path.route) out.push([{ text: `    ip route: ${d.path.route}`, style: 'dim' }]);
    }
    if (d.wire) for (const line of wireLines(d.wire, t)) out.push(line);
  } else if (d.kind === 'sourceSeen') {
    out.push([{ text: fill(t(diagramLabels.sourceTitle), { policy: d.policy }), style: 'bold' }]);
    if (d.placeholder) out.push([{ text: t(diagramLabels.placeholder), style: 'dim' }]);
    out.push([
      { text: '    ' },
      ...hopsLine(
        [
          { kind: 'node', label: d.client, detail: 'curl' },
          { kind: 'dev', label: 'LoadBalancer', detail: d.lb },
          { kind: 'node', label: 'node', detail: `kube-proxy (${d.policy})` },
          { kind: 'pod', label: 'Pod', detail: '/clientip' },
        ],
        options.ascii,
      ),
    ]);
    const what = seenLabel(d.seenIs);
    out.push([
      { text: `  ${fill(t(diagramLabels.sourceSeen), { seen: d.seen ?? '?' })}`, style: 'bold' },
      ...(d.placeholder ? [] : [{ text: ` = ${fill(t(what), { node: d.seenNode ?? '?' })}`, style: (d.seenIs === 'node' ? 'yellow' : 'green') as MapStyle }]),
    ]);
  } else if (d.kind === 'split') {
    out.push([{ text: fill(t(diagramLabels.splitTitle), { total: d.placeholder ? '<N>' : d.total }), style: 'bold' }]);
    if (d.placeholder) out.push([{ text: t(diagramLabels.placeholder), style: 'dim' }]);
    const widest = Math.max(...d.answers.map((a) => columnsOf(a.value)));
    const BAR = 40;
    for (const a of d.answers) {
      const share = d.total ? a.count / d.total : 0;
      const cells = Math.round(share * BAR);
      out.push([
        { text: `  ${a.value}${' '.repeat(widest - columnsOf(a.value))} ` },
        { text: '█'.repeat(cells), style: a.value === d.expected?.value ? 'green' : 'cyan' },
        { text: '░'.repeat(BAR - cells), style: 'dim' },
        { text: d.placeholder ? '' : ` ${percent(share)} (${a.count}/${d.total})` },
      ]);
    }
    if (d.expected)
      out.push([
        {
          text: `  ${fill(t(diagramLabels.splitExpected), { value: d.expected.value, share: percent(d.expected.share), tolerance: percent(d.expected.tolerance) })}`,
          style: 'dim',
        },
      ]);
  } else if (d.kind === 'flows') {
    out.push([{ text: fill(t(diagramLabels.flowsTitle), { to: d.to }), style: 'bold' }]);
    if (d.placeholder) out.push([{ text: t(diagramLabels.placeholder), style: 'dim' }]);
    const widest = Math.max(...d.arrows.map((a) => columnsOf(a.from)));
    for (const a of d.arrows) {
      const verdict = a.through === undefined ? t(diagramLabels.flowUnknown) : t(a.through ? diagramLabels.flowThrough : diagramLabels.flowDropped);
      const mark = a.through === undefined ? '?' : a.through ? '✓' : '✗';
      out.push([
        { text: `  ${a.from}${' '.repeat(widest - columnsOf(a.from))} ` },
        { text: `──${mark} ${verdict}──${a.through === false ? '✕' : '▶'}`, style: a.through === undefined ? 'dim' : a.through ? 'green' : 'red' },
        { text: ` ${d.to}` },
        ...(a.observed ? [{ text: `   ${t(diagramLabels.flowObserved)}: ${a.observed}`, style: 'dim' as const }] : []),
      ]);
    }
  } else if (d.kind === 'dnsSearch') {
    const p = d.picture;
    const dots = (p.name.match(/\./g) ?? []).length;
    out.push([{ text: fill(t(diagramLabels.dnsTitle), { pod: p.pod, name: p.name, ndots: p.ndots, nameserver: p.nameserver ?? '?' }), style: 'bold' }]);
    if (d.placeholder) out.push([{ text: t(diagramLabels.placeholder), style: 'dim' }]);
    out.push([
      { text: `  ${fill(t(p.searchFirst ? diagramLabels.dnsSearchFirst : diagramLabels.dnsAsIsFirst), { name: p.name, dots, ndots: p.ndots })}`, style: 'dim' },
    ]);
    const widest = Math.max(...p.tries.map((x) => x.name.length));
    p.tries.forEach((x, i) => {
      const answered = x.addresses.length > 0;
      out.push([
        { text: `  ${i + 1} ` },
        { text: x.name.padEnd(widest), style: answered ? 'green' : x.status === undefined ? 'dim' : undefined },
        { text: '  ' },
        ...(x.status === undefined
          ? [{ text: t(diagramLabels.dnsNotAsked), style: 'dim' as const }]
          : [
              { text: x.status, style: (x.status === 'NOERROR' && answered ? 'green' : x.status.startsWith('<') ? 'dim' : 'yellow') as MapStyle },
              ...(x.server ? [{ text: ` @${x.server}`, style: 'dim' as const }] : []),
            ]),
        ...(answered ? [{ text: ` → ${x.addresses.join(', ')}`, style: 'green' as const }] : []),
      ]);
    });
    if (!d.placeholder) {
      const winner = p.tries.find((x) => x.addresses.length);
      out.push(
        winner
          ? [{ text: `  → ${fill(t(diagramLabels.dnsAnswered), { name: winner.name, addresses: winner.addresses.join(', ') })}`, style: 'green' }]
          : [{ text: `  → ${t(diagramLabels.dnsNoAddress)}`, style: 'red' }],
      );
    }
    if (p.kubeDns) {
      out.push([
        { text: `  ${fill(t(diagramLabels.dnsBehind), { clusterIP: p.kubeDns.clusterIP ?? '?' })}: ` },
        { text: p.kubeDns.endpoints.map((e) => `${e.ip}${e.pod ? ` (${e.pod})` : ''}`).join(', ') || '-', style: 'cyan' },
      ]);
    }
  } else {
    const p = d.picture;
    out.push([{ text: fill(t(diagramLabels.serviceChainTitle), { service: p.service, node: d.node }), style: 'bold' }]);
    if (d.placeholder) out.push([{ text: t(diagramLabels.placeholder), style: 'dim' }]);
    if (!p.entries.length) out.push([{ text: `  ${t(diagramLabels.noChain)}`, style: 'yellow' }]);
    else out.push([{ text: t(diagramLabels.shareLegend), style: 'dim' }]);
    const svcLines = (svcChain: string, endpoints: ChainEndpoint[], indent: string) => {
      out.push([{ text: `${indent}└→ ` }, { text: svcChain, style: 'cyan' }]);
      if (!endpoints.length) out.push([{ text: `${indent}   ${t(diagramLabels.noEndpoints)}`, style: 'red' }]);
      endpoints.forEach((e, i) => {
        const last = i === endpoints.length - 1;
        // iptables prints the probability as stored (0.33333333349 for kube-proxy's 0.3333333333): four places say it.
        const odds = e.probability !== undefined ? `p=${Number(e.probability.toFixed(4))}` : t(diagramLabels.rest);
        out.push([
          { text: `${indent}   ${last ? '└' : '├'}─ ` },
          { text: percent(e.share), style: 'bold' },
          { text: ' ' },
          { text: odds, style: 'yellow' },
          { text: ' → ' },
          { text: e.sep, style: 'cyan' },
          { text: ' → DNAT ' },
          { text: e.dnat ?? '?', style: 'green' },
        ]);
      });
    };
    for (const e of p.entries) {
      out.push([
        { text: 'KUBE-SERVICES', style: 'bold' },
        { text: '  ' },
        { text: `${e.clusterIP ?? '?'}:${e.port ?? '?'}/${e.protocol ?? 'all'}`, style: 'green' },
        ...(e.comment ? [{ text: `  "${e.comment}"`, style: 'dim' as const }] : []),
      ]);
      svcLines(e.svcChain, e.endpoints, '  ');
    }
    for (const n of p.nodePorts) {
      out.push([{ text: 'KUBE-NODEPORTS', style: 'bold' }, { text: '  ' }, { text: `:${n.port ?? '?'}/${n.protocol ?? 'all'}`, style: 'yellow' }]);
      out.push([
        { text: '  └→ ' },
        { text: n.extChain, style: 'cyan' },
        ...(n.svcChain && n.svcChain !== n.extChain ? [{ text: ` → ${n.svcChain}`, style: 'cyan' as const }] : []),
      ]);
    }
  }
  for (const c of d.commands) out.push([{ text: `  $ ${displayCommand(c)}`, style: 'gray' }]);
  return finishLines(out, options);
}
