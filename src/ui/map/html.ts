// The map as one self-contained HTML page: the map's SVG (svg.ts) in kindlab's page shell
// (html-page.ts), which opens offline with nothing fetched. Pure.
import type { Lang } from '../../core/text.js';
import type { ClusterMap } from '../../engine/map/model.js';
import { htmlPage } from '../html-page.js';
import { mapLabels } from './labels.js';
import { renderMapSvg } from './svg.js';

/** One HTML page holding the SVG: opens offline, nothing fetched. */
export function renderMapHtml(map: ClusterMap, lang: Lang): string {
  const title = `${mapLabels.title[lang]} · ${map.context} · ${map.namespace}`;
  return htmlPage({
    lang,
    title,
    css: 'body{margin:0;padding:16px;background:#f6f7f9;font-family:system-ui,sans-serif;color:#1d2330}main{overflow-x:auto}svg{display:block;max-width:100%;height:auto;background:#fff;border:1px solid #d5d9e0;border-radius:8px}',
    body: [`<main>${renderMapSvg(map, lang)}</main>`],
  });
}
