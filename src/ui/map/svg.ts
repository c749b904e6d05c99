// The map as an SVG diagram (html.ts puts it in a page). Layout: one column per node (its Pods as
// boxes, its routes as lines of text), the node network beneath them, Services below listing their
// endpoints (each endpoint Pod's box names its Service; no arrows across the routes' text), then
// the real Pod-to-Pod path as a chain of hops (hopChain, which diagram-svg.ts draws with too), and
// the commands the map was read with. Columns are sized from the display width of their longest
// text (svg-canvas.ts: a CJK character counts two), in a monospace font, so no text box runs into
// another. Pure.
import type { Lang, Text } from '../../core/text.js';
import { displayCommand } from '../../cluster/shown-commands.js';
import type { ClusterMap, MapNode } from '../../engine/map/model.js';
import type { PathHop } from '../../engine/map/path.js';
import { esc } from '../html-page.js';
import { mapLabels, profilePath } from './labels.js';
import { COLOURS, LINE_HEIGHT, Svg, textWidth } from './svg-canvas.js';
import { examplePaths } from './text.js';

interface NodeColumn {
  node: MapNode;
  x: number;
  width: number;
  lines: { text: string; bold?: boolean; fill?: string }[];
  pods: { name: string; lines: string[]; pending: boolean }[];
  routes: string[];
}

type T = (x: Text) => string;

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

  const { columns, x } = nodeColumns(map, t);
  y = drawNodes(svg, columns, y, t);
  const right = Math.max(x - GAP, MARGIN + 300);
  y = drawNodeNetwork(svg, map, columns, y, right, t);
  y = drawServices(svg, map, y, right, t);
  y = drawPaths(svg, map, y, right, t);
  y = drawSources(svg, map, y, t);

  const shape = profilePath[map.profile];
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

/** One column per node, sized to its widest text and placed left to right; `x` is where a next column would start. */
function nodeColumns(map: ClusterMap, t: T): { columns: NodeColumn[]; x: number } {
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
  return { columns, x };
}

/** The node columns, all as tall as the tallest: the node's facts, its Pods as boxes, its routes. Returns the y below. */
function drawNodes(svg: Svg, columns: NodeColumn[], nodesTop: number, t: T): number {
  const heights = columns.map((c) => {
    let h = PAD + c.lines.length * LINE_HEIGHT + 8 + LINE_HEIGHT;
    h += c.pods.length ? c.pods.reduce((n, p) => n + p.lines.length * LINE_HEIGHT + 12 + 8, 0) : LINE_HEIGHT;
    h += 8 + LINE_HEIGHT + Math.max(1, c.routes.length) * 16 + PAD;
    return h;
  });
  const nodeHeight = Math.max(...heights, 120);
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
  return nodesTop + nodeHeight;
}

/** The network the nodes share (kind's Docker network), with each node's eth0 on it. Returns the y below. */
function drawNodeNetwork(svg: Svg, map: ClusterMap, columns: NodeColumn[], y: number, right: number, t: T): number {
  const netY = y + 40;
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
  return netY + 40;
}

/** Services and the endpoints behind them, as boxes in rows that end before `right`. Returns the y below. */
function drawServices(svg: Svg, map: ClusterMap, y: number, right: number, t: T): number {
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
  return y + (map.services.length ? rowHeight : 0) + 30;
}

/** The profile's path shape, then the real Pod-to-Pod paths as chains of hops. Returns the y below. */
function drawPaths(svg: Svg, map: ClusterMap, y: number, right: number, t: T): number {
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
  return y;
}

/** The commands the map was read with. Returns the y below, with the bottom margin. */
function drawSources(svg: Svg, map: ClusterMap, y: number, t: T): number {
  svg.text(MARGIN, y + 14, t(mapLabels.readFrom), { bold: true, size: 14, cls: 'heading' });
  y += 24;
  for (const s of map.sources) {
    svg.text(MARGIN, y + 12, `$ ${displayCommand(s.argv)}`, { size: 12, fill: COLOURS.dim, cls: 'command' });
    y += 16;
  }
  return y + MARGIN;
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
