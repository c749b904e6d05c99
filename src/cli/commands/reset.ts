import { lessonResetTasks } from '../../engine/step.js';
import { formatDuration } from '../../lab/duration.js';
import { fill, messages } from '../../ui/messages.js';
import { runTasks } from '../../ui/run-tasks.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { engineFor } from '../lesson-context.js';
import { recreateCluster } from '../cluster-lifecycle.js';

export const reset: Command = {
  name: 'reset',
  group: 'instructor',
  usage: 'kindlab reset <lesson> | --all',
  summary: { ja: 'レッスンを最初の状態に戻す (--all でクラスタを作り直す)', en: 'Bring a lesson back to its start (--all recreates the cluster)' },
  details: {
    ja: 'レッスンのアドオンが動いていることを先に確かめ (LoadBalancer の Service はプロバイダーがいないと消えません)、kindlab がそのレッスン用に作ったもの (ラベル kindlab.dev/lesson=<id> の付いた名前空間とクラスタスコープのオブジェクト) だけを削除し、消えるまで待ってから、レッスンの setup をやり直します。進捗はこのレッスンについてだけ消えます。',
    en: 'Makes sure the lesson\'s add-ons run first (a LoadBalancer Service cannot go away without its provider), deletes only what kindlab made for the lesson (namespaces and cluster-scoped objects labelled kindlab.dev/lesson=<id>), waits until gone, then re-runs the lesson\'s setup. Progress is cleared for that lesson only.',
  },
  options: {
    all: { type: 'boolean', description: { ja: 'クラスタを削除して作り直す (進捗は残ります)', en: 'Delete and recreate the cluster (progress is kept)' } },
    yes: { type: 'boolean', short: 'y', description: { ja: '確認なしで', en: 'Do not ask' } },
  },
  examples: [
    { command: 'kindlab reset 03', text: { ja: 'レッスン 03 をやり直せる状態に', en: 'Start lesson 03 over' } },
    { command: 'kindlab reset --all --yes', text: { ja: '講師向け: クラスタを丸ごと作り直す', en: 'Instructors: a fresh cluster, no questions' } },
  ],
  async run(app, args) {
    const started = Date.now();
    if (args.values.all) return recreateCluster(app, Boolean(args.values.yes));
    const name = args.positionals[0];
    if (!name) throw new UsageError('kindlab reset <lesson> | --all');
    const lesson = await app.lesson(name);
    const ctx = await engineFor(app, lesson);
    await runTasks(lessonResetTasks(ctx), app.out, app.signal);
    await app.progress.forgetLesson(app.clusterName, lesson.id);
    app.out.line(app.out.style('green', `✓ ${fill(app.out.t(messages.resetDone), { lesson: lesson.id, time: formatDuration(Date.now() - started) })}`));
    app.out.event('reset', { lesson: lesson.id, durationMs: Date.now() - started });
    return EXIT.ok;
  },
};
