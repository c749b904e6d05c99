import { fill, messages } from '../../ui/messages.js';
import { allLessons } from '../lessons.js';
import { EXIT, type Command } from '../command.js';
import { currentLessonName } from '../lesson-context.js';
import { ClusterUnreachable } from '../../cluster/index.js';
import type { App } from '../app.js';
import { NoLabCluster } from '../no-cluster.js';
import { doctor } from './doctor.js';
import { start } from './start.js';
import { up } from './up.js';

export const menu: Pick<Command, 'run'> = {
  async run(app, args) {
    const { lessons } = await allLessons(app);
    const current = await currentLessonName(app);
    const { progress } = await app.progress.load();
    const record = progress.clusters[app.clusterName]?.lessons ?? {};
    const choices = [
      ...(current ? [{ name: fill(app.out.t(messages.menuResume), { lesson: current.lessonId, step: current.stepId ?? '-' }), value: current.lessonId }] : []),
      ...lessons.map((l) => ({
        name: `${record[l.id]?.completedAt ? '✓' : record[l.id] ? '…' : ' '} ${l.number} ${app.out.t(l.title)} (${l.durationMinutes} ${app.out.t(messages.minutes)})`,
        value: l.id,
      })),
      ...setupChoices(app),
      { name: app.out.t(messages.menuQuit), value: '' },
    ];
    const picked = await app.prompts.select(app.out.t(messages.menuPick), choices);
    if (!picked) return EXIT.ok;
    if (picked === DOCTOR || picked === UP) return runSetup(app, picked);
    try {
      return await start.run(app, { positionals: [picked], values: args.values });
    } catch (error) {
      if (!(error instanceof ClusterUnreachable)) throw error;
      // No cluster (yet, or not answering): the menu can still help, with the two commands that fix it.
      app.out.error(error instanceof NoLabCluster ? app.out.t(error.text) : fill(app.out.t(messages.clusterError), { message: app.out.t(error.text) }));
      const next = await app.prompts.select(app.out.t(messages.menuNoCluster), [...setupChoices(app), { name: app.out.t(messages.menuQuit), value: '' }]);
      if (next !== DOCTOR && next !== UP) return EXIT.prerequisites;
      const code = await runSetup(app, next);
      if (next === DOCTOR || code !== EXIT.ok) return code;
      return start.run(app, { positionals: [picked], values: args.values });
    }
  },
};

const DOCTOR = '#doctor';
const UP = '#up';

function setupChoices(app: App): { name: string; value: string }[] {
  return [
    { name: app.out.t(messages.menuDoctor), value: DOCTOR },
    { name: app.out.t(messages.menuUp), value: UP },
  ];
}

function runSetup(app: App, choice: string): Promise<number> {
  const command = choice === DOCTOR ? doctor : up;
  return command.run(app, { positionals: [], values: {} });
}
