import path from 'node:path';
import { readClusterMap } from '../../engine/map/read.js';
import { writeTextAtomic } from '../../state/json-file.js';
import { mapLabels } from '../../ui/map/labels.js';
import { openerArgv, openInBrowser } from '../../ui/map/open-file.js';
import { renderMapHtml } from '../../ui/map/html.js';
import { renderMapText } from '../../ui/map/text.js';
import { displayCommand } from '../../cluster/index.js';
import { fill } from '../../ui/messages.js';
import type { View } from '../../ui/output.js';
import { EXIT, UsageError, type Command } from '../command.js';
import type { mapOptions } from './options.js';
import { currentLessonName } from '../lesson-context.js';

type DrawnMap = { picture: Awaited<ReturnType<typeof readClusterMap>>; width: number; ascii: boolean; inTerminal: boolean };

/** With --html the picture goes to the page only; --json gives the picture itself either way. */
const mapView: View<DrawnMap> = {
  json: ({ picture }) => picture,
  text({ picture, width, ascii, inTerminal }, out) {
    if (inTerminal) out.line(renderMapText(picture, { lang: out.lang, width, ascii, paint: (style, text) => out.style(style, text) }).trimEnd());
  },
};

export const map: Pick<Command<typeof mapOptions>, 'run'> = {
  async run(app, args) {
    const html = args.values.html;
    if (html !== undefined && !/\.html?$/i.test(html)) throw new UsageError(mapLabels.htmlExtension);
    if (args.values.open && html === undefined) throw new UsageError(mapLabels.htmlExtension);
    const namespace = await namespaceFor(app, args.values.namespace, args.values.lesson);
    const cluster = await app.openCluster();
    const picture = await readClusterMap(cluster, namespace, { timeoutMs: 30_000, signal: app.signal });
    // The terminal's width when drawing on one, else COLUMNS, else the 80 columns the picture is designed for.
    const drawn = { picture, width: app.out.columns || Number(app.env.COLUMNS) || 80, ascii: Boolean(args.values.plain), inTerminal: html === undefined };
    app.out.show(mapView, drawn);
    if (html !== undefined) {
      const file = path.resolve(html);
      await writeTextAtomic(file, renderMapHtml(picture, app.lang), 0o644);
      app.out.line(fill(app.out.t(mapLabels.htmlWritten), { file }));
      if (args.values.open) {
        const opened = await openInBrowser(file, app.env);
        if (!opened.ok) app.out.warn(fill(app.out.t(mapLabels.openFailed), { reason: opened.reason, file }));
      } else {
        app.out.line(app.out.style('dim', fill(app.out.t(mapLabels.openWith), { command: displayCommand(openerArgv(file)) })));
      }
    }
    return EXIT.ok;
  },
};

async function namespaceFor(app: Parameters<Command['run']>[0], namespace: string | undefined, lesson: string | undefined): Promise<string> {
  if (namespace) return namespace;
  if (lesson) return (await app.lesson(lesson)).namespace;
  const current = await currentLessonName(app);
  if (current) return (await app.lesson(current.lessonId)).namespace;
  return 'default';
}
