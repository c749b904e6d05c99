// Shows what a step's checks saw: the command, its output, and each expectation with expected vs
// observed side by side (a line diff when multi-line), plus a hint a learner can act on.
import { diffLines } from 'diff';
import { forDisplay } from '../cluster/process.js';
import { displayCommand } from '../cluster/shown-commands.js';
import type { CheckResult, ExpectationResult } from '../engine/checks.js';
import type { PollOutcome } from '../engine/poll.js';
import { formatDuration } from '../lessons/duration.js';
import type { Text } from '../core/text.js';
import { padColumns } from './columns.js';
import { indent } from './indent.js';
import type { Output } from './output.js';
import { fill, messages } from './messages.js';

const MAX_OUTPUT_LINES = 25;

const MAX_OUTPUT_CHARS = 8000;

function clipLines(text: string): string {
  const lines = text.split('\n');
  const clipped =
    lines.length <= MAX_OUTPUT_LINES ? text : [...lines.slice(0, MAX_OUTPUT_LINES), `… (${lines.length - MAX_OUTPUT_LINES} more lines)`].join('\n');
  // One line can be megabytes (a body without newlines): bound what reaches the terminal by characters too.
  return clipped.length <= MAX_OUTPUT_CHARS ? clipped : `${clipped.slice(0, MAX_OUTPUT_CHARS)}… (${clipped.length - MAX_OUTPUT_CHARS} more characters)`;
}

/** expected | observed in two columns for short values, a unified line diff for multi-line ones. */
export function sideBySide(out: Output, rawExpected: string, rawObserved: string): string {
  // Both may hold a program's output: its escape sequences must not act on the learner's terminal.
  const expected = forDisplay(rawExpected);
  const observed = forDisplay(rawObserved);
  const label = (text: Text) => padColumns(out.t(text), 10);
  if (!expected.includes('\n') || !observed.includes('\n')) {
    const block = (text: string) => (text.includes('\n') ? `\n${indent(clipLines(text), '  ')}` : text);
    return [`${label(messages.expected)}${out.style('green', block(expected))}`, `${label(messages.observed)}${out.style('red', block(observed))}`].join('\n');
  }
  return (
    diffLines(expected.endsWith('\n') ? expected : `${expected}\n`, observed.endsWith('\n') ? observed : `${observed}\n`)
      .flatMap((part) => {
        const mark = part.added ? '+ ' : part.removed ? '- ' : '  ';
        const style = part.added ? 'red' : part.removed ? 'green' : 'dim';
        return part.value
          .replace(/\n$/, '')
          .split('\n')
          .map((l) => out.style(style, `${mark}${l}`));
      })
      .join('\n') + `\n${out.style('dim', out.t(messages.diffLegend))}`
  );
}

/** The verdict's texts in the learner's language (Japanese where the kind provides it). */
export function localVerdict(out: Output, verdict: ExpectationResult['verdict']): { expected: string; observed: string; differs?: string } {
  if (out.lang !== 'ja' || !verdict.ja) return verdict;
  return { expected: verdict.ja.expected, observed: verdict.ja.observed ?? verdict.observed, differs: verdict.ja.differs ?? verdict.differs };
}

function renderExpectation(out: Output, result: ExpectationResult, shownOutput: string | undefined): string[] {
  const verdict = { ...result.verdict, ...localVerdict(out, result.verdict) };
  if (verdict.pass) return [`  ${out.style('green', '✓')} ${result.key}: ${verdict.expected}`];
  // The command's output is printed just above; say so rather than print it twice.
  const observed = shownOutput && verdict.observed.trim() === shownOutput.trim() ? out.t(messages.outputAbove) : verdict.observed;
  const lines = [`  ${out.style('red', '✗')} ${result.key}`, indent(sideBySide(out, verdict.expected, observed), '      ')];
  if (verdict.differs) lines.push(`      ${out.t(messages.differs)}: ${verdict.differs}`);
  if (verdict.hint) lines.push(`      ${out.style('yellow', '→')} ${out.t(verdict.hint)}`);
  return lines;
}

export function renderCheck(out: Output, check: CheckResult, showOutput: boolean): string[] {
  const lines: string[] = [];
  if (check.title) lines.push(out.style('bold', out.t(check.title)));
  if (check.shown.length) lines.push(out.style('gray', `  $ ${displayCommand(check.shown)}${check.samples > 1 ? `   (×${check.samples})` : ''}`));
  if (check.notRun) {
    lines.push(`  ${out.style('red', '✗')} ${out.t(check.notRun)}`);
    return lines;
  }
  const printed = (showOutput || !check.pass) && check.output ? check.output : undefined;
  if (printed) lines.push(indent(clipLines(forDisplay(printed)), '  │ '));
  for (const result of check.results) lines.push(...renderExpectation(out, result, printed));
  return lines;
}

export function renderOutcome(out: Output, outcome: PollOutcome, opts: { showOutput: boolean; hint?: Text; mode: 'eventually' | 'consistently' }): void {
  for (const capture of outcome.captures) {
    if (capture.value === undefined && capture.missing) out.line(`  ${out.style('red', '✗')} {{${capture.name}}}: ${out.t(capture.missing)}`);
  }
  for (const check of outcome.checks) for (const line of renderCheck(out, check, opts.showOutput)) out.line(line);
  const took = formatDuration(outcome.elapsedMs);
  if (outcome.pass) {
    out.line(out.style('green', `✓ ${out.t(messages.stepPassed)}`) + out.style('dim', ` (${outcome.tries} × ${took})`));
  } else {
    const why = opts.mode === 'consistently' ? messages.failedConsistently : messages.failedEventually;
    out.line(out.style('red', `✗ ${fill(out.t(why), { tries: outcome.tries, time: took })}`));
    if (opts.hint) out.line(`${out.style('yellow', '💡')} ${out.t(opts.hint)}`);
  }
  out.event('checks', {
    pass: outcome.pass,
    tries: outcome.tries,
    elapsedMs: outcome.elapsedMs,
    captures: outcome.captures.map((c) => ({ name: c.name, value: c.value, missing: c.missing?.en })),
    checks: outcome.checks.map((c) => ({ command: c.shown, output: c.output, notRun: c.notRun?.en, pass: c.pass, results: c.results })),
  });
}
