import { lessonResetTasks } from '../../engine/lesson-reset.js';
import { formatDuration } from '../../lessons/duration.js';
import { fill, messages } from '../../ui/messages.js';
import { runTasks } from '../../ui/run-tasks.js';
import { EXIT, UsageError, type Command } from '../command.js';
import type { resetOptions } from './options.js';
import { engineFor } from '../lesson-context.js';
import { recreateCluster } from '../cluster-setup.js';

export const reset: Pick<Command<typeof resetOptions>, 'run'> = {
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
