// The error kind/lifecycle code throws when setup cannot go on: what was expected, what was
// observed, and what to try, in Japanese and English. The CLI prints it without a stack trace.
import { bilingual, EXIT, KindlabError } from '../../core/errors.js';
import type { Text } from '../../core/text.js';
import { displayTail } from '../process.js';

export class SetupProblem extends KindlabError {
  /** Expected and observed in English (tests, logs); the Text fields say them in both languages. */
  readonly expected: string;
  readonly observed: string;
  readonly expectedText: Text;
  readonly observedText: Text;
  /** A plain string for expected or observed is data (a command, a checksum, a tool's own words). */
  constructor(
    readonly code: string,
    readonly what: Text,
    expected: string | Text,
    observed: string | Text,
    readonly fix: Text,
  ) {
    const [want, got] = [bilingual(expected), bilingual(observed)];
    // Its text stays the English message (as said in a task's failure); the top prints `what` and the evidence.
    super(`${what.en} (expected: ${want.en}; observed: ${got.en}). ${fix.en}`, {
      headline: what,
      exitCode: EXIT.prerequisites,
      evidence: { expected: want, observed: got, fix },
      internal: false,
    });
    this.expected = want.en;
    this.observed = got.en;
    this.expectedText = want;
    this.observedText = got;
    this.name = 'SetupProblem';
  }
}

/** "timed out" / "exit N: what the tool said", as a setup step observes a command. */
export function commandOutcome(r: { timedOut: boolean; exitCode: number; stderr: string; stdout: string }): Text {
  if (r.timedOut) return { ja: '時間切れ', en: 'timed out' };
  // A tool may print megabytes (kind create's stderr): the learner sees the last lines, cleaned.
  const said = `${r.exitCode}: ${displayTail(r.stderr || r.stdout, 20, 4000)}`;
  return { ja: `終了コード ${said}`, en: `exit ${said}` };
}
