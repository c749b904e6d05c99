// Flags are typed by the command's own option table: a command reads `args.values.profile` as the
// string (or, repeatable, the strings) its spec says, with no cast, and a flag it does not declare is a type error.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseCommandArgs, type Command } from './command.js';
import { startOptions, testOptions } from './commands/options.js';

const command = <O extends Command['options'] & object>(options: O) => ({ options }) as unknown as Command<O>;

describe('typed flags', () => {
  it('a string flag is a string, a boolean flag a boolean, the positionals stay in order', () => {
    const args = parseCommandArgs(command(startOptions), ['03', '--profile', 'kindnet', '--yes', '--dry-run', '--lang', 'ja']);
    expect(args).toEqual({ positionals: ['03'], values: { profile: 'kindnet', yes: true, 'dry-run': true, lang: 'ja' } });
    expectTypeOf(args.values.profile).toEqualTypeOf<string | undefined>();
    expectTypeOf(args.values['dry-run']).toEqualTypeOf<boolean | undefined>();
    expectTypeOf(args.values.lang).toEqualTypeOf<string | undefined>();
    // @ts-expect-error start has no --junit
    void args.values.junit;
  });

  it('a repeatable flag gives every value it was given', () => {
    const args = parseCommandArgs(command(testOptions), ['--profile', 'kindnet', '--profile', 'calico-ipip', '--junit', 'out.xml']);
    expect(args.values).toEqual({ profile: ['kindnet', 'calico-ipip'], junit: 'out.xml' });
    expectTypeOf(args.values.profile).toEqualTypeOf<string[] | undefined>();
  });

  it("an unknown option and a missing value are parseArgs's own errors, as main.ts reports them", () => {
    expect(() => parseCommandArgs(command(startOptions), ['--bogus'])).toThrow(expect.objectContaining({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' }));
    expect(() => parseCommandArgs(command(startOptions), ['--step'])).toThrow(expect.objectContaining({ code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' }));
  });

  it('no command casts a flag value (the table types it; command.ts meets parseArgs once)', async () => {
    const found: string[] = [];
    for (const entry of await readdir('src/cli', { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
      const file = path.join(entry.parentPath, entry.name);
      if (file === path.join('src', 'cli', 'command.ts')) continue;
      (await readFile(file, 'utf8')).split('\n').forEach((line, i) => /values(\.[\w$]+|\[[^\]]+\])?\)? as /.test(line) && found.push(`${file}:${i + 1}`));
    }
    expect(found).toEqual([]);
  });
});
