// The map as an SVG diagram and as one self-contained HTML page (no scripts, fonts or images from
// the network). Layout: one column per node (its Pods as boxes, its routes as lines of text), the
// node network beneath them, Services below listing their endpoints (each endpoint Pod's box names
// its Service; no arrows across the routes' text), then the real Pod-to-Pod path as a chain of hops. Columns are sized from the display width of their longest
// text (string-width, so a CJK character counts two), in a monospace font, so no text box runs
// into another. Pure.
import { esc, htmlPage } from '../html-page.js';
import type { Lang, Text } from '../../core/text.js';
import { displayCommand } from '../../cluster/shown-commands.js';
import type { ClusterMap, MapNode, PathHop } from '../../engine/map/model.js';
import { columnsOf } from '../columns.js';
import { mapLabels, profilePath } from './labels.js';
import { examplePaths } from './text.js';

/** Font metrics the layout assumes: monospace, one column at most CHAR_WIDTH of FONT_SIZE. */
export const FONT_SIZE = 13;
export const CHAR_WIDTH = 8;
export const LINE_HEIGHT = 18;

export const textWidth = (s: string, size = FONT_SIZE) => columnsOf(s) * CHAR_WIDTH * (size / FONT_SIZE);

export const COLOURS = {
  node: '#eef3fb',
  nodeEdge: '#5b7db1',
  pod: '#e8f6ec',
  podEdge: '#3f8f57',
  podPending: '#fff6dd',
  service: '#fdf0e6',
  serviceEdge: '#c0702a',
  text: '#1d2330',
  dim: '#5d6677',
  route: '#2f5d9e',
  network: '#8a95a8',
  notReady: '#b7791f',
  hop: '#f3f4f7',
};

export class Svg {
  readonly parts: string[] = [];
  rect(x: number, y: number, w: number, h: number, fill: string, stroke: string, cls: string, extra = ''): void {
    this.parts.push(`<rect class="${cls}" x="${x}" y="${y}" width="${w}" height="${h}" rx="6" fill="${fill}" stroke="${stroke}"${extra}/>`);
  }
  /** One line of text at baseline y; `data-label` lets tests find it. */
  text(x: number, y: number, s: string, opts: { bold?: boolean; fill?: string; size?: number; cls?: string } = {}): void {
    const size = opts.size ?? FONT_SIZE;
    this.parts.push(
      `<text class="${opts.cls ?? 'label'}" x="${x}" y="${y}" font-size="${size}"${opts.bold ? ' font-weight="bold"' : ''} fill="${opts.fill ?? COLOURS.text}">${esc(s)}</text>`,
    );
  }
  line(x1: number, y1: number, x2: number, y2: number, stroke: string, cls: string, dashed = false): void {
    this.parts.push(
      `<line class="${cls}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${stroke}" stroke-width="1.5"${dashed ? ' stroke-dasharray="5 4"' : ''} marker-end="url(#arrow)"/>`,
    );
  }
}

interface NodeColumn {
  node: MapNode;
  x: number;
  width: number;
  lines: { text: string; bold?: boolean; fill?: string }[];
  pods: { name: string; lines: string[]; pending: boolean }[];
  routes: string[];
}

const PAD = 12;
const GAP = 28;
const MARGIN = 20;

export function renderMapSvg(map: ClusterMap, lang: Lang): string {
  const t = (x: Text) => x[lang];
  const svg = new Svg();
  let y = MARGIN;

  // Title.
  svg.text(MARGIN, y + 16, t(mapLabels.title), { bold: true, size: 16, cls: 'title' });
  y += 26;
  svg.text(MARGIN, y + 13, `${map.context} · ${t(mapLabels.profile)} ${map.profile} · ${t(mapLabels.namespace)} ${map.namespace}`, {
    fill: COLOURS.dim,
    cls: 'subtitle',
  });
  y += 30;

  // Node columns.
  const columns: NodeColumn[] = map.nodes.map((node) => {
    const lines = [
      { text: node.name, bold: true },
      { text: `(${node.role})`, fill: COLOURS.dim },
      { text: `InternalIP ${node.internalIP ?? '?'}` },
      { text: `podCIDR ${node.podCIDR ?? '-'}` },
      ...(node.tunnel ? [{ text: `${t(mapLabels.tunnel)} ${node.tunnel.dev}${node.tunnel.address ? ` ${node.tunnel.address}` : ''}` }] : []),
    ];
    // A Pod behind a Service says so in its own box: arrows from the Services below would cross the routes' text.
    const behind = (pod: string) => map.services.filter((s) => s.endpoints.some((e) => e.pod === pod)).map((s) => `← svc/${s.name}`);
    const pods = node.pods.map((p) => ({
      name: p.name,
      lines: [p.name, p.ip ?? `(${p.phase ?? '?'})`, ...(p.dev ? [`⇄ ${p.dev}`] : []), ...behind(p.name)],
      pending: !p.ip,
    }));
    const routes = [
      ...(node.routeError ? [`${t(mapLabels.routeError)}: ${node.routeError}`] : []),
      ...node.routes
        .filter((r) => r.kind !== 'pod')
        .flatMap((r) => [r.raw, ...(r.kind === 'block' ? [`  (${t(mapLabels.ownBlock)})`] : r.toNode ? [`  → ${r.toNode}`] : [])]),
    ];
    const widest = Math.max(
      ...lines.map((l) => textWidth(l.text)),
      ...pods.flatMap((p) => p.lines.map((l) => textWidth(l) + 2 * PAD)),
      ...routes.map((r) => textWidth(r, 12)),
      textWidth(t(mapLabels.routes)),
      textWidth(t(mapLabels.pods)),
      textWidth(t(mapLabels.none)),
    );
    return { node, x: 0, width: Math.ceil(Math.max(220, widest + 2 * PAD)), lines, pods, routes };
  });
  let x = MARGIN;
  for (const c of columns) {
    c.x = x;
    x += c.width + GAP;
  }
  const podBoxes = new Map<string, { x: number; y: number; w: number; h: number }>();
  const heights = columns.map((c) => {
    let h = PAD + c.lines.length * LINE_HEIGHT + 8 + LINE_HEIGHT;
    h += c.pods.length ? c.pods.reduce((n, p) => n + p.lines.length * LINE_HEIGHT + 12 + 8, 0) : LINE_HEIGHT;
    h += 8 + LINE_HEIGHT + Math.max(1, c.routes.length) * 16 + PAD;
    return h;
  });
  const nodeHeight = Math.max(...heights, 120);
  const nodesTop = y;
  for (const c of columns) {
    svg.rect(c.x, nodesTop, c.width, nodeHeight, COLOURS.node, COLOURS.nodeEdge, 'node', ` data-node="${esc(c.node.name)}"`);
    let cy = nodesTop + PAD;
    for (const l of c.lines) {
      svg.text(c.x + PAD, cy + 13, l.text, { bold: l.bold, fill: l.fill });
      cy += LINE_HEIGHT;
    }
    cy += 8;
    svg.text(c.x + PAD, cy + 13, t(mapLabels.pods), { bold: true, cls: 'heading' });
    cy += LINE_HEIGHT;
    if (!c.pods.length) {
      svg.text(c.x + PAD, cy + 13, t(mapLabels.none), { fill: COLOURS.dim });
      cy += LINE_HEIGHT;
    }
    for (const p of c.pods) {
      const h = p.lines.length * LINE_HEIGHT + 12;
      const box = { x: c.x + PAD, y: cy, w: c.width - 2 * PAD, h };
      podBoxes.set(p.name, box);
      svg.rect(box.x, box.y, box.w, box.h, p.pending ? COLOURS.podPending : COLOURS.pod, COLOURS.podEdge, 'pod', ` data-pod="${esc(p.name)}"`);
      p.lines.forEach((l, i) =>
        svg.text(box.x + PAD, cy + 6 + 13 + i * LINE_HEIGHT, l, {
          bold: i === 0,
          fill: i === 0 ? COLOURS.text : l.startsWith('← svc/') ? COLOURS.serviceEdge : COLOURS.dim,
        }),
      );
      cy += h + 8;
    }
    cy += 8;
    svg.text(c.x + PAD, cy + 13, t(mapLabels.routes), { bold: true, cls: 'heading' });
    cy += LINE_HEIGHT;
    if (!c.routes.length) svg.text(c.x + PAD, cy + 12, t(mapLabels.none), { fill: COLOURS.dim, size: 12 });
    c.routes.forEach((r, i) => svg.text(c.x + PAD, cy + 12 + i * 16, r, { size: 12, fill: r.startsWith('  ') ? COLOURS.dim : COLOURS.route, cls: 'route' }));
  }
  y = nodesTop + nodeHeight;

  // The network the nodes share (kind's Docker network), with each node's eth0 on it.
  const netY = y + 40;
  const right = Math.max(x - GAP, MARGIN + 300);
  for (const c of columns) {
    svg.parts.push(
      `<line class="link" x1="${c.x + c.width / 2}" y1="${y}" x2="${c.x + c.width / 2}" y2="${netY}" stroke="${COLOURS.network}" stroke-width="2"/>`,
    );
    svg.text(c.x + c.width / 2 + 6, y + 24, `eth0 ${c.node.internalIP ?? ''}`.trim(), { size: 12, fill: COLOURS.dim, cls: 'eth0' });
  }
  svg.parts.push(`<line class="network" x1="${MARGIN}" y1="${netY}" x2="${right}" y2="${netY}" stroke="${COLOURS.network}" stroke-width="4"/>`);
  const tunnelDev = map.nodes.find((n) => n.tunnel)?.tunnel?.dev;
  svg.text(MARGIN, netY + 20, `node network (eth0)${tunnelDev ? ` · ${t(mapLabels.tunnel)} ${tunnelDev}` : ''}`, {
    size: 12,
    fill: COLOURS.dim,
    cls: 'network-label',
  });
  y = netY + 40;

  // Services and the endpoints behind them.
  svg.text(MARGIN, y + 14, t(mapLabels.services), { bold: true, size: 14, cls: 'heading' });
  y += 28;
  if (!map.services.length) {
    svg.text(MARGIN, y + 13, t(mapLabels.noServices), { fill: COLOURS.dim });
    y += LINE_HEIGHT;
  }
  let sx = MARGIN;
  let rowHeight = 0;
  for (const s of map.services) {
    const lines = [
      `svc/${s.name} (${s.type})`,
      ...s.ports.map(
        (p) => `${s.clusterIP ?? 'None'}:${p.port} → :${p.targetPort ?? p.port}/${p.protocol}${p.nodePort !== undefined ? ` · NodePort ${p.nodePort}` : ''}`,
      ),
      ...(s.slices.length ? [`EndpointSlice ${s.slices.join(', ')}`] : []),
      ...(s.endpoints.length
        ? s.endpoints.map(
            (e) =>
              `→ ${e.ip}${e.ports[0] ? `:${e.ports[0].port}` : ''}${e.pod ? ` ${e.pod}` : ''}${e.node ? ` @ ${e.node}` : ''}${e.ready ? '' : ` ${t(mapLabels.notReady)}`}`,
          )
        : [t(mapLabels.noEndpoints)]),
    ];
    const w = Math.ceil(Math.max(...lines.map((l) => textWidth(l))) + 2 * PAD);
    const h = lines.length * LINE_HEIGHT + 2 * PAD - 4;
    if (sx > MARGIN && sx + w > right) {
      sx = MARGIN;
      y += rowHeight + 16;
      rowHeight = 0;
    }
    svg.rect(sx, y, w, h, COLOURS.service, COLOURS.serviceEdge, 'service', ` data-service="${esc(s.name)}"`);
    lines.forEach((l, i) => {
      const endpoint = s.endpoints[i - (lines.length - s.endpoints.length)];
      svg.text(sx + PAD, y + PAD + 11 + i * LINE_HEIGHT, l, {
        bold: i === 0,
        fill: endpoint && !endpoint.ready ? COLOURS.notReady : i === 0 ? COLOURS.text : COLOURS.dim,
      });
    });
    sx += w + GAP;
    rowHeight = Math.max(rowHeight, h);
  }
  y += (map.services.length ? rowHeight : 0) + 30;

  // The real Pod-to-Pod paths as chains of hops.
  svg.text(MARGIN, y + 14, `${t(mapLabels.dataPath)} (${map.profile})`, { bold: true, size: 14, cls: 'heading' });
  y += 26;
  const shape = profilePath[map.profile];
  if (shape) {
    svg.text(MARGIN, y + 12, t(shape), { size: 12, fill: COLOURS.dim, cls: 'profile-path' });
    y += 24;
  }
  const paths = examplePaths(map);
  if (!paths.length) {
    svg.text(MARGIN, y + 13, t(mapLabels.noPath), { fill: COLOURS.dim });
    y += LINE_HEIGHT + 8;
  }
  for (const p of paths) {
    svg.text(MARGIN, y + 13, `${t(p.sameNode ? mapLabels.sameNode : mapLabels.acrossNodes)}${p.route ? ` — ip route: ${p.route.raw}` : ''}`, {
      bold: true,
      cls: 'path-title',
    });
    y += 24;
    y = hopChain(svg, p.hops, MARGIN, y, right) + 12;
  }

  // The commands it was read with.
  svg.text(MARGIN, y + 14, t(mapLabels.readFrom), { bold: true, size: 14, cls: 'heading' });
  y += 24;
  for (const s of map.sources) {
    svg.text(MARGIN, y + 12, `$ ${displayCommand(s.argv)}`, { size: 12, fill: COLOURS.dim, cls: 'command' });
    y += 16;
  }
  y += MARGIN;

  const width = Math.ceil(
    Math.max(
      right + MARGIN,
      ...map.sources.map((s) => MARGIN * 2 + textWidth(`$ ${displayCommand(s.argv)}`, 12)),
      MARGIN * 2 + textWidth(shape ? t(shape) : '', 12),
    ),
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" font-family="'DejaVu Sans Mono', 'Noto Sans Mono CJK JP', 'Noto Sans CJK JP', monospace" role="img" aria-label="${esc(t(mapLabels.title))}">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="${COLOURS.dim}"/></marker></defs>`,
    `<rect x="0" y="0" width="${width}" height="${y}" fill="#ffffff"/>`,
    ...svg.parts,
    '</svg>',
  ].join('\n');
}

/** Hops as small boxes joined by arrows, carried to a new row before `right`. Returns the y below. */
export function hopChain(svg: Svg, hops: PathHop[], left: number, top: number, right: number): number {
  let x = left;
  let y = top;
  const h = 2 * LINE_HEIGHT + 8;
  hops.forEach((hop, i) => {
    const lines = [hop.label, ...(hop.detail ? [hop.detail] : [])];
    const w = Math.ceil(Math.max(...lines.map((l) => textWidth(l, 12))) + 16);
    if (i > 0 && x + 30 + w > Math.max(right, left + 400)) {
      x = left;
      y += h + 14;
    } else if (i > 0) {
      svg.line(x + 2, y + h / 2, x + 26, y + h / 2, COLOURS.dim, 'hop-arrow');
      x += 30;
    }
    const fill = hop.kind === 'pod' ? COLOURS.pod : hop.kind === 'node' ? COLOURS.node : COLOURS.hop;
    const stroke = hop.kind === 'pod' ? COLOURS.podEdge : hop.kind === 'node' ? COLOURS.nodeEdge : COLOURS.network;
    svg.rect(x, y, w, h, fill, stroke, `hop hop-${hop.kind}`);
    lines.forEach((l, j) =>
      svg.text(x + 8, y + 16 + j * LINE_HEIGHT, l, { size: 12, bold: j === 0, fill: j === 0 ? COLOURS.text : COLOURS.dim, cls: 'hop-label' }),
    );
    x += w;
  });
  return y + h;
}

/** One HTML page holding the SVG: opens offline, nothing fetched. */
export function renderMapHtml(map: ClusterMap, lang: Lang): string {
  const title = `${mapLabels.title[lang]} · ${map.context} · ${map.namespace}`;
  return htmlPage({
    lang,
    title,
    css: 'body{margin:0;padding:16px;background:#f6f7f9;font-family:system-ui,sans-serif;color:#1d2330}main{overflow-x:auto}svg{display:block;max-width:100%;height:auto;background:#fff;border:1px solid #d5d9e0;border-radius:8px}',
    body: [`<main>${renderMapSvg(map, lang)}</main>`],
  });
}
