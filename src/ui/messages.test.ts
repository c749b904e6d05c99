// messages.ts is where the CLI's texts live, so that test/language.test.ts ('CLI messages') sees each in
// both languages. A text picked with `lang === 'ja' ? '…' : '…'` in a command would bypass that test.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Lines that choose a learner text by language inline; output.ts's t() is the one place a Text becomes a string. */
async function inlineChoices(folders: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const folder of folders) {
    for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
      const file = path.join(entry.parentPath, entry.name);
      if (file === path.join('src', 'ui', 'output.ts')) continue;
      (await readFile(file, 'utf8')).split('\n').forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return;
        if (/=== 'ja'\s*\?|=== 'ja'$|\bja\s*\?\s*['`]|= ja$/.test(line)) found.push(`${file}:${i + 1}: ${line.trim().slice(0, 80)}`);
      });
    }
  }
  return found;
}

// Kana, kanji and full-width forms (Japanese typography's （）、：).
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;
/** A text built from other texts (`${why.ja}`, `${ja}`): its words are checked where those are written. */
const COMPOSED_JA = /\$\{[^}]*\bja\b[^}]*\}/;
const PAIR = /\{\s*ja:\s*(['`"])((?:\\.|(?!\1)[^\\])*)\1,\s*en:\s*(['`"])((?:\\.|(?!\3)[^\\])*)\3,?\s*\}/g;

/** `{ ja: '…', en: '…' }` literals whose ja holds no Japanese or whose en is empty or holds Japanese (both empty: data, left alone). */
function badPairs(source: string): { pairs: number; bad: string[] } {
  let pairs = 0;
  const bad: string[] = [];
  for (const [whole, , ja = '', , en = ''] of source.matchAll(PAIR)) {
    pairs++;
    if (!ja && !en) continue;
    if ((!JAPANESE.test(ja) && !COMPOSED_JA.test(ja)) || !en.trim() || JAPANESE.test(en)) bad.push(whole.slice(0, 100));
  }
  return { pairs, bad };
}

describe('learner texts go through messages.ts', () => {
  it("no file of src/ picks a text with `lang === 'ja' ? … : …`", async () => {
    expect(await inlineChoices(['src'])).toEqual([]);
  });

  it('texts written beside their code anywhere in src/ ({ ja, en } literals) are in both languages too', async () => {
    expect(
      badPairs("x = { ja: 'Pod network', en: 'Pod network' }; y = { ja: 'ポッド', en: '' }; z = { ja: '', en: '' }; w = { ja: `${a.ja}`, en: `${a.en}` }"),
    ).toEqual({
      pairs: 4,
      bad: ["{ ja: 'Pod network', en: 'Pod network' }", "{ ja: 'ポッド', en: '' }"],
    });
    let pairs = 0;
    const bad: string[] = [];
    for (const folder of ['src']) {
      for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
        const file = path.join(entry.parentPath, entry.name);
        const found = badPairs(await readFile(file, 'utf8'));
        pairs += found.pairs;
        bad.push(...found.bad.map((b) => `${file}: ${b}`));
      }
    }
    expect(bad).toEqual([]);
    expect(pairs).toBeGreaterThan(300);
  });
});
