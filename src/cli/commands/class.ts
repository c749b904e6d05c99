import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatDuration } from '../../lab/duration.js';
import { readReports, summarizeClass } from '../../state/class-report.js';
import { classHtml, classTable } from '../../ui/class-view.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { version } from '../main.js';

export const classView: Command = {
  name: 'class',
  group: 'instructor',
  usage: 'kindlab class REPORT... [--html FILE]',
  summary: { ja: '講師向け: 受講者のレポートをまとめる (サーバー不要)', en: 'Instructor: add up the reports learners hand in (no server)' },
  details: {
    ja: '受講者が kindlab report --format json (名前は --name を付けたときだけ) で出したファイル、またはそれを集めたフォルダを渡します。レッスンとステップごとに、完了した人数、かかった時間の中央値、よく失敗した確認、どのヒントの段階まで使ったかを表にします。壊れたレポートや別の形式のレポートは名前と理由を表示して飛ばします。',
    en: 'Give it the files learners wrote with kindlab report --format json (a name only if they add --name), or a folder of them. Per lesson and step: how many finished, the median time, the checks that failed most and how far the hints went. A damaged report, or one in another report format, is named with the reason and skipped.',
  },
  options: {
    html: { type: 'string', value: 'FILE', description: { ja: 'プロジェクターに映せる HTML を書く', en: 'Write an HTML page to project' } },
  },
  examples: [
    { command: 'kindlab class reports/', text: { ja: 'フォルダの中の全レポート', en: 'Every report in a folder' } },
    { command: 'kindlab class reports/ --html class.html', text: { ja: '映せるページも書く', en: 'Also write a page to project' } },
  ],
  async run(app, args) {
    if (!args.positionals.length) throw new UsageError({ ja: 'レポートのファイルかフォルダを指定してください: kindlab class REPORT...', en: 'Name report files or folders: kindlab class REPORT...' });
    const { reports, skipped } = await readReports(args.positionals, version());
    for (const s of skipped) app.out.error(app.lang === 'ja' ? `飛ばしました: ${s.file}: ${s.why.ja}` : `skipped ${s.file}: ${s.why.en}`);
    if (!reports.length) {
      app.out.error(app.lang === 'ja' ? '読めるレポートがありませんでした' : 'No report could be read');
      return EXIT.badInput;
    }
    const rows = summarizeClass(reports);
    if (app.out.mode === 'json') app.out.json({ learners: reports.length, names: reports.flatMap((r) => (r.name ? [r.name] : [])), skipped: skipped.map((s) => ({ file: s.file, why: s.why.en })), steps: rows });
    else {
      app.out.line(app.lang === 'ja' ? `レポート ${reports.length} 件` : `${reports.length} report(s)`);
      const names = reports.flatMap((r) => (r.name ? [r.name] : []));
      if (names.length) app.out.line(`${app.lang === 'ja' ? '名前' : 'Names'}: ${names.join(', ')}`);
      app.out.line(classTable(rows, app.lang, formatDuration));
    }
    if (typeof args.values.html === 'string') {
      const file = path.resolve(args.values.html);
      await writeFile(file, classHtml(rows, reports.length, app.lang, formatDuration));
      app.out.line(app.lang === 'ja' ? `書きました: ${file}` : `Wrote ${file}`);
    }
    return EXIT.ok;
  },
};
