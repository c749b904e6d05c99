import { messages } from '../../ui/messages.js';
import { allLessons } from '../lessons.js';
import { padColumns, widestOf } from '../../ui/columns.js';
import { EXIT, type Command } from '../command.js';

export const status: Pick<Command, 'run'> = {
  async run(app) {
    const { lessons } = await allLessons(app);
    const { progress } = await app.progress.load();
    const record = progress.clusters[app.clusterName]?.lessons ?? {};
    const rows = lessons.map((lesson) => {
      const r = record[lesson.id];
      const passed = lesson.steps.filter((s) => ['passed', 'solved'].includes(r?.steps[s.id]?.status ?? '')).length;
      return { id: lesson.id, title: app.out.t(lesson.title), state: r?.completedAt ? 'done' : r ? 'in-progress' : 'not-started', passed, steps: lesson.steps.length, current: r?.current, updatedAt: r?.updatedAt };
    });
    const next = rows.filter((r) => r.state === 'in-progress').sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''))[0] ?? rows.find((r) => r.state === 'not-started');
    if (app.out.mode === 'json') {
      app.out.json({ cluster: app.clusterName, lessons: rows, next: next ? { lesson: next.id, step: next.current } : undefined });
      return EXIT.ok;
    }
    if (!Object.keys(record).length) app.out.line(app.out.t(messages.statusNone));
    const label = { done: messages.statusDone, 'in-progress': messages.statusInProgress, 'not-started': messages.statusNotStarted };
    const width = widestOf(rows.map((r) => r.id));
    for (const r of rows) {
      const state = app.out.t(label[r.state as keyof typeof label]);
      const detail = r.state === 'in-progress' ? ` (${r.passed}/${r.steps}${r.current ? `, → ${r.current}` : ''})` : '';
      app.out.line(`${padColumns(r.id, width)}  ${state}${detail}`);
    }
    if (next) app.out.line(`\n${app.out.t(messages.statusNext)}: kindlab start ${next.id.slice(0, 2)}`);
    return EXIT.ok;
  },
};
