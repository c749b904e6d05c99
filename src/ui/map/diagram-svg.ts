// A lesson step's picture (StepDiagram) as SVG, for the HTML report: the Pod-to-Pod path as a chain
// of hops; a Service's chains as boxes, one row per endpoint with a bar as long as its share.
// Sized from display columns like the map's SVG (svg.ts), so no text box runs into another. Pure.
import { displayCommand } from '../../cluster/shown-commands.js';
import type { StepDiagram } from '../../engine/diagram/step-diagram.js';
import type { Lang, Text } from '../../core/text.js';
import { fill } from '../messages.js';
import { diagramLabels, mapLabels, seenLabel } from './labels.js';
import { wireLines } from './diagram-text.js';
import { esc } from '../html-page.js';
import { COLOURS, LINE_HEIGHT, Svg, textWidth } from './svg-canvas.js';
import { hopChain } from './svg.js';

const M = 16;

export function renderDiagramSvg(d: StepDiagram, lang: Lang): string {
  const t = (x: Text) => x[lang];
  const svg = new Svg();
  let y = M;
  let right = M + 600;
  const title =
    d.kind === 'podPath'
      ? fill(t(diagramLabels.podPathTitle), { from: d.from, to: d.to, profile: d.profile })
      : d.kind === 'sourceSeen'
        ? fill(t(diagramLabels.sourceTitle), { policy: d.policy })
        : d.kind === 'split'
          ? fill(t(diagramLabels.splitTitle), { total: d.placeholder ? '<N>' : d.total })
          : d.kind === 'flows'
            ? fill(t(diagramLabels.flowsTitle), { to: d.to })
            : d.kind === 'dnsSearch'
              ? fill(t(diagramLabels.dnsTitle), { pod: d.picture.pod, name: d.picture.name, ndots: d.picture.ndots, nameserver: d.picture.nameserver ?? '?' })
              : fill(t(diagramLabels.serviceChainTitle), { service: d.picture.service, node: d.node });
  svg.text(M, y + 14, title, { bold: true, size: 14, cls: 'heading' });
  right = Math.max(right, M + textWidth(title, 14));
  y += 26;
  if (d.placeholder) {
    svg.text(M, y + 12, t(diagramLabels.placeholder), { size: 12, fill: COLOURS.dim });
    y += 20;
  }
  if (d.kind === 'podPath') {
    if (!d.path) {
      svg.text(M, y + 13, t(diagramLabels.noPath), { fill: COLOURS.notReady });
      y += LINE_HEIGHT + 6;
    } else {
      svg.text(M, y + 13, `${t(d.path.sameNode ? mapLabels.sameNode : mapLabels.acrossNodes)}${d.path.route ? ` — ip route: ${d.path.route}` : ''}`, {
        bold: true,
        cls: 'path-title',
      });
      y += 24;
      y = hopChain(svg, d.path.hops, M, y, Math.max(right, 900)) + 12;
      right = Math.max(right, 900);
    }
    if (d.wire) {
      for (const line of wireLines(d.wire, t)) {
        const text = line
          .map((seg) => seg.text)
          .join('')
          .trimEnd();
        svg.text(M, y + 13, text.trim(), { bold: text.startsWith('  ') && !text.startsWith('    '), cls: 'wire' });
        right = Math.max(right, M + textWidth(text.trim()) + M);
        y += LINE_HEIGHT + 2;
      }
      y += 8;
    }
  } else if (d.kind === 'sourceSeen') {
    y =
      hopChain(
        svg,
        [
          { kind: 'node', label: d.client, detail: 'curl' },
          { kind: 'dev', label: 'LoadBalancer', detail: d.lb },
          { kind: 'node', label: 'node', detail: `kube-proxy (${d.policy})` },
          { kind: 'pod', label: 'Pod', detail: '/clientip' },
        ],
        M,
        y,
        900,
      ) + 12;
    const what = seenLabel(d.seenIs);
    const line = `${fill(t(diagramLabels.sourceSeen), { seen: d.seen ?? '?' })}${d.placeholder ? '' : ` = ${fill(t(what), { node: d.seenNode ?? '?' })}`}`;
    svg.text(M, y + 13, line, { bold: true, fill: d.seenIs === 'node' ? COLOURS.notReady : COLOURS.podEdge, cls: 'source-seen' });
    right = Math.max(right, M + textWidth(line) + M);
    y += LINE_HEIGHT + 8;
  } else if (d.kind === 'split') {
    const labelWidth = Math.max(...d.answers.map((a) => textWidth(a.value))) + 12;
    const BAR = 360;
    for (const a of d.answers) {
      const share = d.total ? a.count / d.total : 0;
      svg.text(M, y + 15, a.value, { bold: true, cls: 'split-answer' });
      svg.parts.push(
        `<rect class="split-track" x="${M + labelWidth}" y="${y + 3}" width="${BAR}" height="16" fill="${COLOURS.hop}" stroke="${COLOURS.network}" stroke-width="0.5"/>`,
      );
      svg.parts.push(
        `<rect class="split-bar" x="${M + labelWidth}" y="${y + 3}" width="${Math.round(share * BAR)}" height="16" fill="${a.value === d.expected?.value ? COLOURS.podEdge : COLOURS.route}"/>`,
      );
      const label = d.placeholder ? '' : `${Math.round(share * 1000) / 10}% (${a.count}/${d.total})`;
      if (label) svg.text(M + labelWidth + BAR + 12, y + 15, label, { size: 12, bold: true, cls: 'split-share' });
      right = Math.max(right, M + labelWidth + BAR + 12 + textWidth(label, 12) + M);
      y += 26;
    }
    if (d.expected) {
      // The expected share as a mark on the first bar's scale, and in words below.
      const line = fill(t(diagramLabels.splitExpected), {
        value: d.expected.value,
        share: `${Math.round(d.expected.share * 1000) / 10}%`,
        tolerance: `${Math.round(d.expected.tolerance * 1000) / 10}%`,
      });
      svg.text(M, y + 13, line, { size: 12, fill: COLOURS.dim, cls: 'split-expected' });
      y += 22;
    }
  } else if (d.kind === 'flows') {
    const fromWidth = Math.max(...d.arrows.map((a) => textWidth(a.from))) + 16;
    const toWidth = textWidth(d.to) + 16;
    const arrowLen = 220;
    const top = y;
    const boxH = LINE_HEIGHT + 10;
    d.arrows.forEach((a, i) => {
      const rowY = top + i * (boxH + 14);
      const colour = a.through === undefined ? COLOURS.network : a.through ? COLOURS.podEdge : '#c0392b';
      svg.rect(M, rowY, fromWidth, boxH, COLOURS.pod, COLOURS.podEdge, 'flow-from');
      svg.text(M + 8, rowY + 18, a.from, { bold: true, cls: 'flow-from-label' });
      const x1 = M + fromWidth + 4;
      const x2 = x1 + arrowLen;
      svg.parts.push(
        `<line class="flow" x1="${x1}" y1="${rowY + boxH / 2}" x2="${x2}" y2="${rowY + boxH / 2}" stroke="${colour}" stroke-width="2.5"${a.through === false ? ' stroke-dasharray="6 4"' : ''} marker-end="url(#arrow)"/>`,
      );
      const verdict =
        a.through === undefined
          ? t(diagramLabels.flowUnknown)
          : `${a.through ? '✓' : '✗'} ${t(a.through ? diagramLabels.flowThrough : diagramLabels.flowDropped)}`;
      svg.text(x1 + 12, rowY + 8, verdict, { size: 12, bold: true, fill: colour, cls: 'flow-verdict' });
      svg.rect(x2 + 6, rowY, toWidth, boxH, COLOURS.service, COLOURS.serviceEdge, 'flow-to');
      svg.text(x2 + 14, rowY + 18, d.to, { bold: true, cls: 'flow-to-label' });
      if (a.observed) {
        const line = `${t(diagramLabels.flowObserved)}: ${a.observed}`;
        svg.text(x2 + 6 + toWidth + 16, rowY + 18, line, { size: 12, fill: COLOURS.dim, cls: 'flow-observed' });
        right = Math.max(right, x2 + 6 + toWidth + 16 + textWidth(line, 12) + M);
      }
      right = Math.max(right, x2 + 6 + toWidth + M);
    });
    y = top + d.arrows.length * (boxH + 14) + 8;
  } else if (d.kind === 'dnsSearch') {
    const p = d.picture;
    const dots = (p.name.match(/\./g) ?? []).length;
    const note = fill(t(p.searchFirst ? diagramLabels.dnsSearchFirst : diagramLabels.dnsAsIsFirst), { name: p.name, dots, ndots: p.ndots });
    svg.text(M, y + 12, note, { size: 12, fill: COLOURS.dim });
    right = Math.max(right, M + textWidth(note, 12) + M);
    y += 24;
    const nameWidth = Math.max(...p.tries.map((x) => textWidth(`${x.name}`, 12))) + 16;
    p.tries.forEach((x, i) => {
      const answered = x.addresses.length > 0;
      const colour = answered ? COLOURS.podEdge : x.status === undefined ? COLOURS.network : COLOURS.notReady;
      svg.rect(M, y, nameWidth + 24, LINE_HEIGHT + 10, answered ? COLOURS.pod : COLOURS.hop, colour, 'candidate');
      svg.text(M + 8, y + 18, `${i + 1} ${x.name}`, { size: 12, bold: answered, cls: 'candidate-name' });
      const status =
        x.status === undefined
          ? t(diagramLabels.dnsNotAsked)
          : `${x.status}${x.server ? ` @${x.server}` : ''}${answered ? ` → ${x.addresses.join(', ')}` : ''}`;
      svg.text(M + nameWidth + 40, y + 18, status, { size: 12, bold: answered, fill: colour, cls: 'candidate-status' });
      right = Math.max(right, M + nameWidth + 40 + textWidth(status, 12) + M);
      y += LINE_HEIGHT + 16;
    });
    if (p.kubeDns) {
      const line = `${fill(t(diagramLabels.dnsBehind), { clusterIP: p.kubeDns.clusterIP ?? '?' })}: ${p.kubeDns.endpoints.map((e) => `${e.ip}${e.pod ? ` (${e.pod})` : ''}`).join(', ') || '-'}`;
      svg.text(M, y + 13, line, { cls: 'kube-dns' });
      right = Math.max(right, M + textWidth(line) + M);
      y += LINE_HEIGHT + 8;
    }
  } else {
    const p = d.picture;
    if (!p.entries.length) {
      svg.text(M, y + 13, t(diagramLabels.noChain), { fill: COLOURS.notReady });
      y += LINE_HEIGHT + 6;
    } else {
      svg.text(M, y + 12, t(diagramLabels.shareLegend), { size: 12, fill: COLOURS.dim });
      y += 22;
    }
    const box = (x: number, top: number, lines: string[], fillColour: string, stroke: string): number => {
      const w = Math.ceil(Math.max(...lines.map((l) => textWidth(l, 12))) + 16);
      svg.rect(x, top, w, lines.length * LINE_HEIGHT + 8, fillColour, stroke, 'chain');
      lines.forEach((l, i) =>
        svg.text(x + 8, top + 16 + i * LINE_HEIGHT, l, { size: 12, bold: i === 0, fill: i === 0 ? COLOURS.text : COLOURS.dim, cls: 'chain-label' }),
      );
      return x + w;
    };
    for (const n of p.nodePorts) {
      let x = box(M, y, ['KUBE-NODEPORTS', `:${n.port ?? '?'}/${n.protocol ?? 'all'}`], COLOURS.service, COLOURS.serviceEdge);
      svg.line(x + 2, y + 21, x + 26, y + 21, COLOURS.dim, 'hop-arrow');
      x = box(x + 30, y, [n.extChain, n.svcChain ? `→ ${n.svcChain}` : ''], COLOURS.hop, COLOURS.network);
      right = Math.max(right, x + M);
      y += 2 * LINE_HEIGHT + 8 + 14;
    }
    for (const e of p.entries) {
      const top = y;
      const x = box(M, top, ['KUBE-SERVICES', `${e.clusterIP ?? '?'}:${e.port ?? '?'}/${e.protocol ?? 'all'}`], COLOURS.service, COLOURS.serviceEdge);
      svg.line(x + 2, top + 21, x + 26, top + 21, COLOURS.dim, 'hop-arrow');
      const svcRight = box(x + 30, top, [e.svcChain, e.comment ?? ''], COLOURS.hop, COLOURS.network);
      const sepLeft = svcRight + 40;
      if (!e.endpoints.length) {
        svg.text(sepLeft, top + 21, t(diagramLabels.noEndpoints), { fill: COLOURS.notReady });
        right = Math.max(right, sepLeft + textWidth(t(diagramLabels.noEndpoints)) + M);
        y += 2 * LINE_HEIGHT + 8 + 14;
      }
      e.endpoints.forEach((ep, i) => {
        const rowTop = top + i * (2 * LINE_HEIGHT + 8 + 10);
        svg.parts.push(
          `<path class="fan" d="M ${svcRight} ${top + 21} C ${svcRight + 20} ${top + 21}, ${sepLeft - 20} ${rowTop + 21}, ${sepLeft - 2} ${rowTop + 21}" fill="none" stroke="${COLOURS.dim}" stroke-width="1.5" marker-end="url(#arrow)"/>`,
        );
        const odds = ep.probability !== undefined ? `p=${Number(ep.probability.toFixed(4))}` : t(diagramLabels.rest);
        let xx = box(sepLeft, rowTop, [ep.sep, odds], COLOURS.hop, COLOURS.network);
        svg.line(xx + 2, rowTop + 21, xx + 26, rowTop + 21, COLOURS.dim, 'hop-arrow');
        xx = box(xx + 30, rowTop, ['DNAT', ep.dnat ?? '?'], COLOURS.pod, COLOURS.podEdge);
        // The share of new connections as a bar (full width 120 px = 100 %).
        const bar = Math.max(2, Math.round(ep.share * 120));
        svg.parts.push(
          `<rect class="share-track" x="${xx + 16}" y="${rowTop + 14}" width="120" height="12" fill="${COLOURS.hop}" stroke="${COLOURS.network}" stroke-width="0.5"/>`,
        );
        svg.parts.push(`<rect class="share-bar" x="${xx + 16}" y="${rowTop + 14}" width="${bar}" height="12" fill="${COLOURS.route}"/>`);
        svg.text(xx + 16 + 128, rowTop + 25, `${Math.round(ep.share * 1000) / 10}%`, { size: 12, bold: true, cls: 'share' });
        right = Math.max(right, xx + 16 + 128 + textWidth('100.0%', 12) + M);
        y = rowTop + 2 * LINE_HEIGHT + 8 + 14;
      });
    }
  }
  for (const c of d.commands) {
    const line = `$ ${displayCommand(c)}`;
    svg.text(M, y + 12, line, { size: 12, fill: COLOURS.dim, cls: 'command' });
    right = Math.max(right, M + textWidth(line, 12) + M);
    y += 16;
  }
  y += M;
  const width = Math.ceil(right);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" font-family="'DejaVu Sans Mono', 'Noto Sans Mono CJK JP', 'Noto Sans CJK JP', monospace" role="img" aria-label="${esc(title)}">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="${COLOURS.dim}"/></marker></defs>`,
    `<rect x="0" y="0" width="${width}" height="${y}" fill="#ffffff"/>`,
    ...svg.parts,
    '</svg>',
  ].join('\n');
}
