// Small helpers shared by the expectation kinds: reading the last sample, comparing addresses and
// names, and building a verdict whose texts exist in English and Japanese.
import type { Text } from '../core/text.js';
import type { Observation, Sample, Verdict } from './expectation-kind.js';

export const lastSample = (o: Observation): Sample => o.samples[o.samples.length - 1] ?? { stdout: '', stderr: '', exitCode: -1, timedOut: false };

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
  const norm = (x: string) =>
    x
      .trim()
      .toLowerCase()
      .replace(/\/(32|128)$/, '');
  return norm(a) === norm(b);
}

export const sameName = (a: string, b: string) => a.trim().toLowerCase().replace(/\.$/, '') === b.trim().toLowerCase().replace(/\.$/, '');

const howToSee = (format: string): Text => ({
  en: `kindlab could not read this output as ${format}. Check the command (for example, add -n) and run \`kindlab parse ${format}\` on the output to see how it is read.`,
  ja: `この出力を ${format} として読み取れませんでした。コマンドを確認し（例えば -n を付ける）、出力に \`kindlab parse ${format}\` を使うと kindlab がどう読むかを確認できます。`,
});

/** A verdict text: a plain string is data (IPs, names, raw output) and reads the same in both languages. */
export type Said = string | Text;

const inEnglish = (s: Said) => (typeof s === 'string' ? s : s.en);
const inJapanese = (s: Said) => (typeof s === 'string' ? s : s.ja);

/** Joins texts (data or words) into one text, with a separator per language. */
export function joinSaid(parts: Said[], separator: Said): Text {
  return {
    en: parts.map(inEnglish).join(inEnglish(separator)),
    ja: parts.map(inJapanese).join(inJapanese(separator)),
  };
}

export const NONE: Text = { en: '(none)', ja: '（なし）' };

/** A list of data, or a word for "nothing" when it is empty. */
export function listOr(items: string[], separator: string, none: Text = NONE): Said {
  return items.length ? items.join(separator) : none;
}

/**
 * The one way a kind builds its verdict: English in the usual fields, Japanese in `ja`.
 * `ja.observed` is left out when the observation is data only, the same in both languages (the
 * report then shows the English text, which is that data).
 */
export function verdict(v: { pass: boolean; expected: Said; observed: Said; differs?: Said; hint?: Text }): Verdict {
  return {
    pass: v.pass,
    expected: inEnglish(v.expected),
    observed: inEnglish(v.observed),
    differs: v.differs === undefined ? undefined : inEnglish(v.differs),
    hint: v.hint,
    ja: {
      expected: inJapanese(v.expected),
      ...(typeof v.observed === 'string' || v.observed.ja === v.observed.en ? {} : { observed: v.observed.ja }),
      ...(v.differs === undefined ? {} : { differs: inJapanese(v.differs) }),
    },
  };
}

/** The verdict when the output was not what the parser reads. */
export function unreadable(format: string, expected: Text, sample: Sample): Verdict {
  const text = sampleText(sample).trim();
  const timedOut = sample.timedOut ? { en: ', timed out', ja: '、タイムアウト' } : { en: '', ja: '' };
  return verdict({
    pass: false,
    expected,
    observed: text
      ? clip(text)
      : { en: `(no output, exit code ${sample.exitCode}${timedOut.en})`, ja: `（出力なし、終了コード ${sample.exitCode}${timedOut.ja}）` },
    differs: { en: `output not readable as ${format}`, ja: `${format} の出力として読めませんでした` },
    hint: howToSee(format),
  });
}
