// Questions to the learner. inquirer is loaded only when a question is asked (cold start), and
// tests replace the whole interface. Ctrl-C inside a prompt counts as an interrupt.
export interface Choice<T> {
  name: string;
  value: T;
}

export interface Prompts {
  select<T>(message: string, choices: Choice<T>[]): Promise<T>;
  confirm(message: string, initial: boolean): Promise<boolean>;
  /** Enter goes on; typing q quits. */
  pressEnter(message: string): Promise<'go' | 'quit'>;
}

export class PromptInterrupted extends Error {
  constructor() {
    super('interrupted at a prompt');
    this.name = 'AbortError';
  }
}

async function ask<T>(question: Record<string, unknown>): Promise<T> {
  const { default: inquirer } = await import('inquirer');
  try {
    const answers = (await inquirer.prompt([{ name: 'answer', ...question } as never])) as { answer: T };
    return answers.answer;
  } catch (error) {
    if ((error as Error).name === 'ExitPromptError') throw new PromptInterrupted();
    throw error;
  }
}

export const terminalPrompts: Prompts = {
  select: (message, choices) => ask({ type: 'select', message, choices, pageSize: 15 }),
  confirm: (message, initial) => ask({ type: 'confirm', message, default: initial }),
  pressEnter: async (message) => ((await ask<string>({ type: 'input', message })).trim().toLowerCase().startsWith('q') ? 'quit' : 'go'),
};

/** For --yes and non-TTY runs: never waits; challenges are left open rather than guessed. */
export const unattendedPrompts = (challengeAnswer: 'later' | 'solve' = 'later'): Prompts => ({
  select: async <T>(_message: string, choices: Choice<T>[]) =>
    (choices.find((c) => c.value === (challengeAnswer as unknown)) ?? choices[0]!).value,
  confirm: async (_message, initial) => initial,
  pressEnter: async () => 'go',
});
