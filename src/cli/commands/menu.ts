import { fill, messages } from '../../ui/messages.js';
import { allLessons } from '../lessons.js';
import { EXIT, type Command } from '../command.js';
import { currentLessonName } from '../lesson-context.js';
import { start } from './start.js';

export const menu: Command = {
  name: 'menu',
  group: 'learn',
  usage: 'kindlab',
  summary: { ja: 'メニュー: レッスンを選ぶ、または中断したところから再開', en: 'Menu: pick a lesson, or resume where you stopped' },
  examples: [{ command: 'kindlab', text: { ja: 'メニューを開く', en: 'Open the menu' } }],
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
      { name: app.out.t(messages.menuQuit), value: '' },
    ];
    const picked = await app.prompts.select(app.out.t(messages.menuPick), choices);
    if (!picked) return EXIT.ok;
    return start.run(app, { positionals: [picked], values: args.values });
  },
};
