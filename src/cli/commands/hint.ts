import { EXIT, type Command } from '../command.js';
import { lessonAndStep, recorderFor } from '../lesson-context.js';
import { sessionUI } from '../../ui/session-ui.js';

export const hint: Command = {
  name: 'hint',
  group: 'learn',
  usage: 'kindlab hint [lesson] [step]',
  summary: { ja: 'いまのステップのヒントを表示', en: 'Show the hint for the current step' },
  examples: [
    { command: 'kindlab hint', text: { ja: 'いまの課題のヒント', en: 'Hint for the challenge you are on' } },
    { command: 'kindlab hint 06 reach-nodeport', text: { ja: '特定のステップのヒント', en: 'Hint for a given step' } },
  ],
  async run(app, args) {
    const { lesson, step } = await lessonAndStep(app, args.positionals, (s) => s.hint !== undefined);
    const ui = sessionUI(app.out, app.prompts, app.signal);
    ui.showTask(step);
    ui.showHint(step);
    if (!step.hint) app.out.line(app.out.t(step.say));
    await recorderFor(app, lesson).hint(step.id);
    return EXIT.ok;
  },
};
