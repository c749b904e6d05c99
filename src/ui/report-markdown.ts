// `kindlab report` (Markdown, the default): the learner's record as a table they can keep or hand in.
import type { Lang } from '../core/text.js';
import type { LessonReport } from '../state/report.js';
import { messages } from './messages.js';

export function reportMarkdown(rows: LessonReport[], lang: Lang, formatDuration: (ms: number) => string): string {
  const h = messages.reportColumns[lang].split('|');
  const state = { done: messages.statusDone[lang], 'in-progress': messages.statusInProgress[lang], 'not-started': messages.statusNotStarted[lang] };
  const cells = (r: LessonReport) => [
    `${r.id} ${r.title}`,
    state[r.state],
    `${r.stepsPassed}/${r.steps}`,
    r.solvedWithSolution,
    r.checkTries,
    r.hints,
    r.spentMs ? formatDuration(r.spentMs) : '-',
  ];
  const lines = [
    `# ${messages.reportTitle[lang]}`,
    '',
    `| ${h.join(' | ')} |`,
    `|${h.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${cells(r).join(' | ')} |`),
    '',
    `${messages.reportLessonsDone[lang]}: ${rows.filter((r) => r.state === 'done').length}/${rows.length}`,
  ];
  const hinted = rows.flatMap((r) => r.stepRecords.filter((s) => s.hintLevel).map((s) => `- ${r.id} ${s.id}: ${s.hintLevel}/3`));
  if (hinted.length) lines.push('', messages.reportHintsUsed[lang], ...hinted);
  return `${lines.join('\n')}\n`;
}
