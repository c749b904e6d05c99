// Questions to the learner. inquirer is loaded only when a question is asked (cold start), and
// tests replace the whole interface. Ctrl-C inside a prompt counts as an interrupt.
// inquirer prints its own key help (`↑↓ navigate • ⏎ select`); the theme gives it in the learner's language.
import { EXIT, KindlabError } from '../core/errors.js';
import type { Lang } from '../core/text.js';

export interface Choice<T> {
  name: string;
  value: T;
}

export interface Prompts {
  select<T>(message: string, choices: Choice<T>[]): Promise<T>;
  confirm(message: string, initial: boolean): Promise<boolean>;
  /** Enter goes on; typing q quits. */
  pressEnter(message: string): Promise<'go' | 'quit'>;
  /** The same prompts with their key help in `lang` (the app calls it once it knows the language). */
  forLang?(lang: Lang): Prompts;
}

export class PromptInterrupted extends KindlabError {
  constructor() {
    // Named AbortError: whatever catches an abort (Ctrl-C) catches this one too.
    super('interrupted at a prompt', { exitCode: EXIT.interrupted, internal: false });
    this.name = 'AbortError';
  }
}

/** The actions inquirer's key help names (select: navigate, select), in each language. */
const KEY_ACTIONS: Record<Lang, Record<string, string>> = {
  ja: { navigate: '移動', select: '選択' },
  en: { navigate: 'navigate', select: 'select' },
};

/** inquirer's theme for `lang`: the key help line with the actions translated (an unknown action stays as inquirer says it). */
export function promptTheme(lang: Lang) {
  return {
    style: {
      keysHelpTip: (keys: [key: string, action: string][]) => keys.map(([key, action]) => `${key} ${KEY_ACTIONS[lang][action] ?? action}`).join(' • '),
    },
  };
}

/** Where inquirer reads and writes; tests pass streams, the CLI the terminal. */
export interface PromptStreams {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

async function ask<T>(question: Record<string, unknown>, streams?: PromptStreams): Promise<T> {
  const { createPromptModule } = await import('inquirer');
  const prompt = createPromptModule(streams ? ({ ...streams, skipTTYChecks: true } as never) : undefined);
  try {
    const answers = (await prompt([{ name: 'answer', ...question } as never])) as { answer: T };
    return answers.answer;
  } catch (error) {
    if ((error as Error).name === 'ExitPromptError') throw new PromptInterrupted();
    throw error;
  }
}

export function terminalPromptsFor(lang: Lang, streams?: PromptStreams): Prompts {
  const theme = promptTheme(lang);
  return {
    select: (message, choices) => ask({ type: 'select', message, choices, pageSize: 15, theme }, streams),
    confirm: (message, initial) => ask({ type: 'confirm', message, default: initial, theme }, streams),
    pressEnter: async (message) => ((await ask<string>({ type: 'input', message, theme }, streams)).trim().toLowerCase().startsWith('q') ? 'quit' : 'go'),
    forLang: (other) => terminalPromptsFor(other, streams),
  };
}

/** The terminal's prompts before the language is known; the app switches them with forLang. */
export const terminalPrompts: Prompts = terminalPromptsFor('en');

/** For --yes and non-TTY runs: never waits; challenges are left open rather than guessed. */
export const unattendedPrompts = (challengeAnswer: 'later' | 'solve' = 'later'): Prompts => ({
  select: async <T>(_message: string, choices: Choice<T>[]) => (choices.find((c) => c.value === (challengeAnswer as unknown)) ?? choices[0]!).value,
  confirm: async (_message, initial) => initial,
  pressEnter: async () => 'go',
});
