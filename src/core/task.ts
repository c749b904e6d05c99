// A unit of long work shown to the user (cluster creation, image loading, a lesson action):
// a title, the command a person could type to do the same, and the work itself.
import { KindlabError } from './errors.js';
import type { Text } from './text.js';

export interface Task {
  title: Text;
  /** The equivalent command, shown so learners can type it themselves. */
  shown?: string[];
  run(signal: AbortSignal): Promise<void | string>;
  /** Skip with this reason (e.g. cluster already exists); a plain string is data (a name, a version). */
  skip?: () => Promise<string | Text | false>;
}

/** An error whose message exists in both languages; the UI shows the learner's. */
export class TextError extends KindlabError {
  constructor(text: Text) {
    super(text.en, { text });
    this.name = 'TextError';
  }
}
