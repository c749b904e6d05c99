// Terminal lines as segments of styled text, measured in display columns (width.ts, so a CJK
// character counts two): cut to a width with an ellipsis, wrapped onto indented lines, and turned
// into text (ASCII for --plain, trailing spaces gone, colour applied last). Shared by the map's
// terminal picture (text.ts) and the lesson steps' pictures (diagram-text.ts). Pure.
import type { Lang } from '../../core/text.js';
import { columnsOf } from '../columns.js';

export type MapStyle = 'green' | 'red' | 'yellow' | 'cyan' | 'dim' | 'bold' | 'gray';
export interface Seg {
  text: string;
  style?: MapStyle;
}
export type Line = Seg[];

export interface TextMapOptions {
  lang: Lang;
  /** Terminal columns; the picture never exceeds them (80 is the floor kindlab designs for). */
  width: number;
  /** `--plain`: ASCII only (+-| and ->), no colour. */
  ascii: boolean;
  /** Colours a piece of text; identity when colour is off. */
  paint?: (style: MapStyle, text: string) => string;
}

/** The drawing characters: Unicode boxes and arrows, or ASCII for --plain. */
export interface Glyphs {
  tl: string;
  tr: string;
  bl: string;
  br: string;
  h: string;
  v: string;
  arrow: string;
  both: string;
  dot: string;
  block: string;
  ellipsis: string;
}
export const UNICODE: Glyphs = { tl: '┌', tr: '┐', bl: '└', br: '┘', h: '─', v: '│', arrow: '→', both: '⇄', dot: '●', block: '■', ellipsis: '…' };
export const ASCII: Glyphs = { tl: '+', tr: '+', bl: '+', br: '+', h: '-', v: '|', arrow: '->', both: '<->', dot: '*', block: '#', ellipsis: '...' };

const graphemes = (text: string): string[] => [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].map((s) => s.segment);
export const lineWidth = (line: Line) => line.reduce((n, s) => n + columnsOf(s.text), 0);

/** The line cut to `width` columns, ending in an ellipsis when cut (never splitting a wide character). */
export function fitLine(line: Line, width: number, ellipsis: string): Line {
  if (lineWidth(line) <= width) return line;
  const room = width - columnsOf(ellipsis);
  const out: Line = [];
  let used = 0;
  for (const seg of line) {
    let kept = '';
    for (const g of graphemes(seg.text)) {
      const w = columnsOf(g);
      if (used + w > room) break;
      kept += g;
      used += w;
    }
    if (kept) out.push({ ...seg, text: kept });
    if (kept !== seg.text) break;
  }
  out.push({ text: ellipsis, style: 'dim' });
  return out;
}

/** Words of a long line carried onto following lines (indented), each at most `width` columns. */
export function wrapLine(line: Line, width: number, indent = '    '): Line[] {
  if (lineWidth(line) <= width) return [line];
  const pieces: Seg[] = line.flatMap((seg) => seg.text.split(/(?<= )/).map((text) => ({ ...seg, text })));
  const lines: Line[] = [[]];
  let used = 0;
  for (const piece of pieces) {
    const w = columnsOf(piece.text);
    if (used + w > width && used > columnsOf(indent)) {
      lines.push([{ text: indent }]);
      used = columnsOf(indent);
    }
    // A carried piece starts its line without the space that separated it.
    const text = used === columnsOf(indent) && lines.length > 1 ? piece.text.replace(/^ +/, '') : piece.text;
    lines[lines.length - 1]!.push({ ...piece, text });
    used += columnsOf(text);
  }
  return lines;
}

/** Lines to terminal text: ASCII for --plain, wrapped and cut to the width, trailing spaces gone, then coloured. */
export function finishLines(out: Line[], options: TextMapOptions): string {
  const g = options.ascii ? ASCII : UNICODE;
  const paint = options.ascii || !options.paint ? (_s: MapStyle, text: string) => text : options.paint;
  const width = Math.max(40, options.width);
  // --plain: the same picture in ASCII; Japanese words stay, the drawing characters go.
  const ascii = (text: string) =>
    options.ascii
      ? text
          .replace(/[─—]/g, '-')
          .replace(/·/g, '/')
          .replace(/→/g, '->')
          .replace(/⇄/g, '<->')
          .replace(/←/g, '<-')
          .replace(/[├└]/g, '+')
          .replace(/│/g, '|')
          .replace(/█/g, '#')
          .replace(/░/g, '.')
          .replace(/✓/g, 'ok')
          .replace(/✗/g, 'x')
          .replace(/▶/g, '>')
          .replace(/✕/g, 'X')
      : text;
  const toText = (line: Line) => line.map((s) => (s.style ? paint(s.style, s.text) : s.text)).join('');
  return (
    out
      .map((l) => l.map((seg) => ({ ...seg, text: ascii(seg.text) })))
      .flatMap((l) => wrapLine(l, width))
      .map((l) => toText(trimEnd(fitLine(l, width, g.ellipsis))))
      .join('\n') + '\n'
  );
}

/** The line without trailing spaces, trimmed before colouring so colour codes do not hide them. */
function trimEnd(line: Line): Line {
  const out = [...line];
  while (out.length) {
    const last = out[out.length - 1]!;
    const text = last.text.replace(/\s+$/, '');
    if (text) {
      out[out.length - 1] = { ...last, text };
      break;
    }
    out.pop();
  }
  return out;
}
