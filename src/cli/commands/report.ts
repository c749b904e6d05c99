import { formatDuration } from '../../lab/duration.js';
import { buildReport, reportMarkdown } from '../../state/report.js';
import { allLessons } from '../lessons.js';
import { messages } from '../../ui/messages.js';
import { reportHtml } from '../../ui/report-html.js';
import { PictureStore } from '../../state/pictures.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { version } from '../version.js';
import { REPORT_FORMAT } from '../../state/report.js';

export const report: Pick<Command, 'run'> = {
  async run(app, args) {
    const format = (args.values.format as string | undefined) ?? (app.out.mode === 'json' ? 'json' : 'md');
    if (format !== 'md' && format !== 'json' && format !== 'html') throw new UsageError(messages.formatChoice);
    const { lessons } = await allLessons(app);
    const { progress } = await app.progress.load();
    const rows = buildReport(lessons, progress.clusters[app.clusterName]?.lessons ?? {}, app.lang);
    const name = typeof args.values.name === 'string' && args.values.name.trim() ? { name: args.values.name.trim() } : {};
    if (format === 'json') app.out.json({ kindlab: version(), reportFormat: REPORT_FORMAT, ...name, cluster: app.clusterName, lessons: rows });
    else if (format === 'html') app.out.line(reportHtml(rows, lessons, (await new PictureStore(app.env).load())[app.clusterName], app.lang, formatDuration).trimEnd());
    else app.out.line(reportMarkdown(rows, app.lang, formatDuration).trimEnd());
    return EXIT.ok;
  },
};
