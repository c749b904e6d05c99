import { EXIT, UsageError, type Command } from '../command.js';

export const lang: Command = {
  name: 'lang',
  group: 'learn',
  usage: 'kindlab lang [ja|en]',
  summary: { ja: '表示言語を保存する (引数なしで現在の設定を表示)', en: 'Save your language (no argument shows the current one)' },
  examples: [
    { command: 'kindlab lang ja', text: { ja: '以後は日本語で', en: 'Japanese from now on' } },
    { command: 'kindlab lang en', text: { ja: '以後は英語で', en: 'English from now on' } },
  ],
  async run(app, args) {
    const [choice] = args.positionals;
    if (choice === undefined) {
      app.out.line(app.lang);
      return EXIT.ok;
    }
    if (choice !== 'ja' && choice !== 'en') throw new UsageError('kindlab lang ja|en');
    await app.settings.save({ lang: choice });
    app.out.line(choice === 'ja' ? '表示言語を日本語にしました' : 'Language set to English');
    return EXIT.ok;
  },
};
