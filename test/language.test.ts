// Every text a learner reads exists in Japanese and English. A `ja` text must contain Japanese
// (catches English pasted into both); an `en` text must not (catches a forgotten translation).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GLOBAL_OPTIONS } from '../src/cli/command.js';
import { commands } from '../src/cli/commands/index.js';
import { loadAllLessons } from '../src/lab/load.js';
import { messages } from '../src/ui/messages.js';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/** Every {ja, en} pair inside a value, with where it was found. */
function* texts(value: unknown, where: string): Generator<{ where: string; ja: unknown; en: unknown }> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* texts(item, `${where}[${i}]`);
  } else if (value && typeof value === 'object' && !(value instanceof Map)) {
    const keys = Object.keys(value);
    if (keys.includes('ja') || keys.includes('en')) {
      yield { where, ja: (value as { ja?: unknown }).ja, en: (value as { en?: unknown }).en };
      return;
    }
    for (const [key, item] of Object.entries(value)) yield* texts(item, `${where}.${key}`);
  }
}

function problems(value: unknown, where: string): string[] {
  const found: string[] = [];
  for (const text of texts(value, where)) {
    if (typeof text.ja !== 'string' || !text.ja.trim()) found.push(`${text.where}: no Japanese text`);
    else if (!JAPANESE.test(text.ja)) found.push(`${text.where}: ja has no Japanese: ${JSON.stringify(text.ja.slice(0, 60))}`);
    if (typeof text.en !== 'string' || !text.en.trim()) found.push(`${text.where}: no English text`);
    else if (JAPANESE.test(text.en)) found.push(`${text.where}: en contains Japanese: ${JSON.stringify(text.en.slice(0, 60))}`);
  }
  return found;
}

describe('every learner-facing text exists in Japanese and English', () => {
  it('CLI messages', () => expect(problems(messages, 'messages')).toEqual([]));
  it('command help: summaries, details, options, examples', () => {
    expect(problems({ commands: commands.map(({ run: _run, ...spec }) => spec), GLOBAL_OPTIONS }, 'cli')).toEqual([]);
  });
  it('lessons: titles, summaries, step texts, tasks, hints, explanations', async () => {
    const { lessons, failures } = await loadAllLessons(path.resolve('labs'));
    expect(failures).toEqual([]);
    expect(lessons.length).toBeGreaterThan(0);
    expect(lessons.flatMap((l) => problems({ ...l, manifests: undefined }, l.id))).toEqual([]);
  });
  it('the check itself notices a missing translation', () => {
    expect(problems({ title: { ja: 'Pod network', en: 'Pod network' } }, 'x')).toEqual(['x.title: ja has no Japanese: "Pod network"']);
    expect(problems({ title: { ja: 'ポッド' } }, 'x')).toEqual(['x.title: no English text']);
  });
});
