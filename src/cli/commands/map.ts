import path from 'node:path';
import { readClusterMap } from '../../engine/map/read.js';
import { writeTextAtomic } from '../../state/json-file.js';
import { mapLabels } from '../../ui/map/labels.js';
import { openerArgv, openInBrowser } from '../../ui/map/open-file.js';
import { renderMapHtml } from '../../ui/map/svg.js';
import { renderMapText } from '../../ui/map/text.js';
import { displayCommand } from '../../cluster/shown-commands.js';
import { fill } from '../../ui/messages.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { currentLessonName } from '../lesson-context.js';

export const map: Pick<Command, 'run'> = {
  async run(app, args) {
    const html = args.values.html as string | undefined;
    if (html !== undefined && !/\.html?$/i.test(html)) throw new UsageError(mapLabels.htmlExtension);
    if (args.values.open && html === undefined) throw new UsageError(mapLabels.htmlExtension);
    const namespace = await namespaceFor(app, args.values.namespace as string | undefined, args.values.lesson as string | undefined);
    const cluster = await app.openCluster();
    const picture = await readClusterMap(cluster, namespace, { timeoutMs: 30_000, signal: app.signal });
    if (app.out.mode === 'json') {
      app.out.json(picture);
    } else if (html === undefined) {
      // The terminal's width when drawing on one, else COLUMNS, else the 80 columns the picture is designed for.
      const width = (app.out.mode === 'tty' && process.stdout.columns) || Number(app.env.COLUMNS) || 80;
      app.out.line(renderMapText(picture, { lang: app.lang, width, ascii: Boolean(args.values.plain), paint: (style, text) => app.out.style(style, text) }).trimEnd());
    }
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
