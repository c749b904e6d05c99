// --help text: what the command is for, its flags, and examples a newcomer can copy.
import type { Lang, Text } from '../core/text.js';
import { fill, messages } from '../ui/messages.js';
import { GLOBAL_OPTIONS, type Command, type OptionSpec } from './command.js';

function optionLines(options: Record<string, OptionSpec>, lang: Lang): string[] {
  const rows = Object.entries(options).map(
    ([name, spec]) => [`${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}`, spec.description[lang]] as const,
  );
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`);
}

export function commandHelp(command: Command, lang: Lang): string {
  const lines = [`${command.usage}`, '', command.summary[lang]];
  if (command.details) lines.push('', command.details[lang]);
  if (command.options && Object.keys(command.options).length) lines.push('', messages.helpOptions[lang], ...optionLines(command.options, lang));
  lines.push('', messages.helpGlobalOptions[lang], ...optionLines(GLOBAL_OPTIONS, lang));
  lines.push('', messages.helpExamples[lang]);
  for (const example of command.examples) lines.push(`  $ ${example.command}`, `      ${example.text[lang]}`);
  return `${lines.join('\n')}\n`;
}

const GROUPS: Record<Command['group'], Text> = {
  learn: messages.helpGroupLearn,
  cluster: messages.helpGroupCluster,
  instructor: messages.helpGroupInstructor,
  author: messages.helpGroupAuthor,
};

export function mainHelp(commands: Command[], lang: Lang, version: string): string {
  const lines = [fill(messages.helpIntro[lang], { version })];
  for (const [group, title] of Object.entries(GROUPS)) {
    const inGroup = commands.filter((c) => c.group === group);
    if (!inGroup.length) continue;
    lines.push('', `${title[lang]}:`);
    const width = Math.max(...inGroup.map((c) => c.name.length)) + 2;
    for (const c of inGroup) lines.push(`  ${c.name.padEnd(width)}${c.summary[lang]}`);
  }
  lines.push('', messages.helpGlobalOptions[lang], ...optionLines(GLOBAL_OPTIONS, lang));
  lines.push('', messages.helpFooter[lang]);
  return `${lines.join('\n')}\n`;
}
