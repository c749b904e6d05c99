// The one shell of kindlab's HTML pages (map, report, class view): self-contained, no script,
// nothing fetched, so a page opens offline and projects as it is.
import type { Lang } from '../core/text.js';

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function htmlPage(page: { lang: Lang; title: string; css: string; body: string[] }): string {
  return [
    '<!doctype html>',
    `<html lang="${page.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>${esc(page.title)}</title>`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<style>${page.css}</style>`,
    '</head>',
    '<body>',
    ...page.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
