// The class view's two renderings: a table for the terminal and one self-contained HTML page (no
// script, nothing fetched, large type) an instructor can project. Both take the summary as data.
import type { Lang } from '../core/text.js';
import type { StepSummary } from '../state/class-report.js';
import { padColumns, widestOf } from './columns.js';
import { esc, htmlPage } from './html-page.js';
import { fill, messages } from './messages.js';

const head = (lang: Lang) => messages.classColumns[lang].split('|');

function cells(row: StepSummary, lang: Lang, formatDuration: (ms: number) => string): string[] {
  const solved = row.solved ? ` (${fill(messages.classSolved[lang], { count: row.solved })})` : '';
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
  const heading = head(lang);
  const widths = heading.map((h, i) => widestOf([h, ...body.map((c) => c[i]!)]));
  const line = (c: string[]) =>
    c
      .map((text, i) => (i === c.length - 1 ? text : padColumns(text, widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(heading), ...body.map(line)].join('\n');
}

export function classHtml(rows: StepSummary[], learners: number, lang: Lang, formatDuration: (ms: number) => string): string {
  const title = fill(messages.classTitle[lang], { count: learners });
  const legend = messages.classLegend[lang];
  const headCells = head(lang)
    .map((h) => `<th>${esc(h)}</th>`)
    .join('');
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
    body: [`<h1>${esc(title)}</h1>`, `<p>${esc(legend)}</p>`, '<table>', `<thead><tr>${headCells}</tr></thead>`, '<tbody>', body, '</tbody>', '</table>'],
  });
}
