// The SVG canvas the pictures draw on (the map's svg.ts, the lesson steps' diagram-svg.ts): the
// monospace font metrics the layouts assume, text widths from display columns (width.ts, so a CJK
// character counts two), the colours, and an Svg that collects escaped rects, texts and arrows. Pure.
import { esc } from '../html-page.js';
import { columnsOf } from '../columns.js';

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

/** The picture's elements in drawing order; every text escaped. */
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
