// What a command is: its name, bilingual help with examples, its flags, and a run function that
// calls the core and renders. Exit codes are documented in the README.
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

export interface Args {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

export interface Command {
  name: string;
  usage: string;
  summary: Text;
  details?: Text;
  examples: { command: string; text: Text }[];
  options?: Record<string, OptionSpec>;
  /** Shown in the help's command list under this heading. */
  group: 'learn' | 'cluster' | 'author' | 'instructor';
  run(app: App, args: Args): Promise<number>;
}

export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  lang: { type: 'string', value: 'ja|en', description: { ja: '表示言語 (既定: 保存した設定、なければ LANG)', en: 'Language (default: saved preference, else LANG)' } },
  plain: { type: 'boolean', description: { ja: '色やアニメーションなしの行出力 (CI、パイプ向け)', en: 'Plain lines without colours or spinners (CI, pipes)' } },
  json: { type: 'boolean', description: { ja: '機械可読な JSON を出力', en: 'Machine-readable JSON output' } },
  verbose: { type: 'boolean', short: 'v', description: { ja: '詳細 (エラー時のスタックトレースを含む)', en: 'More detail, including stack traces on errors' } },
  cluster: { type: 'string', value: 'NAME', description: { ja: 'kind クラスタ名 (既定: kindlab)', en: 'kind cluster name (default: kindlab)' } },
  context: {
    type: 'string',
    value: 'CONTEXT',
    description: { ja: 'ラボ以外の kubeconfig コンテキストに明示的に書き込む (通常は不要)', en: 'Explicitly write to a kubeconfig context other than the lab\'s (rarely needed)' },
  },
  labs: { type: 'string', value: 'DIR', description: { ja: 'レッスンのフォルダ (既定: 同梱の labs/)', en: 'Lessons folder (default: the bundled labs/)' } },
  help: { type: 'boolean', short: 'h', description: { ja: 'このヘルプ', en: 'This help' } },
};
