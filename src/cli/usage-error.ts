// kindlab's exit codes (documented in the README) and the error for input the user can fix.
import { bilingual, EXIT, KindlabError } from '../core/errors.js';
import type { Text } from '../core/text.js';

export { EXIT } from '../core/errors.js';

/** Input the user can fix (unknown lesson, bad flag): exit code 2, message without a stack trace. */
export class UsageError extends KindlabError {
  /** What the learner reads; a plain string is already in their language, or is data (a usage line). */
  constructor(message: string | Text, exitCode: number = EXIT.badInput) {
    const text = bilingual(message);
    super(text.en, { text, exitCode, internal: false });
    this.name = 'UsageError';
  }
}
