import { formatDuration } from '../../lab/duration.js';
import { buildReport, reportMarkdown } from '../../state/report.js';
import { allLessons } from '../lessons.js';
import { messages } from '../../ui/messages.js';
import { reportHtml } from '../../ui/report-html.js';
import { PictureStore } from '../../state/pictures.js';
import { EXIT, UsageError, type Command } from '../command.js';

export const report: Command = {
  name: 'report',
  group: 'learn',
  usage: 'kindlab report [--format md|json|html]',
  summary: { ja: '自分の学習記録 (レッスン、ステップ、確認、時間)。どこにも送信しません', en: 'Your own learning record (lessons, steps, checks, time); nothing leaves the machine' },
  options: { format: { type: 'string', value: 'md|json|html', description: { ja: '形式 (既定: md)。html は自分のクラスタで描いた図も含む 1 ファイル', en: 'Format (default: md); html is one page that also holds the pictures drawn from your cluster' } } },
  examples: [
    { command: 'kindlab report > my-kindlab.md', text: { ja: 'Markdown で保存', en: 'Save as Markdown' } },
    { command: 'kindlab report --format json', text: { ja: 'JSON で', en: 'As JSON' } },
    { command: 'kindlab report --format html > my-kindlab.html', text: { ja: '図つきの HTML で保存 (ブラウザで開く)', en: 'Save as HTML with your pictures (open it in a browser)' } },
  ],
  async run(app, args) {
    const format = (args.values.format as string | undefined) ?? (app.out.mode === 'json' ? 'json' : 'md');
    if (format !== 'md' && format !== 'json' && format !== 'html') throw new UsageError(messages.formatChoice);
    const { lessons } = await allLessons(app);
    const { progress } = await app.progress.load();
    const rows = buildReport(lessons, progress.clusters[app.clusterName]?.lessons ?? {}, app.lang);
    if (format === 'json') app.out.json({ cluster: app.clusterName, lessons: rows });
    else if (format === 'html') app.out.line(reportHtml(rows, lessons, (await new PictureStore(app.env).load())[app.clusterName], app.lang, formatDuration).trimEnd());
    else app.out.line(reportMarkdown(rows, app.lang, formatDuration).trimEnd());
    return EXIT.ok;
  },
};
