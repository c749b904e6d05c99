import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatDuration } from '../../lessons/duration.js';
import { readReports, summarizeClass } from '../../state/class-report.js';
import { classHtml, classTable } from '../../ui/class-view.js';
import { fill, messages } from '../../ui/messages.js';
import type { View } from '../../ui/output.js';
import { EXIT, UsageError, type Command } from '../command.js';
import type { classOptions } from './options.js';
import { version } from '../version.js';

type ClassSummary = {
  learners: number;
  names: string[];
  skipped: Awaited<ReturnType<typeof readReports>>['skipped'];
  rows: ReturnType<typeof summarizeClass>;
};

const classSummaryView: View<ClassSummary> = {
  json: ({ learners, names, skipped, rows }) => ({ learners, names, skipped: skipped.map((s) => ({ file: s.file, why: s.why.en })), steps: rows }),
  text({ learners, names, rows }, out) {
    out.line(fill(out.t(messages.classReports), { count: learners }));
    if (names.length) out.line(`${out.t(messages.classNames)}: ${names.join(', ')}`);
    out.line(classTable(rows, out.lang, formatDuration));
  },
};

export const classView: Pick<Command<typeof classOptions>, 'run'> = {
  async run(app, args) {
    if (!args.positionals.length) throw new UsageError(messages.classNeedsReports);
    const { reports, skipped } = await readReports(args.positionals, version());
    for (const s of skipped) app.out.error(fill(app.out.t(messages.classSkipped), { file: s.file, why: s.why[app.lang] }));
    if (!reports.length) {
      app.out.error(app.out.t(messages.classNoReport));
      return EXIT.badInput;
    }
    const rows = summarizeClass(reports);
    app.out.show(classSummaryView, { learners: reports.length, names: reports.flatMap((r) => (r.name ? [r.name] : [])), skipped, rows });
    if (typeof args.values.html === 'string') {
      const file = path.resolve(args.values.html);
      await writeFile(file, classHtml(rows, reports.length, app.lang, formatDuration));
      app.out.line(fill(app.out.t(messages.classWrote), { file }));
    }
    return EXIT.ok;
  },
};
