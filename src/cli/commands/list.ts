import { expandProfiles } from '../../lessons/profile-names.js';
import { errorText } from '../../ui/error-text.js';
import { fill, messages } from '../../ui/messages.js';
import { lessonIndex } from '../../lessons/lesson-index.js';
import { cacheDir } from '../../core/paths.js';
import { padColumns, widestOf } from '../../ui/columns.js';
import type { View } from '../../ui/output.js';
import { EXIT, type Command } from '../command.js';

type Row = { id: string; number: string; title: string; minutes: number; profiles: string[]; steps: number; status: 'done' | 'in-progress' | 'not-started' };
type ListResult = { rows: Row[]; failures: Awaited<ReturnType<typeof lessonIndex>>['failures']; labsDir: string };

const listView: View<ListResult> = {
  json: ({ rows, failures }) => ({ lessons: rows, invalid: failures.map((f) => ({ file: f.file, errors: f.errors.map((e) => e.message) })) }),
  text({ rows, failures, labsDir }, out) {
    if (!rows.length && !failures.length) out.line(fill(out.t(messages.noLessons), { dir: labsDir }));
    const mark = { done: out.style('green', '✓'), 'in-progress': out.style('yellow', '…'), 'not-started': ' ' };
    const width = widestOf(rows.map((r) => r.title));
    for (const r of rows) {
      const minutes = `${String(r.minutes).padStart(3)} ${out.t(messages.minutes)}`;
      out.line(`${mark[r.status]} ${r.number}  ${padColumns(r.title, width)}  ${minutes}  ${out.style('dim', r.profiles.join(', '))}`);
    }
    for (const f of failures) {
      const more = f.errors.length > 1 ? ` (+${f.errors.length - 1})` : '';
      out.error(`${f.errors[0] ? errorText(f.errors[0], out.lang) : f.file}${more} — kindlab validate ${f.file.replace(/\/lesson\.yaml$/, '')}`);
    }
  },
};

export const list: Pick<Command, 'run'> = {
  async run(app) {
    // From the lesson index: YAML and schema work only for lessons whose files changed.
    const { lessons, failures } = await lessonIndex(app.labsDir, cacheDir(app.env));
    // Nothing listed: say so if --labs / KINDLAB_LABS names no folder (a typo), as other commands do.
    if (!lessons.length && !failures.length) await (await import('../lessons.js')).requireLabsDir(app);
    const { progress } = await app.progress.load();
    const record = progress.clusters[app.clusterName]?.lessons ?? {};
    const rows = lessons.map((l): Row => ({
      id: l.id,
      number: l.number,
      title: app.out.t(l.title),
      minutes: l.durationMinutes,
      profiles: expandProfiles(l.profiles),
      steps: l.stepCount,
      status: record[l.id]?.completedAt ? 'done' : record[l.id] ? 'in-progress' : 'not-started',
    }));
    app.out.show(listView, { rows, failures, labsDir: app.labsDir });
    return failures.length ? EXIT.badInput : EXIT.ok;
  },
};
