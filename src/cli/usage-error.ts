// kindlab's exit codes (documented in the README) and the error for input the user can fix.
import type { Text } from '../core/text.js';

export const EXIT = { ok: 0, checkFailed: 1, badInput: 2, prerequisites: 3, interrupted: 130 } as const;

/** Input the user can fix (unknown lesson, bad flag): exit code 2, message without a stack trace. */
export class UsageError extends Error {
  /** What the learner reads; a plain string is already in their language, or is data (a usage line). */
  readonly text: Text;
  constructor(message: string | Text, readonly exitCode: number = EXIT.badInput) {
    const text = typeof message === 'string' ? { ja: message, en: message } : message;
    super(text.en);
    this.text = text;
    this.name = 'UsageError';
  }
}
