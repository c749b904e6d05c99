// kindlab's one error vocabulary (issue 12): an error says what went wrong in both languages, the exit
// code it ends the CLI with, and the evidence behind it, as kind's RunError{Command, Output, Inner}
// carries its command, output and inner error (kubernetes-sigs/kind@v0.30.0:pkg/exec/types.go).
// One catch at the top of the CLI renders any of them (src/ui/error-report.ts): no instanceof there.
import type { Text } from './text.js';

/** kindlab's exit codes, documented in the README. */
export const EXIT = { ok: 0, checkFailed: 1, badInput: 2, prerequisites: 3, interrupted: 130 } as const;

/**
 * What an error shows beside its headline, each in the learner's language, in this order. A plain
 * string in an error's constructor is data (a command, a tool's own words): the same in both languages.
 */
export interface Evidence {
  /** What kindlab expected to find, and what it found instead (`  expected: …` / `  observed: …`). */
  expected?: Text;
  observed?: Text;
  /** The command that ran, as argv (the headline names it, as RunError.Error() does), and what it printed, shown as printed. */
  command?: readonly string[];
  output?: string;
  /** Facts gathered after the failure, one indented line each (a wait's Pod states and events). */
  facts?: Text[];
  /** What to try, one indented `Try: …` line each, after the facts. */
  hints?: Text[];
  /** What to do, as a sentence: `Try: …`. */
  fix?: Text;
  /** What to type, one command a line with `# notes`: `Try:` and the lines indented below it. */
  typeThis?: Text;
}

export interface KindlabErrorInit {
  /** The error in each language (what it says wherever it is shown); by default the message, which is then data. */
  text?: Text;
  /** What the top of the CLI prints first when it is not `text` (its evidence follows it). */
  headline?: Text;
  /** A key of ui/messages that frames the headline as its `{message}` (e.g. "Cannot reach the cluster: {message}"). */
  messageKey?: string;
  exitCode?: number;
  evidence?: Evidence;
  /**
   * True for a failure not put in words a learner acts on (a tool or library failed, a bug): the top
   * prints `kindlab: <text>` and the stack only with --verbose. False: the text and evidence, as they are.
   */
  internal?: boolean;
  cause?: unknown;
}

/** The base of every error kindlab throws. Subclasses keep their own names and fields; the top reads only these. */
export class KindlabError extends Error {
  readonly text: Text;
  readonly #headline: Text | undefined;
  readonly messageKey: string | undefined;
  readonly exitCode: number;
  readonly evidence: Evidence;
  readonly internal: boolean;
  constructor(message: string, init: KindlabErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.text = init.text ?? { ja: message, en: message };
    this.#headline = init.headline;
    this.messageKey = init.messageKey;
    this.exitCode = init.exitCode ?? EXIT.checkFailed;
    this.evidence = init.evidence ?? {};
    this.internal = init.internal ?? true;
    this.name = 'KindlabError';
  }

  get headline(): Text {
    return this.#headline ?? this.text;
  }
}

/** A plain string is data (a value, a tool's own words): the same in both languages. */
export const bilingual = (text: string | Text): Text => (typeof text === 'string' ? { ja: text, en: text } : text);
