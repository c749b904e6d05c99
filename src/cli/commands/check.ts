import { checkStep } from '../../engine/step.js';
import { failedCheckTitles, showStepDiagram } from '../../engine/session.js';
import { EXIT, type Command } from '../command.js';
import { afterStepPassed, engineFor, lessonAndStep, recorderFor } from '../lesson-context.js';
import { sessionUI } from '../../ui/session-ui.js';
import { keepingPictures } from '../pictures.js';

export const check: Command = {
  name: 'check',
  group: 'learn',
  usage: 'kindlab check [lesson] [step]',
  summary: { ja: 'ステップの条件を確認 (課題を解いたら実行)', en: 'Check a step (run it after solving a challenge)' },
  details: {
    ja: '引数なしなら、進行中のレッスンの現在のステップを確認します。期待値と実際の値を並べて表示します。',
    en: 'With no arguments, checks the current step of the lesson in progress. Shows expected and observed side by side.',
  },
  examples: [
    { command: 'kindlab check', text: { ja: 'いまのステップを確認', en: 'Check the current step' } },
    { command: 'kindlab check 04 cross-namespace', text: { ja: 'レッスン 04 のステップ cross-namespace を確認', en: 'Check step cross-namespace of lesson 04' } },
  ],
  async run(app, args) {
    const { lesson, step } = await lessonAndStep(app, args.positionals);
    const ctx = await engineFor(app, lesson);
    const outcome = await checkStep(step, ctx);
    const ui = keepingPictures(app, lesson, sessionUI(app.out, app.prompts, app.signal));
    ui.showOutcome(step, outcome);
    if (outcome.pass) await showStepDiagram(step, ctx, ui, outcome);
    const record = recorderFor(app, lesson);
    await record.step(step.id, outcome.pass ? 'passed' : 'failed', { tries: outcome.tries, checked: true, ...(outcome.pass ? {} : { failed: failedCheckTitles(outcome) }) });
    if (outcome.pass) await afterStepPassed(app, lesson, step);
    return outcome.pass ? EXIT.ok : EXIT.checkFailed;
  },
};
