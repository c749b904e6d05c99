// What the learner reads, and the exit code, when a command ends in an error: the one renderer behind
// the CLI's one catch (cli/main.ts). It reads the error vocabulary of core/errors.ts (text, headline,
// message key, evidence, exit code), never an error's class; anything else is an unexpected error.
import { EXIT, KindlabError, type Evidence } from '../core/errors.js';
import { textOfError, type Lang, type Text } from '../core/text.js';
import { fill, messages } from './messages.js';

export interface ErrorReport {
  exitCode: number;
  /** Lines for stderr, in the learner's language. */
  lines: string[];
}

/** `interrupted`: Ctrl-C was pressed, and whatever failed after it failed because of it. */
export function errorReport(error: unknown, opts: { lang: Lang; verbose: boolean; interrupted: boolean }): ErrorReport {
  const { lang } = opts;
  if (opts.interrupted || (error as Error | undefined)?.name === 'AbortError') return { exitCode: EXIT.interrupted, lines: [messages.interrupted[lang]] };
  // Not one of kindlab's: a library's or a tool's own words, said as an unexpected error.
  const known = error instanceof KindlabError ? error : undefined;
  const text = known?.headline ?? textOfError(error);
  const frame = known?.messageKey ? (messages as Record<string, Text | undefined>)[known.messageKey] : undefined;
  const headline = frame ? fill(frame[lang], { message: text[lang] }) : text[lang];
  const evidence = evidenceLines(known?.evidence ?? {}, lang);
  if (known && !known.internal) return { exitCode: known.exitCode, lines: [headline, ...evidence] };
  const stack = opts.verbose ? (error as Error | undefined)?.stack : undefined;
  return { exitCode: known?.exitCode ?? EXIT.checkFailed, lines: [`kindlab: ${headline}`, ...evidence, stack || messages.seeVerbose[lang]] };
}

/** The evidence an error carries, in the order of core/errors.ts's Evidence, each line in the learner's language. */
export function evidenceLines(evidence: Evidence, lang: Lang): string[] {
  const tryThis = messages.tryThis[lang];
  return [
    ...(evidence.expected ? [`  ${messages.expected[lang]}: ${evidence.expected[lang]}`] : []),
    ...(evidence.observed ? [`  ${messages.observed[lang]}: ${evidence.observed[lang]}`] : []),
    ...(evidence.output ? [evidence.output] : []),
    ...(evidence.facts ?? []).map((fact) => `  ${fact[lang]}`),
    ...(evidence.hints ?? []).map((hint) => `  ${tryThis}: ${hint[lang]}`),
    ...(evidence.fix ? [`${tryThis}: ${evidence.fix[lang]}`] : []),
    ...(evidence.typeThis ? [`${tryThis}:\n${evidence.typeThis[lang].replace(/^/gm, '  ')}`] : []),
  ];
}
