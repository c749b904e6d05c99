import { checkStep } from '../../engine/step.js';
import { failedCheckTitles, showStepDiagram } from '../../engine/session.js';
import { EXIT, type Command } from '../command.js';
import { afterStepPassed, engineFor, lessonAndStep, recorderFor } from '../lesson-context.js';
import { sessionUI } from '../../ui/session-ui.js';
import { keepingPictures } from '../pictures.js';

export const check: Pick<Command, 'run'> = {
  async run(app, args) {
    const { lesson, step } = await lessonAndStep(app, args.positionals);
    const ctx = await engineFor(app, lesson);
    const outcome = await checkStep(step, ctx);
    const ui = keepingPictures(app, lesson, sessionUI(app.out, app.prompts, app.signal));
    ui.showOutcome(step, outcome);
    if (outcome.pass) await showStepDiagram(step, ctx, ui, outcome);
    const record = recorderFor(app, lesson);
    await record.step(step.id, outcome.pass ? 'passed' : 'failed', {
      tries: outcome.tries,
      checked: true,
      ...(outcome.pass ? {} : { failed: failedCheckTitles(outcome) }),
    });
    if (outcome.pass) await afterStepPassed(app, lesson, step);
    return outcome.pass ? EXIT.ok : EXIT.checkFailed;
  },
};
