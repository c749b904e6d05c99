// The map as a terminal picture: one box per node (side by side when the terminal is wide enough),
// one box per Service with its endpoints, the real Pod-to-Pod path, and the commands it was read
// with. Pure: width, language, ASCII and colour come in as options. Widths are display columns
// (width.ts, through lines.ts), so Japanese labels line up; colour is applied after padding.
import type { Text } from '../../core/text.js';
import { displayCommand } from '../../cluster/shown-commands.js';
import type { ClusterMap, MapNode, MapService } from '../../engine/map/model.js';
import { podPath, type PathHop } from '../../engine/map/path.js';
import { mapLabels, profilePath } from './labels.js';
import { ASCII, finishLines, fitLine, lineWidth, UNICODE, wrapLine, type Glyphs, type Line, type Seg, type TextMapOptions } from './lines.js';

export function renderMapText(map: ClusterMap, options: TextMapOptions): string {
  const g = options.ascii ? ASCII : UNICODE;
  const t = (text: Text) => text[options.lang];
  const width = Math.max(40, options.width);
  const padTo = (line: Line, w: number): Line => [...line, { text: ' '.repeat(Math.max(0, w - lineWidth(line))) }];

  /** A box `w` columns wide: the title in the top edge, the body padded inside. */
  const box = (title: Line, body: Line[], w: number): Line[] => {
    const inner = w - 4;
    const head = fitLine(title, w - 6, g.ellipsis);
    const top: Line = [{ text: `${g.tl}${g.h} ` }, ...head, { text: ` ${g.h.repeat(Math.max(0, w - 5 - lineWidth(head)))}${g.tr}` }];
    const rows = body
      .flatMap((l) => wrapLine(l, inner))
      .map((l): Line => [{ text: `${g.v} ` }, ...padTo(fitLine(l, inner, g.ellipsis), inner), { text: ` ${g.v}` }]);
    return [top, ...rows, [{ text: `${g.bl}${g.h.repeat(w - 2)}${g.br}` }]];
  };
  const natural = (title: Line, body: Line[]) => Math.max(lineWidth(title) + 6, ...body.map((l) => lineWidth(l) + 4));

  const out: Line[] = [];
  out.push([{ text: t(mapLabels.title), style: 'bold' }]);
  out.push([
    { text: `${map.context}  ·  ${t(mapLabels.profile)} ` },
    { text: map.profile, style: 'cyan' },
    { text: `  ·  ${t(mapLabels.namespace)} ` },
    { text: map.namespace, style: 'cyan' },
  ]);
  out.push([]);

  // Nodes, side by side when they fit.
  const nodeBoxes = map.nodes.map((node) => ({ title: nodeTitle(node), body: nodeBody(node, map, g, t) }));
  const widest = Math.min(width, Math.max(30, ...nodeBoxes.map((b) => natural(b.title, b.body))));
  let perRow = 1;
  for (let k = Math.min(nodeBoxes.length, 4); k > 1; k--) {
    if (Math.floor((width - (k - 1)) / k) >= widest) {
      perRow = k;
      break;
    }
  }
  const boxWidth = perRow === 1 ? widest : Math.floor((width - (perRow - 1)) / perRow);
  for (let i = 0; i < nodeBoxes.length; i += perRow) {
    const row = nodeBoxes.slice(i, i + perRow);
    const height = Math.max(...row.map((b) => b.body.flatMap((l) => wrapLine(l, boxWidth - 4)).length));
    const drawn = row.map((b) =>
      box(b.title, [...b.body, ...Array.from({ length: height - b.body.flatMap((l) => wrapLine(l, boxWidth - 4)).length }, (): Line => [])], boxWidth),
    );
    for (let r = 0; r < drawn[0]!.length; r++) out.push(drawn.flatMap((d, j) => [...(j ? [{ text: ' ' }] : []), ...d[r]!]));
  }
  if (map.unscheduled.length) {
    out.push([{ text: `${t(mapLabels.unscheduled)}: ` }, { text: map.unscheduled.map((p) => `${p.name} (${p.phase ?? '?'})`).join(', '), style: 'yellow' }]);
  }
  out.push([]);

  // Services.
  out.push([{ text: t(mapLabels.services), style: 'bold' }]);
  if (!map.services.length) out.push([{ text: `  ${t(mapLabels.noServices)}`, style: 'dim' }]);
  const serviceBoxes = map.services.map((s) => ({ title: serviceTitle(s), body: serviceBody(s, g, t) }));
  const serviceWidth = Math.min(width, Math.max(30, ...serviceBoxes.map((b) => natural(b.title, b.body))));
  for (const b of serviceBoxes) out.push(...box(b.title, b.body, serviceWidth));
  out.push([]);

  // The data path: the profile's shape, then the real hops between this namespace's Pods.
  out.push([{ text: `${t(mapLabels.dataPath)} (${map.profile})`, style: 'bold' }]);
  const shape = profilePath[map.profile];
  if (shape) out.push([{ text: `  ${t(shape)}`, style: 'dim' }]);
  const paths = examplePaths(map);
  if (!paths.length) out.push([{ text: `  ${t(mapLabels.noPath)}`, style: 'dim' }]);
  for (const p of paths) {
    out.push([{ text: `  ${t(p.sameNode ? mapLabels.sameNode : mapLabels.acrossNodes)}:`, style: 'bold' }]);
    out.push([{ text: '    ' }, ...hopsLine(p.hops, options.ascii)]);
    if (p.route) out.push([{ text: `    ip route: ${p.route.raw}`, style: 'dim' }]);
  }
  out.push([]);

  out.push([{ text: t(mapLabels.readFrom), style: 'bold' }]);
  for (const s of map.sources) out.push([{ text: `  $ ${displayCommand(s.argv)}`, style: 'gray' }]);

  return finishLines(out, options);
}

function nodeTitle(node: MapNode): Line {
  return [
    { text: node.name, style: 'bold' },
    { text: ` (${node.role})`, style: 'dim' },
  ];
}

function nodeBody(node: MapNode, map: ClusterMap, g: Glyphs, t: (x: Text) => string): Line[] {
  const lines: Line[] = [
    [{ text: 'InternalIP ' }, { text: node.internalIP ?? '?', style: 'green' }, { text: '  podCIDR ' }, { text: node.podCIDR ?? '-', style: 'green' }],
  ];
  if (node.tunnel)
    lines.push([{ text: `${t(mapLabels.tunnel)} ` }, { text: node.tunnel.dev, style: 'cyan' }, { text: node.tunnel.address ? ` ${node.tunnel.address}` : '' }]);
  lines.push([{ text: t(mapLabels.pods), style: 'bold' }]);
  if (!node.pods.length) lines.push([{ text: `  ${t(mapLabels.none)}`, style: 'dim' }]);
  for (const pod of node.pods) {
    lines.push([
      { text: `  ${g.dot} ` },
      { text: pod.name, style: 'cyan' },
      { text: ' ' },
      { text: pod.ip ?? `(${pod.phase ?? '?'})`, style: pod.ip ? 'green' : 'yellow' },
      ...(pod.dev ? [{ text: ` ${g.both} ${pod.dev}`, style: 'dim' as const }] : []),
    ]);
  }
  lines.push([{ text: t(mapLabels.routes), style: 'bold' }]);
  if (node.routeError) lines.push([{ text: `  ${t(mapLabels.routeError)}: ${node.routeError}`, style: 'red' }]);
  const shown = node.routes.filter((r) => r.kind !== 'pod');
  if (!shown.length && !node.routeError) lines.push([{ text: `  ${t(mapLabels.none)}`, style: 'dim' }]);
  for (const r of shown) {
    if (r.kind === 'block') {
      lines.push([
        { text: `  ${g.block} ${r.raw}`, style: 'dim' },
        { text: ` (${t(mapLabels.ownBlock)})`, style: 'dim' },
      ]);
      continue;
    }
    lines.push([{ text: `  ${g.arrow} ` }, { text: r.raw }, ...(r.toNode ? [{ text: ` ${g.arrow} ${r.toNode}`, style: 'cyan' as const }] : [])]);
  }
  void map;
  return lines;
}

function serviceTitle(s: MapService): Line {
  return [
    { text: `svc/${s.name}`, style: 'bold' },
    { text: ` ${s.type}`, style: 'dim' },
  ];
}

function serviceBody(s: MapService, g: Glyphs, t: (x: Text) => string): Line[] {
  const lines: Line[] = [];
  for (const p of s.ports) {
    lines.push([
      { text: `${s.clusterIP ?? 'None'}:${p.port}`, style: 'green' },
      { text: ` ${g.arrow} :${p.targetPort ?? p.port}/${p.protocol}` },
      ...(p.nodePort !== undefined ? [{ text: `   NodePort :${p.nodePort}`, style: 'yellow' as const }] : []),
      ...(p.name ? [{ text: ` (${p.name})`, style: 'dim' as const }] : []),
    ]);
  }
  if (!s.ports.length) lines.push([{ text: `${s.clusterIP ?? 'None'}`, style: 'green' }]);
  if (s.slices.length) lines.push([{ text: `EndpointSlice ${s.slices.join(', ')}`, style: 'dim' }]);
  if (!s.endpoints.length) lines.push([{ text: t(mapLabels.noEndpoints), style: 'red' }]);
  for (const e of s.endpoints) {
    const port = e.ports[0]?.port;
    lines.push([
      { text: `  ${g.arrow} ` },
      { text: `${e.ip}${port !== undefined && !Number.isNaN(port) ? `:${port}` : ''}`, style: e.ready ? 'green' : 'yellow' },
      ...(e.pod ? [{ text: ` ${e.pod}`, style: 'cyan' as const }] : []),
      ...(e.node ? [{ text: ` @ ${e.node}`, style: 'dim' as const }] : []),
      ...(e.ready ? [] : [{ text: ` ${t(mapLabels.notReady)}`, style: 'yellow' as const }]),
    ]);
  }
  return lines;
}

/** One same-node and one cross-node pair of this namespace's Pods, when there are such pairs. */
export function examplePaths(map: ClusterMap): NonNullable<ReturnType<typeof podPath>>[] {
  const withIP = map.nodes.map((n) => n.pods.filter((p) => p.ip));
  const out: NonNullable<ReturnType<typeof podPath>>[] = [];
  const same = withIP.find((pods) => pods.length >= 2);
  if (same) {
    const p = podPath(map, same[0]!.name, same[1]!.name);
    if (p) out.push(p);
  }
  const firsts = withIP.filter((pods) => pods.length).map((pods) => pods[0]!);
  if (firsts.length >= 2) {
    const p = podPath(map, firsts[0]!.name, firsts[1]!.name);
    if (p) out.push(p);
  }
  return out;
}

export function hopsLine(hops: PathHop[], ascii: boolean): Line {
  const g = ascii ? ASCII : UNICODE;
  return hops.flatMap((h, i): Seg[] => [
    ...(i ? [{ text: ` ${g.arrow} ` }] : []),
    { text: h.label, style: h.kind === 'pod' ? 'cyan' : h.kind === 'node' ? 'bold' : 'yellow' },
    ...(h.detail ? [{ text: ` ${h.detail}`, style: h.kind === 'dev' ? ('dim' as const) : ('green' as const) }] : []),
  ]);
}
