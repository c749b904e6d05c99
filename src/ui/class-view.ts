// The class view's two renderings: a table for the terminal and one self-contained HTML page (no
// script, nothing fetched, large type) an instructor can project. Both take the summary as data.
import type { Lang } from '../core/text.js';
import type { StepSummary } from '../state/class-report.js';
import { padColumns, widestOf } from './columns.js';
import { esc, htmlPage } from './html-page.js';

const HEAD = {
  ja: ['レッスン', 'ステップ', '完了', '中央値', 'ヒント 1/2/3', 'よく失敗した確認'],
  en: ['Lesson', 'Step', 'Finished', 'Median', 'Hints 1/2/3', 'Checks that failed most'],
};

function cells(row: StepSummary, lang: Lang, formatDuration: (ms: number) => string): string[] {
  const solved = row.solved ? (lang === 'ja' ? ` (解答 ${row.solved})` : ` (${row.solved} solved)`) : '';
  return [
    row.lesson,
    `${row.step}${row.kind === 'challenge' ? ' ★' : ''}`,
    `${row.finished}/${row.learners}${solved}`,
    row.medianMs !== undefined ? formatDuration(row.medianMs) : '-',
    row.hintLevels.join('/'),
    row.failedMost.map((f) => `${f.check} ×${f.times}`).join('; ') || '-',
  ];
}

export function classTable(rows: StepSummary[], lang: Lang, formatDuration: (ms: number) => string): string {
  const body = rows.map((r) => cells(r, lang, formatDuration));
  const head = HEAD[lang];
  const widths = head.map((h, i) => widestOf([h, ...body.map((c) => c[i]!)]));
  const line = (c: string[]) => c.map((text, i) => (i === c.length - 1 ? text : padColumns(text, widths[i]!))).join('  ').trimEnd();
  return [line(head), ...body.map(line)].join('\n');
}

export function classHtml(rows: StepSummary[], learners: number, lang: Lang, formatDuration: (ms: number) => string): string {
  const title = lang === 'ja' ? `kindlab クラスの記録 (${learners} 人)` : `kindlab class record (${learners} learners)`;
  const legend = lang === 'ja' ? '★ は課題。ヒントは各段階まで進んだ人数 (1 作者のヒント、2 失敗している確認、3 解答の提案)。' : '★ marks a challenge. Hints: how many learners went as far as each level (1 the author\'s hint, 2 the failing check, 3 the offer to solve).';
  const head = HEAD[lang].map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows
    .map((r) => {
      const c = cells(r, lang, formatDuration);
      const behind = r.learners > 0 && r.finished < r.learners / 2 ? ' class="behind"' : '';
      return `<tr${behind}>${c.map((text) => `<td>${esc(text)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return htmlPage({
    lang,
    title,
    css: 'body{font-family:system-ui,sans-serif;font-size:22px;margin:1.5em}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #bbb;padding:.35em .6em;text-align:left;vertical-align:top}th{background:#eee}tr.behind td{background:#fff1e0}',
    body: [`<h1>${esc(title)}</h1>`, `<p>${esc(legend)}</p>`, '<table>', `<thead><tr>${head}</tr></thead>`, '<tbody>', body, '</tbody>', '</table>'],
  });
}
