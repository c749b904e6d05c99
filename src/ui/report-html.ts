// `kindlab report --format html`: the learner's record as one self-contained HTML page (no script,
// nothing fetched) with the pictures their own run drew, lesson by lesson, step by step.
import type { Lesson } from '../lessons/model.js';
import type { Lang } from '../core/text.js';
import type { LessonReport } from '../state/report.js';
import type { Pictures } from '../state/pictures.js';
import { renderDiagramSvg } from './map/diagram-svg.js';
import { esc, htmlPage } from './html-page.js';
import { messages } from './messages.js';

export function reportHtml(
  rows: LessonReport[],
  lessons: Lesson[],
  pictures: Pictures[string] | undefined,
  lang: Lang,
  formatDuration: (ms: number) => string,
): string {
  const h = messages.reportColumns[lang].split('|');
  const state = { done: messages.statusDone[lang], 'in-progress': messages.statusInProgress[lang], 'not-started': messages.statusNotStarted[lang] };
  const title = messages.reportTitle[lang];
  let n = 0;
  // Each SVG defines its arrow marker; ids must be unique in one page.
  const svgOf = (svg: string) => {
    n++;
    return svg.replace(/id="arrow"/g, `id="arrow-${n}"`).replace(/url\(#arrow\)/g, `url(#arrow-${n})`);
  };
  const sections = lessons.flatMap((lesson) => {
    const drawn = pictures?.[lesson.id];
    if (!drawn) return [];
    const steps = lesson.steps.filter((s) => drawn[s.id]);
    return [
      `<section class="lesson"><h2>${esc(lesson.id)} ${esc(lesson.title[lang])}</h2>`,
      ...steps.map((s) => {
        const p = drawn[s.id]!;
        return `<figure data-step="${esc(s.id)}"><figcaption>${esc(s.title[lang])} <time datetime="${esc(p.at)}">${esc(p.at.replace('T', ' ').slice(0, 16))}</time></figcaption>\n${svgOf(renderDiagramSvg(p.diagram, lang))}</figure>`;
      }),
      '</section>',
    ];
  });
  return htmlPage({
    lang,
    title,
    css: 'body{margin:0;padding:16px 24px;font-family:system-ui,sans-serif;color:#1d2330;background:#f6f7f9}table{border-collapse:collapse;background:#fff}th,td{border:1px solid #d5d9e0;padding:4px 10px;text-align:left}figure{margin:12px 0 24px}figcaption{font-weight:bold;margin-bottom:6px}time{font-weight:normal;color:#5d6677;margin-left:8px}svg{display:block;max-width:100%;height:auto;background:#fff;border:1px solid #d5d9e0;border-radius:8px}',
    body: [
      `<h1>${esc(title)}</h1>`,
      `<table><thead><tr>${h.map((x) => `<th>${esc(x)}</th>`).join('')}</tr></thead><tbody>`,
      ...rows.map(
        (r) =>
          `<tr><td>${esc(`${r.id} ${r.title}`)}</td><td>${esc(state[r.state])}</td><td>${r.stepsPassed}/${r.steps}</td><td>${r.solvedWithSolution}</td><td>${r.checkTries}</td><td>${r.hints}</td><td>${esc(r.spentMs ? formatDuration(r.spentMs) : '-')}</td></tr>`,
      ),
      '</tbody></table>',
      `<p>${esc(messages.reportLessonsDone[lang])}: ${rows.filter((r) => r.state === 'done').length}/${rows.length}</p>`,
      sections.length ? `<h2>${esc(messages.reportPictures[lang])}</h2>` : `<p>${esc(messages.reportNoPictures[lang])}</p>`,
      ...sections,
    ],
  });
}
