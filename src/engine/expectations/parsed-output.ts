// Small helpers shared by the expectation kinds that read a tool's output through a parser.
import type { Text } from '../../lab/text.js';
import type { Observation, Sample, Verdict } from '../expectation-kind.js';

export const lastSample = (o: Observation): Sample =>
  o.samples[o.samples.length - 1] ?? { stdout: '', stderr: '', exitCode: -1, timedOut: false };

/** What a terminal would show: stdout, then stderr (nslookup, dig, curl -v and tcpdump use both). */
export function sampleText(sample: Sample): string {
  if (!sample.stderr) return sample.stdout;
  return `${sample.stdout}${sample.stdout && !sample.stdout.endsWith('\n') ? '\n' : ''}${sample.stderr}`;
}

export const clip = (text: string, max = 400) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** A string or list parameter after substitution: a {{capture}} of a list may have become a nested array. */
export function strings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(strings);
  return [String(value).trim()].filter(Boolean);
}

/** Address comparison that ignores a host prefix (/32, /128) and letter case. */
export function sameAddress(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const norm = (x: string) => x.trim().toLowerCase().replace(/\/(32|128)$/, '');
  return norm(a) === norm(b);
}

export const sameName = (a: string, b: string) =>
  a.trim().toLowerCase().replace(/\.$/, '') === b.trim().toLowerCase().replace(/\.$/, '');

const howToSee = (format: string): Text => ({
  en: `kindlab could not read this output as ${format}. Check the command (for example, add -n) and run \`kindlab parse ${format}\` on the output to see how it is read.`,
  ja: `この出力を ${format} として読み取れませんでした。コマンドを確認し（例えば -n を付ける）、出力に \`kindlab parse ${format}\` を使うと kindlab がどう読むかを確認できます。`,
});

/** The verdict when the output was not what the parser reads. */
export function unreadable(format: string, expected: string, sample: Sample): Verdict {
  const text = sampleText(sample).trim();
  return {
    pass: false,
    expected,
    observed: text ? clip(text) : `(no output, exit code ${sample.exitCode}${sample.timedOut ? ', timed out' : ''})`,
    differs: `output not readable as ${format}`,
    hint: howToSee(format),
  };
}
