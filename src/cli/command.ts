// What a command is: its name, bilingual help with examples, its flags, and a run function that
// calls the core and renders. Exit codes are documented in the README.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Text } from '../core/text.js';
import type { App } from './app.js';

// Exit codes and UsageError live apart so that app.ts can use them without importing this file (which names App).
export { EXIT, UsageError } from './usage-error.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Shown in help as --name VALUE. */
  value?: string;
  description: Text;
}

/** An option table: flag name → spec. Written `as const satisfies Options` so that its values are typed. */
export type Options = Record<string, OptionSpec>;

/** The value parseArgs gives a flag of this spec: a boolean, a string, or every string given to a repeatable flag. */
export type OptionValue<S extends OptionSpec> = S extends { type: 'boolean' } ? boolean : S extends { multiple: true } ? string[] : string;

/** The values of a table's flags, each undefined when not given. */
export type OptionValues<O extends Options> = { -readonly [K in keyof O]?: OptionValue<O[K]> };

export type GlobalValues = OptionValues<typeof GLOBAL_OPTIONS>;

/** What a command is run with: its positionals, its own flags and the global ones, typed by their tables. */
export interface Args<O extends Options = Record<never, OptionSpec>> {
  positionals: string[];
  values: OptionValues<O> & GlobalValues;
}

export interface Command<O extends Options = Record<never, OptionSpec>> {
  name: string;
  usage: string;
  summary: Text;
  details?: Text;
  examples: { command: string; text: Text }[];
  options?: O;
  /** Shown in the help's command list under this heading. */
  group: 'learn' | 'cluster' | 'author' | 'instructor';
  run(app: App, args: Args<O>): Promise<number>;
}

export const GLOBAL_OPTIONS = {
  lang: {
    type: 'string',
    value: 'ja|en',
    description: { ja: '表示言語 (既定: 保存した設定、なければ LANG)', en: 'Language (default: saved preference, else LANG)' },
  },
  plain: { type: 'boolean', description: { ja: '色やアニメーションなしの行出力 (CI、パイプ向け)', en: 'Plain lines without colours or spinners (CI, pipes)' } },
  json: { type: 'boolean', description: { ja: '機械可読な JSON を出力', en: 'Machine-readable JSON output' } },
  verbose: { type: 'boolean', short: 'v', description: { ja: '詳細 (エラー時のスタックトレースを含む)', en: 'More detail, including stack traces on errors' } },
  cluster: { type: 'string', value: 'NAME', description: { ja: 'kind クラスタ名 (既定: kindlab)', en: 'kind cluster name (default: kindlab)' } },
  context: {
    type: 'string',
    value: 'CONTEXT',
    description: {
      ja: 'ラボ以外の kubeconfig コンテキストに明示的に書き込む (通常は不要)',
      en: "Explicitly write to a kubeconfig context other than the lab's (rarely needed)",
    },
  },
  labs: { type: 'string', value: 'DIR', description: { ja: 'レッスンのフォルダ (既定: 同梱の labs/)', en: 'Lessons folder (default: the bundled labs/)' } },
  help: { type: 'boolean', short: 'h', description: { ja: 'このヘルプ', en: 'This help' } },
} as const satisfies Options;

/** A table as node:util parseArgs takes it (its type, short letter and repeatability; help's texts left out). */
export function parseArgsOptions(options: Options): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(
    Object.entries(options).map(([name, spec]) => {
      const config = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) };
      return [name, config];
    }),
  );
}

/**
 * argv (without the command's name) → the command's Args, typed by its table and the global one.
 * parseArgs's own errors (ERR_PARSE_ARGS_*: unknown option, missing value, stray argument) are thrown as they are.
 */
export function parseCommandArgs<O extends Options>(command: Command<O>, argv: string[]): Args<O> {
  const parsed = parseArgs({ args: argv, options: parseArgsOptions({ ...GLOBAL_OPTIONS, ...command.options }), allowPositionals: true, strict: true });
  // The one place the tables' types meet parseArgs's values: with strict: true each flag has the type its spec gives.
  return { positionals: parsed.positionals, values: parsed.values as Args<O>['values'] };
}
