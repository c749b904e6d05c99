// kindlab's own column count (width.ts) against string-width, the library terminals' users trust:
// every code point alone, every line a learner can be shown from a lesson or messages.ts, and
// random strings of the characters lessons use (CJK, kana, full-width forms, marks, emoji).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { columnsOf } from './width.js';

const root = path.resolve(import.meta.dirname, '../..');
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));

describe('columns of a string, as string-width counts them', () => {
  // Planes 4-13 are unassigned and 15-16 private use: their edges stand for them (all 1.1M took 20 s).
  const planes = [
    [0, 0x3ffff],
    [0x40000, 0x400ff],
    [0xdff00, 0xe0fff],
    [0xf0000, 0xf00ff],
    [0x10ff00, 0x10ffff],
  ] as const;
  it('every code point of planes 0-3 and 14 alone (surrogates aside) takes the columns string-width gives it', () => {
    const wrong: string[] = [];
    for (const cp of planes.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i))) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const s = String.fromCodePoint(cp);
      const [mine, theirs] = [columnsOf(s), stringWidth(s)];
      if (mine !== theirs && wrong.push(`U+${cp.toString(16)}: ${mine} ≠ ${theirs}`) > 20) break;
    }
    expect(wrong).toEqual([]);
  });

  it('every line of every lesson file and of messages.ts', () => {
    const files = [...filesUnder(path.join(root, 'labs')), path.join(root, 'src/ui/messages.ts')];
    let nonAscii = 0;
    for (const file of files) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (/[^\x20-\x7e]/.test(line)) nonAscii++;
        expect(columnsOf(line), `${path.relative(root, file)}: ${line}`).toBe(stringWidth(line));
      }
    }
    expect(nonAscii).toBeGreaterThan(500); // the Japanese texts were read
  });

  // Not held to it: clusters no text has, an emoji with a combining or voiced mark after it (a column apart).
  it('random strings of ASCII, Japanese, full-width forms, marks, box drawing and emoji sequences', () => {
    const pieces = [
      ...'aZ09 -_/:.()[]#*',
      ...'ネットワーク基本のサービスをー・「」、。（）',
      ...'ＡＢ１２！？ｱｲ',
      'ｶﾞ',
      'ﾊﾟ',
      'é',
      'e\u0301',
      'u\u0308',
      'か\u3099',
      'は\u309a',
      'ネ\u200c',
      '\u200b',
      '\t',
      '\n',
      ...'─│┌┐→←✓✗…•※',
      '⚠',
      '⚠️',
      '✔️',
      '❤',
      '❤️',
      '🙂',
      '👍',
      '👍🏽',
      '👩‍💻',
      '👨‍👩‍👧',
      '🔥',
      '1️⃣',
      '#⃣',
      '🇯🇵',
      '한',
      '\u1100\u1161\u11a8',
      '\u1100\u1161',
      '\u1100',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const s = parts.join('');
        expect(columnsOf(s), JSON.stringify(s)).toBe(stringWidth(s));
      }),
      { numRuns: 20000 },
    );
  });

  it('colours (CSI) and links (OSC 8) take no columns', () => {
    for (const s of [
      '\u001b[32m✓\u001b[39m 01  ネットワーク',
      '\u001b[2mkindnet, calico\u001b[22m',
      '\u001b]8;;https://example.com\u0007リンク\u001b]8;;\u0007',
    ]) {
      expect(columnsOf(s)).toBe(stringWidth(s));
    }
  });
});
