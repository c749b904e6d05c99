import { expandProfiles } from '../../lab/profiles.js';
import { errorText } from '../../ui/error-text.js';
import { fill, messages } from '../../ui/messages.js';
import { lessonIndex } from '../../lab/lesson-index.js';
import { cacheDir } from '../../core/paths.js';
import { padColumns, widestOf } from '../../ui/columns.js';
import { EXIT, type Command } from '../command.js';

export const list: Pick<Command, 'run'> = {
  async run(app) {
    // From the lesson index: YAML and schema work only for lessons whose files changed.
    const { lessons, failures } = await lessonIndex(app.labsDir, cacheDir(app.env));
    // Nothing listed: say so if --labs / KINDLAB_LABS names no folder (a typo), as other commands do.
    if (!lessons.length && !failures.length) await (await import('../lessons.js')).requireLabsDir(app);
    const { progress } = await app.progress.load();
    const record = progress.clusters[app.clusterName]?.lessons ?? {};
    const rows = lessons.map((l) => ({
      id: l.id,
      number: l.number,
      title: app.out.t(l.title),
      minutes: l.durationMinutes,
      profiles: expandProfiles(l.profiles),
      steps: l.stepCount,
      status: record[l.id]?.completedAt ? 'done' : record[l.id] ? 'in-progress' : 'not-started',
    }));
    if (app.out.mode === 'json') {
      app.out.json({ lessons: rows, invalid: failures.map((f) => ({ file: f.file, errors: f.errors.map((e) => e.message) })) });
      return failures.length ? EXIT.badInput : EXIT.ok;
    }
    if (!rows.length && !failures.length) app.out.line(fill(app.out.t(messages.noLessons), { dir: app.labsDir }));
    const mark = { done: app.out.style('green', '✓'), 'in-progress': app.out.style('yellow', '…'), 'not-started': ' ' };
    const width = widestOf(rows.map((r) => r.title));
    for (const r of rows) {
      app.out.line(`${mark[r.status as keyof typeof mark]} ${r.number}  ${padColumns(r.title, width)}  ${String(r.minutes).padStart(3)} ${app.out.t(messages.minutes)}  ${app.out.style('dim', r.profiles.join(', '))}`);
    }
    for (const f of failures) {
      const more = f.errors.length > 1 ? ` (+${f.errors.length - 1})` : '';
      app.out.error(`${f.errors[0] ? errorText(f.errors[0], app.lang) : f.file}${more} — kindlab validate ${f.file.replace(/\/lesson\.yaml$/, '')}`);
    }
    return failures.length ? EXIT.badInput : EXIT.ok;
  },
};
