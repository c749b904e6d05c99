import { actionTasks, checkStep } from '../../engine/step.js';
import { fill, messages } from '../../ui/messages.js';
import { runTasks } from '../../ui/run-tasks.js';
import { sessionUI } from '../../ui/session-ui.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { afterStepPassed, engineFor, lessonAndStep, recorderFor } from '../lesson-context.js';

export const solve: Pick<Command, 'run'> = {
  async run(app, args) {
    const { lesson, step } = await lessonAndStep(app, args.positionals, (s) => s.kind === 'challenge');
    if (!step.solve) throw new UsageError(fill(app.out.t(messages.notAChallenge), { step: step.id }));
    const ctx = await engineFor(app, lesson);
    await runTasks(actionTasks(step.solve, ctx), app.out, app.signal);
    app.out.line(app.out.t(messages.solved));
    const outcome = await checkStep(step, ctx);
    sessionUI(app.out, app.prompts, app.signal).showOutcome(step, outcome);
    const record = recorderFor(app, lesson);
    await record.step(step.id, outcome.pass ? 'solved' : 'failed', { tries: outcome.tries });
    if (outcome.pass) await afterStepPassed(app, lesson, step);
    return outcome.pass ? EXIT.ok : EXIT.checkFailed;
  },
};
