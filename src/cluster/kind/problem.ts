// The error kind/lifecycle code throws when setup cannot go on: what was expected, what was
// observed, and what to try, in Japanese and English. The CLI prints it without a stack trace.
import type { Text } from '../../lab/text.js';

export class SetupProblem extends Error {
  constructor(
    readonly code: string,
    readonly what: Text,
    readonly expected: string,
    readonly observed: string,
    readonly fix: Text,
  ) {
    super(`${what.en} (expected: ${expected}; observed: ${observed}). ${fix.en}`);
    this.name = 'SetupProblem';
  }
}
