import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatDuration } from '../../lab/duration.js';
import { readReports, summarizeClass } from '../../state/class-report.js';
import { classHtml, classTable } from '../../ui/class-view.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { version } from '../version.js';

export const classView: Pick<Command, 'run'> = {
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
