// The map's SVG, parsed as XML: well-formed, every node, Pod, IP and Service drawn as text, and no
// text box overlapping another (boxes from the layout's font metrics: monospace, display columns).
import { describe, expect, test } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { readClusterMap } from '../../src/engine/map/read.js';
import { renderMapHtml } from '../../src/ui/map/html.js';
import { renderMapSvg } from '../../src/ui/map/svg.js';
import { svgTextBoxes, type TextBox } from './svg-boxes.js';
import { labWorld } from './world.js';

const overlaps = (a: TextBox, b: TextBox) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

describe('kindlab map as SVG', () => {
  for (const profile of ['kindnet', 'calico-vxlan'] as const) {
    for (const lang of ['ja', 'en'] as const) {
      test(`${profile}, ${lang}: well-formed, every node, Pod and Service labelled, no text box overlapping another`, async () => {
        const map = await readClusterMap(labWorld(profile), 'lab-01', { timeoutMs: 1000 });
        const svg = renderMapSvg(map, lang);
        expect(XMLValidator.validate(svg)).toBe(true);
        const { boxes, width, height } = svgTextBoxes(svg);
        const texts = boxes.map((b) => b.text);
        for (const node of map.nodes) {
          expect(texts).toContain(node.name);
          expect(texts).toContain(`InternalIP ${node.internalIP}`);
          for (const pod of node.pods) {
            expect(texts).toContain(pod.name);
            expect(texts).toContain(pod.ip);
          }
        }
        expect(texts).toContain('svc/server (NodePort)');
        expect(texts.some((t) => t.startsWith('10.96.41.7:80'))).toBe(true);
        expect(texts).toContain(lang === 'ja' ? '経路 (ip route)' : 'Routes (ip route)');
        const clashes: string[] = [];
        boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => overlaps(a, b) && clashes.push(`"${a.text}" / "${b.text}"`)));
        expect(clashes).toEqual([]);
        for (const b of boxes) {
          expect(b.x1, b.text).toBeLessThanOrEqual(width);
          expect(b.y1, b.text).toBeLessThanOrEqual(height);
        }
      });
    }
  }

  test('the HTML page is self-contained: no script, no link, no URL other than the SVG namespace', async () => {
    const html = renderMapHtml(await readClusterMap(labWorld('kindnet'), 'lab-01', { timeoutMs: 1000 }), 'ja');
    expect(html).toMatch(/^<!doctype html>\n<html lang="ja">/);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\((?!#)/i);
    expect(html.match(/https?:\/\/[^"'\s]+/g)).toEqual(['http://www.w3.org/2000/svg']);
  });

  test('the overlap check catches overlapping text (it can fail)', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50"><text x="10" y="20" font-size="13">kindlab-worker</text><text x="60" y="25" font-size="13">10.244.1.2</text></svg>';
    const { boxes } = svgTextBoxes(svg);
    expect(overlaps(boxes[0]!, boxes[1]!)).toBe(true);
  });
});
