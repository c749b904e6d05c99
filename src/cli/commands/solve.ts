import { actionTasks, checkStep } from '../../engine/step.js';
import { fill, messages } from '../../ui/messages.js';
import { runTasks } from '../../ui/run-tasks.js';
import { sessionUI } from '../../ui/session-ui.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { afterStepPassed, engineFor, lessonAndStep, recorderFor } from '../lesson-context.js';

export const solve: Command = {
  name: 'solve',
  group: 'learn',
  usage: 'kindlab solve [lesson] [step]',
  summary: { ja: '課題の模範解答を適用して確認', en: 'Apply a challenge\'s reference solution, then check it' },
  details: {
    ja: '解答で適用されるマニフェストとコマンドがそのまま表示されるので、何をすればよかったのか読めます。',
    en: 'Shows the manifests and commands the solution applies, so you can read what would have solved it.',
  },
  examples: [
    { command: 'kindlab solve', text: { ja: 'いまの課題を解答で進める', en: 'Solve the challenge you are on' } },
    { command: 'kindlab solve 10 allow-frontend', text: { ja: '特定の課題', en: 'A given challenge' } },
  ],
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
