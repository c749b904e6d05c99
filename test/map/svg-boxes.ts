// Text boxes of an SVG as the layout meant them: parsed with a real XML parser, each <text> as wide
// as its display columns (string-width) at the layout's monospace metrics.
import { XMLParser } from 'fast-xml-parser';
import stringWidth from 'string-width';
import { CHAR_WIDTH, FONT_SIZE } from '../../src/ui/map/svg-canvas.js';

export interface TextBox {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function svgTextBoxes(svg: string): { boxes: TextBox[]; width: number; height: number } {
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => name === 'text' || name === 'rect' || name === 'line',
  }).parse(svg);
  const root = doc.svg;
  const boxes = (root.text as { '#text'?: string | number; x: string; y: string; 'font-size': string }[]).map((t) => {
    const text = String(t['#text'] ?? '');
    const size = Number(t['font-size']);
    const x = Number(t.x);
    const y = Number(t.y);
    return { text, x0: x, y0: y - size, x1: x + stringWidth(text) * CHAR_WIDTH * (size / FONT_SIZE), y1: y + size * 0.25 };
  });
  return { boxes, width: Number(root.width), height: Number(root.height) };
}
