import { failingCheckHint, nextHintLevel } from '../../engine/hint-levels.js';
import { capturesUpTo, checkStep } from '../../engine/step.js';
import { textOfError } from '../../lessons/text.js';
import { fill, messages } from '../../ui/messages.js';
import { sessionUI } from '../../ui/session-ui.js';
import { EXIT, type Command } from '../command.js';
import { engineFor, lessonAndStep, recorderFor } from '../lesson-context.js';
import { solve } from './solve.js';

export const hint: Pick<Command, 'run'> = {
  async run(app, args) {
    const { lesson, step } = await lessonAndStep(app, args.positionals, (s) => s.hint !== undefined);
    const ui = sessionUI(app.out, app.prompts, app.signal);
    const { progress } = await app.progress.load();
    const reached = progress.clusters[app.clusterName]?.lessons[lesson.id]?.steps[step.id]?.hintLevel;
    // Only a challenge has a solution to offer; a guided step stops at the failing check.
    const level = Math.min(nextHintLevel(reached), step.solve ? 3 : 2) as 1 | 2 | 3;
    const record = recorderFor(app, lesson);
    app.out.line(app.out.style('bold', fill(app.out.t(messages.hintLevel), { level: String(level) })));
    const authorsHint = () => {
      ui.showTask(step);
      ui.showHint(step);
      if (!step.hint) app.out.line(app.out.t(step.say));
    };
    if (level === 1) authorsHint();
    if (level === 2) {
      try {
        const ctx = await engineFor(app, lesson);
        const outcome = await checkStep(step, ctx, { windowMs: 0 });
        const built = failingCheckHint(step, outcome, capturesUpTo(lesson, lesson.steps.indexOf(step)), lesson.namespace);
        app.out.line(built ? app.out.t(built) : app.out.t(messages.hintChecksPass));
      } catch (error) {
        if (app.signal.aborted) throw error;
        app.out.line(fill(app.out.t(messages.hintNoCluster), { reason: app.out.t(textOfError(error)) }));
        authorsHint();
      }
    }
    await record.hint(step.id, level);
    if (level === 3) {
      if (await app.prompts.confirm(app.out.t(messages.hintOfferSolve), false)) return solve.run(app, { ...args, positionals: [lesson.id, step.id] });
      app.out.line(fill(app.out.t(messages.hintSolveLater), { lesson: lesson.number, step: step.id }));
    }
    return EXIT.ok;
  },
};
