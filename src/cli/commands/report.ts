import { formatDuration } from '../../lab/duration.js';
import { buildReport, reportMarkdown } from '../../state/report.js';
import { allLessons } from '../lessons.js';
import { messages } from '../../ui/messages.js';
import { reportHtml } from '../../ui/report-html.js';
import { PictureStore } from '../../state/pictures.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { version } from '../main.js';
import { REPORT_FORMAT } from '../../state/report.js';

export const report: Command = {
  name: 'report',
  group: 'learn',
  usage: 'kindlab report [--format md|json|html] [--name NAME]',
  summary: { ja: '自分の学習記録 (レッスン、ステップ、確認、時間)。どこにも送信しません', en: 'Your own learning record (lessons, steps, checks, time); nothing leaves the machine' },
  options: {
    format: { type: 'string', value: 'md|json|html', description: { ja: '形式 (既定: md)。html は自分のクラスタで描いた図も含む 1 ファイル', en: 'Format (default: md); html is one page that also holds the pictures drawn from your cluster' } },
    name: { type: 'string', value: 'NAME', description: { ja: '提出用に名前を入れる (指定したときだけ。講師の kindlab class が表示します)', en: "Put a name in it for handing in (only when given; the instructor's kindlab class shows it)" } },
  },
  examples: [
    { command: 'kindlab report > my-kindlab.md', text: { ja: 'Markdown で保存', en: 'Save as Markdown' } },
    { command: 'kindlab report --format json', text: { ja: 'JSON で', en: 'As JSON' } },
    { command: 'kindlab report --format json --name "Aiko" > aiko.json', text: { ja: '名前を入れて講師に提出 (kindlab class で集計)', en: 'With your name, to hand in (the instructor adds them up with kindlab class)' } },
    { command: 'kindlab report --format html > my-kindlab.html', text: { ja: '図つきの HTML で保存 (ブラウザで開く)', en: 'Save as HTML with your pictures (open it in a browser)' } },
  ],
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
