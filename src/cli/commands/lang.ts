import { messages } from '../../ui/messages.js';
import { EXIT, UsageError, type Command } from '../command.js';

export const lang: Pick<Command, 'run'> = {
  async run(app, args) {
    const [choice] = args.positionals;
    if (choice === undefined) {
      app.out.line(app.lang);
      return EXIT.ok;
    }
    if (choice !== 'ja' && choice !== 'en') throw new UsageError('kindlab lang ja|en');
    await app.settings.save({ lang: choice });
    // Said in the language just chosen.
    app.out.line(messages.langSaved[choice]);
    return EXIT.ok;
  },
};
