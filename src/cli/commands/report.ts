import { formatDuration } from '../../lab/duration.js';
import { buildReport, reportMarkdown } from '../../state/report.js';
import { allLessons } from '../lessons.js';
import { messages } from '../../ui/messages.js';
import { EXIT, UsageError, type Command } from '../command.js';

export const report: Command = {
  name: 'report',
  group: 'learn',
  usage: 'kindlab report [--format md|json]',
  summary: { ja: '自分の学習記録 (レッスン、ステップ、確認、時間)。どこにも送信しません', en: 'Your own learning record (lessons, steps, checks, time); nothing leaves the machine' },
  options: { format: { type: 'string', value: 'md|json', description: { ja: '形式 (既定: md)', en: 'Format (default: md)' } } },
  examples: [
    { command: 'kindlab report > my-kindlab.md', text: { ja: 'Markdown で保存', en: 'Save as Markdown' } },
    { command: 'kindlab report --format json', text: { ja: 'JSON で', en: 'As JSON' } },
  ],
  async run(app, args) {
    const format = (args.values.format as string | undefined) ?? (app.out.mode === 'json' ? 'json' : 'md');
    if (format !== 'md' && format !== 'json') throw new UsageError(messages.formatChoice);
    const { lessons } = await allLessons(app);
    const { progress } = await app.progress.load();
    const rows = buildReport(lessons, progress.clusters[app.clusterName]?.lessons ?? {}, app.lang);
    if (format === 'json') app.out.json({ cluster: app.clusterName, lessons: rows });
    else app.out.line(reportMarkdown(rows, app.lang, formatDuration).trimEnd());
    return EXIT.ok;
  },
};
