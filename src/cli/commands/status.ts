import { messages } from '../../ui/messages.js';
import { allLessons } from '../lessons.js';
import { padColumns, widestOf } from '../../ui/columns.js';
import type { View } from '../../ui/output.js';
import { EXIT, type Command } from '../command.js';

type Row = { id: string; title: string; state: 'done' | 'in-progress' | 'not-started'; passed: number; steps: number; current?: string; updatedAt?: string };
type StatusResult = { cluster: string; rows: Row[]; next?: Row; started: boolean };

const statusView: View<StatusResult> = {
  json: ({ cluster, rows, next }) => ({ cluster, lessons: rows, next: next ? { lesson: next.id, step: next.current } : undefined }),
  text({ rows, next, started }, out) {
    if (!started) out.line(out.t(messages.statusNone));
    const label = { done: messages.statusDone, 'in-progress': messages.statusInProgress, 'not-started': messages.statusNotStarted };
    const width = widestOf(rows.map((r) => r.id));
    for (const r of rows) {
      const state = out.t(label[r.state]);
      const detail = r.state === 'in-progress' ? ` (${r.passed}/${r.steps}${r.current ? `, → ${r.current}` : ''})` : '';
      out.line(`${padColumns(r.id, width)}  ${state}${detail}`);
    }
    if (next) out.line(`\n${out.t(messages.statusNext)}: kindlab start ${next.id.slice(0, 2)}`);
  },
};

export const status: Pick<Command, 'run'> = {
  async run(app) {
    const { lessons } = await allLessons(app);
    const { progress } = await app.progress.load();
    const record = progress.clusters[app.clusterName]?.lessons ?? {};
    const rows = lessons.map((lesson): Row => {
      const r = record[lesson.id];
      const passed = lesson.steps.filter((s) => ['passed', 'solved'].includes(r?.steps[s.id]?.status ?? '')).length;
      return {
        id: lesson.id,
        title: app.out.t(lesson.title),
        state: r?.completedAt ? 'done' : r ? 'in-progress' : 'not-started',
        passed,
        steps: lesson.steps.length,
        current: r?.current,
        updatedAt: r?.updatedAt,
      };
    });
    const next =
      rows.filter((r) => r.state === 'in-progress').sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''))[0] ??
      rows.find((r) => r.state === 'not-started');
    app.out.show(statusView, { cluster: app.clusterName, rows, next, started: Object.keys(record).length > 0 });
    return EXIT.ok;
  },
};
