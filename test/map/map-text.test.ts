// The map's terminal picture: pure rendering of a model read through the fake cluster. Snapshots at
// 80 and 120 columns in both languages; every line within the width by display columns (a CJK
// character is two); the box edges line up in Japanese too; --plain is ASCII; colour changes nothing else.
import { describe, expect, test } from 'vitest';
import stringWidth from 'string-width';
import { stripVTControlCharacters, styleText } from 'node:util';
import { readClusterMap } from '../../src/engine/map/read.js';
import { fitLine } from '../../src/ui/map/lines.js';
import { renderMapText } from '../../src/ui/map/text.js';
import type { ClusterMap } from '../../src/engine/map/model.js';
import { labWorld } from './world.js';

const read = (profile: 'kindnet' | 'calico-vxlan') => readClusterMap(labWorld(profile), 'lab-01', { timeoutMs: 1000 });

describe('kindlab map in the terminal', () => {
  for (const profile of ['kindnet', 'calico-vxlan'] as const) {
    for (const width of [80, 120]) {
      for (const lang of ['ja', 'en'] as const) {
        test(`${profile}, ${lang}, ${width} columns: the picture matches its snapshot and no line is wider than ${width} columns`, async () => {
          const text = renderMapText(await read(profile), { lang, width, ascii: false });
          await expect(text).toMatchFileSnapshot(`__snapshots__/map-${profile}-${lang}-${width}.txt`);
          for (const line of text.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(width);
        });
      }
    }
  }

  test('in Japanese, every line of a box has the same display width, so the right edges line up (not the same code-unit length)', async () => {
    const text = renderMapText(await read('calico-vxlan'), { lang: 'ja', width: 80, ascii: false });
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.startsWith('┌─ kindlab-worker '));
    const end = lines.findIndex((l, i) => i > start && l.startsWith('└'));
    const box = lines.slice(start, end + 1);
    expect(box.some((l) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(l))).toBe(true);
    expect(new Set(box.map((l) => stringWidth(l))).size).toBe(1);
    // The same lines counted in UTF-16 code units differ: padding by .length would have misaligned them.
    expect(new Set(box.map((l) => l.length)).size).toBeGreaterThan(1);
    for (const l of box.slice(1, -1)) expect(l.endsWith('│')).toBe(true);
  });

  test('--plain draws with ASCII only; the Japanese words stay', async () => {
    const text = renderMapText(await read('kindnet'), { lang: 'ja', width: 80, ascii: true });
    await expect(text).toMatchFileSnapshot('__snapshots__/map-kindnet-ja-80-plain.txt');
    const drawing = text.replace(/[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]/g, '');
    expect(drawing).toMatch(/^[\x20-\x7e\n]*$/);
    expect(text).toContain('経路 (ip route)');
  });

  test('colour adds escape codes and nothing else: without them the picture is the same', async () => {
    const map = await read('calico-vxlan');
    const plain = renderMapText(map, { lang: 'en', width: 100, ascii: false });
    const coloured = renderMapText(map, { lang: 'en', width: 100, ascii: false, paint: (style, s) => styleText(style, s, { validateStream: false }) });
    expect(coloured).not.toBe(plain);
    expect(stripVTControlCharacters(coloured)).toBe(plain);
  });

  test('a narrow terminal (40 to 79 columns) still gets a picture within its width, cut with an ellipsis', async () => {
    const map = await read('calico-vxlan');
    for (const width of [40, 57, 79]) {
      const text = renderMapText(map, { lang: 'ja', width, ascii: false });
      for (const line of text.split('\n')) expect(stringWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
    }
  });

  test('a cut never splits a wide character: a CJK label cut at an odd column stops before it', () => {
    const cut = fitLine([{ text: 'ノードをまたぐ経路' }], 6, '…');
    expect(cut.map((s) => s.text).join('')).toBe('ノー…');
    expect(stringWidth(cut.map((s) => s.text).join(''))).toBeLessThanOrEqual(6);
  });

  test('with room for them, nodes are drawn side by side', async () => {
    const text = renderMapText(await read('kindnet'), { lang: 'en', width: 220, ascii: false });
    const top = text.split('\n').find((l) => l.includes('kindlab-control-plane (control-plane)'))!;
    expect(top).toContain('kindlab-worker (worker)');
    expect(top).toContain('kindlab-worker2 (worker)');
  });

  test("a node whose ip route could not be read says so with the tool's words", async () => {
    const cluster = labWorld('kindnet');
    cluster.answer(['ip', '-4', 'route', 'show'], (_a, target) =>
      'node' in target && target.node === 'kindlab-worker2'
        ? { stderr: 'Error: container is not running', exitCode: 1 }
        : { stdout: 'default via 172.18.0.1 dev eth0\n' },
    );
    const map: ClusterMap = await readClusterMap(cluster, 'lab-01', { timeoutMs: 1000 });
    const text = renderMapText(map, { lang: 'en', width: 80, ascii: false });
    expect(text).toContain('could not read ip route: Error: container is not running');
  });
});
