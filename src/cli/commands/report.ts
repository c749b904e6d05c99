import { formatDuration } from '../../lessons/duration.js';
import { buildReport } from '../../state/report.js';
import { allLessons } from '../lessons.js';
import { messages } from '../../ui/messages.js';
import type { View } from '../../ui/output.js';
import { reportHtml } from '../../ui/report-html.js';
import { reportMarkdown } from '../../ui/report-markdown.js';
import { PictureStore } from '../../state/pictures.js';
import { EXIT, UsageError, type Command } from '../command.js';
import type { reportOptions } from './options.js';
import { version } from '../version.js';
import { REPORT_FORMAT } from '../../state/report.js';

type Report = { rows: ReturnType<typeof buildReport>; document: Record<string, unknown> };

const markdownOrJson: View<Report> = {
  json: ({ document }) => document,
  text: ({ rows }, out) => out.line(reportMarkdown(rows, out.lang, formatDuration).trimEnd()),
};

export const report: Pick<Command<typeof reportOptions>, 'run'> = {
  async run(app, args) {
    const format = args.values.format;
    if (format !== undefined && format !== 'md' && format !== 'json' && format !== 'html') throw new UsageError(messages.formatChoice);
    const { lessons } = await allLessons(app);
    const { progress } = await app.progress.load();
    const rows = buildReport(lessons, progress.clusters[app.clusterName]?.lessons ?? {}, app.lang);
    const name = typeof args.values.name === 'string' && args.values.name.trim() ? { name: args.values.name.trim() } : {};
    const document = { kindlab: version(), reportFormat: REPORT_FORMAT, ...name, cluster: app.clusterName, lessons: rows };
    // No --format: Markdown for a person, the JSON document with --json.
    if (format === undefined) app.out.show(markdownOrJson, { rows, document });
    else if (format === 'json') app.out.json(document);
    else if (format === 'html')
      app.out.line(reportHtml(rows, lessons, (await new PictureStore(app.env).load())[app.clusterName], app.lang, formatDuration).trimEnd());
    else app.out.line(reportMarkdown(rows, app.lang, formatDuration).trimEnd());
    return EXIT.ok;
  },
};
