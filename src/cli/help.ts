// --help text: what the command is for, its flags, and examples a newcomer can copy.
import type { Lang } from '../lab/text.js';
import { GLOBAL_OPTIONS, type Command, type OptionSpec } from './command.js';

function optionLines(options: Record<string, OptionSpec>, lang: Lang): string[] {
  const rows = Object.entries(options).map(([name, spec]) => [`${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}`, spec.description[lang]] as const);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`);
}

export function commandHelp(command: Command, lang: Lang): string {
  const heading = (ja: string, en: string) => (lang === 'ja' ? ja : en);
  const lines = [`${command.usage}`, '', command.summary[lang]];
  if (command.details) lines.push('', command.details[lang]);
  if (command.options && Object.keys(command.options).length) lines.push('', heading('オプション:', 'Options:'), ...optionLines(command.options, lang));
  lines.push('', heading('共通オプション:', 'Global options:'), ...optionLines(GLOBAL_OPTIONS, lang));
  lines.push('', heading('例:', 'Examples:'));
  for (const example of command.examples) lines.push(`  $ ${example.command}`, `      ${example.text[lang]}`);
  return `${lines.join('\n')}\n`;
}

const GROUPS: Record<Command['group'], { ja: string; en: string }> = {
  learn: { ja: '学ぶ', en: 'Learn' },
  cluster: { ja: 'クラスタ', en: 'Cluster' },
  instructor: { ja: '講師・準備', en: 'Instructors and preparation' },
  author: { ja: 'レッスン作成', en: 'Lesson authoring' },
};

export function mainHelp(commands: Command[], lang: Lang, version: string): string {
  const intro =
    lang === 'ja'
      ? `kindlab ${version} — kind クラスタで Kubernetes ネットワークを手を動かして学ぶラボ\n\n使い方: kindlab [コマンド] [オプション]   (コマンドなしでメニュー)`
      : `kindlab ${version} — hands-on Kubernetes networking labs on a real kind cluster\n\nUsage: kindlab [command] [options]   (no command opens the menu)`;
  const lines = [intro];
  for (const [group, title] of Object.entries(GROUPS)) {
    const inGroup = commands.filter((c) => c.group === group);
    if (!inGroup.length) continue;
    lines.push('', `${title[lang]}:`);
    const width = Math.max(...inGroup.map((c) => c.name.length)) + 2;
    for (const c of inGroup) lines.push(`  ${c.name.padEnd(width)}${c.summary[lang]}`);
  }
  lines.push('', lang === 'ja' ? '共通オプション:' : 'Global options:', ...optionLines(GLOBAL_OPTIONS, lang));
  lines.push(
    '',
    lang === 'ja'
      ? '初めての方: kindlab doctor → kindlab up → kindlab start 01\n各コマンドの詳細: kindlab <コマンド> --help\n終了コード: 0 成功, 1 チェック失敗, 2 入力の誤り, 3 前提条件の不足, 130 中断'
      : 'First time: kindlab doctor → kindlab up → kindlab start 01\nMore on a command: kindlab <command> --help\nExit codes: 0 ok, 1 a check failed, 2 bad input, 3 prerequisites missing, 130 interrupted',
  );
  return `${lines.join('\n')}\n`;
}
