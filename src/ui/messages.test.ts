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

describe('learner texts go through messages.ts', () => {
  it('no file of src/cli, src/ui or src/state picks a text with `lang === \'ja\' ? … : …`', async () => {
    expect(await inlineChoices(['src/cli', 'src/ui', 'src/state'])).toEqual([]);
  });
});
