// Expectations on raw output, exit codes, read values and repeated samples; they need no parser.
import { z } from 'zod';
import type { Text } from '../core/text.js';
import { defineKind, numberOrTemplate, toNumber, type Observation, type Sample } from './expectation-kind.js';
import { clip, joinSaid, lastSample as last, verdict, type Said } from './parsed-output.js';

/** The value a sample stands for: its trimmed stdout. */
export const sampleValue = (sample: Sample) => sample.stdout.trim();

/** The value a check looked at: the read value, or the last run's trimmed stdout. */
function checkedValue(o: Observation): unknown {
  return 'value' in o ? o.value : sampleValue(last(o));
}

const ABSENT: Text = { en: '(absent)', ja: '（なし）' };

const showValue = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const show = (value: unknown): Said => (value === undefined ? ABSENT : showValue(value));

/** Quoted texts a lesson asked for, e.g. `"hello", "world"`. */
const quoted = (texts: string[]) => texts.map((w) => JSON.stringify(w)).join(', ');

export const exitCode = defineKind({
  key: 'exitCode',
  params: numberOrTemplate,
  doc: 'The command exits with this code (0 for success).',
  evaluate(params, o) {
    const want = toNumber(params);
    const sample = last(o);
    const stderr = sample.stderr ? clip(sample.stderr.trim()) : undefined;
    return verdict({
      pass: sample.exitCode === want,
      expected: { en: `exit code ${want}`, ja: `終了コード ${want}` },
      observed: {
        en: `exit code ${sample.exitCode}${stderr !== undefined ? `, stderr: ${stderr}` : ''}`,
        ja: `終了コード ${sample.exitCode}${stderr !== undefined ? `、stderr: ${stderr}` : ''}`,
      },
    });
  },
});

export const stdoutContains = defineKind({
  key: 'stdout.contains',
  params: z.union([z.string(), z.array(z.string()).min(1)]),
  doc: 'Standard output contains every given text.',
  evaluate(params, o) {
    const wanted = Array.isArray(params) ? params : [params];
    const out = last(o).stdout;
    const missing = wanted.filter((w) => !out.includes(w));
    return verdict({
      pass: missing.length === 0,
      expected: { en: `output contains ${quoted(wanted)}`, ja: `出力に ${quoted(wanted)} が含まれる` },
      observed: clip(out),
      differs: missing.length ? { en: `missing ${quoted(missing)}`, ja: `含まれない: ${quoted(missing)}` } : undefined,
    });
  },
});

export const stdoutNotContains = defineKind({
  key: 'stdout.notContains',
  params: z.string(),
  doc: 'Standard output does not contain the text.',
  evaluate(params, o) {
    const out = last(o).stdout;
    return verdict({
      pass: !out.includes(params),
      expected: { en: `output without ${quoted([params])}`, ja: `出力に ${quoted([params])} が含まれない` },
      observed: clip(out),
    });
  },
});

export const stdoutMatches = defineKind({
  key: 'stdout.matches',
  params: z.string().refine((p) => {
    try {
      new RegExp(p, 'm');
      return true;
    } catch {
      return false;
    }
  }, 'a valid regular expression'),
  doc: 'Standard output matches the regular expression (multiline).',
  evaluate(params, o) {
    const out = last(o).stdout;
    return verdict({
      pass: new RegExp(params, 'm').test(out),
      expected: { en: `output matching /${params}/`, ja: `出力が /${params}/ に一致する` },
      observed: clip(out),
    });
  },
});

export const equals = defineKind({
  key: 'equals',
  params: z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]),
  doc: 'The value read (or the trimmed output) equals this; lists compare as sets.',
  evaluate(params, o) {
    const got = checkedValue(o);
    let pass: boolean;
    if (Array.isArray(params)) {
      const want = params.map(String).sort();
      const have = (Array.isArray(got) ? got : got === undefined ? [] : [got]).map(String).sort();
      pass = want.length === have.length && want.every((w, i) => w === have[i]);
    } else {
      pass = String(got) === String(params);
    }
    // The English expectation is the bare value; Japanese says what is compared, so it reads as a sentence.
    return verdict({ pass, expected: { en: showValue(params), ja: `値が ${showValue(params)} と等しい` }, observed: show(got) });
  },
});

export const oneOf = defineKind({
  key: 'oneOf',
  params: z.array(z.union([z.string(), z.number()])).min(1),
  doc: 'The value read (or the trimmed output) is one of these (each may be a {{capture}} list).',
  evaluate(params, o) {
    const got = checkedValue(o);
    const pass = params.map(String).includes(String(got));
    const choices = params.join(', ');
    return verdict({ pass, expected: { en: `one of ${choices}`, ja: `${choices} のいずれか` }, observed: show(got) });
  },
});

export const exists = defineKind({
  key: 'exists',
  params: z.boolean(),
  doc: 'The field read is present (true) or absent (false).',
  evaluate(params, o) {
    const got = 'value' in o ? o.value : undefined;
    const present = got !== undefined && got !== null && !(Array.isArray(got) && got.length === 0);
    return verdict({
      pass: present === params,
      expected: params ? { en: 'present', ja: '値がある' } : { en: 'absent', ja: '値がない' },
      observed: present ? show(got) : ABSENT,
    });
  },
});

export const count = defineKind({
  key: 'count',
  params: numberOrTemplate,
  doc: 'The value read is a list of this many items (e.g. endpoints).',
  evaluate(params, o) {
    const got = checkedValue(o);
    const n = Array.isArray(got) ? got.length : got === undefined ? 0 : 1;
    const want = toNumber(params);
    return verdict({
      pass: n === want,
      expected: { en: `${want} item(s)`, ja: `${want} 件` },
      observed: joinSaid([{ en: `${n} item(s)`, ja: `${n} 件` }, show(got)], ': '),
    });
  },
});

function tally(o: Observation): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of o.samples) if (s.exitCode === 0) counts.set(sampleValue(s), (counts.get(sampleValue(s)) ?? 0) + 1);
  return counts;
}

const showTally = (counts: Map<string, number>, total: number): Said =>
  [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([v, n]) => `${v}: ${n}/${total}`)
    .join(', ') || { en: '(no successful samples)', ja: '（成功した実行なし）' };

export const distinctAtLeast = defineKind({
  key: 'distinct.atLeast',
  params: numberOrTemplate,
  doc: 'Over repeated runs, at least N different answers were seen (e.g. load spread over N Pods).',
  evaluate(params, o) {
    const want = toNumber(params);
    const counts = tally(o);
    return verdict({
      pass: counts.size >= want,
      expected: {
        en: `at least ${want} different answers over ${o.samples.length} runs`,
        ja: `${o.samples.length} 回の実行で少なくとも ${want} 種類の応答`,
      },
      observed: joinSaid([{ en: `${counts.size} different`, ja: `${counts.size} 種類` }, showTally(counts, o.samples.length)], ': '),
    });
  },
});

export const distinctCovers = defineKind({
  key: 'distinct.covers',
  params: z.array(z.string()).min(1),
  doc: 'Over repeated runs, every given answer was seen and no other (each may be a {{capture}} list).',
  evaluate(params, o) {
    const want = new Set(params);
    const counts = tally(o);
    const missing = [...want].filter((w) => !counts.has(w));
    const extra = [...counts.keys()].filter((v) => !want.has(v));
    const differs: Text[] = [
      ...(missing.length ? [{ en: `never seen: ${missing.join(', ')}`, ja: `一度も現れなかった: ${missing.join(', ')}` }] : []),
      ...(extra.length ? [{ en: `unexpected: ${extra.join(', ')}`, ja: `想定外: ${extra.join(', ')}` }] : []),
    ];
    const set = `{${[...want].join(', ')}}`;
    return verdict({
      pass: missing.length === 0 && extra.length === 0,
      expected: { en: `answers exactly from ${set}`, ja: `応答がちょうど ${set}（すべてが現れ、ほかはない）` },
      observed: showTally(counts, o.samples.length),
      differs: differs.length ? joinSaid(differs, '; ') : undefined,
    });
  },
});

export const share = defineKind({
  key: 'share',
  params: z
    .object({
      value: z.string().describe('The answer whose share is measured (trimmed output).'),
      expected: numberOrTemplate.describe('Expected share, 0..1, e.g. 0.9'),
      tolerance: numberOrTemplate.describe('Allowed absolute difference, e.g. 0.08'),
      minSamples: z.number().int().min(1).optional(),
    })
    .strict(),
  doc: 'Over repeated runs, the share of one answer is within a tolerance (traffic splits).',
  evaluate(params, o) {
    const counts = tally(o);
    const successful = [...counts.values()].reduce((a, b) => a + b, 0);
    const got = successful ? (counts.get(params.value) ?? 0) / successful : 0;
    const want = toNumber(params.expected);
    const tol = toNumber(params.tolerance);
    const enough = successful >= (params.minSamples ?? 1);
    return verdict({
      // The epsilon absorbs binary floating point: 166/200 = 0.83 is 0.07000000000000006 from 0.9.
      pass: enough && Math.abs(got - want) <= tol + 1e-9,
      expected: {
        en: `share of ${params.value} = ${want} ± ${tol}${params.minSamples ? ` over at least ${params.minSamples} answers` : ''}`,
        ja: `${params.value} の割合 = ${want} ± ${tol}${params.minSamples ? `（少なくとも ${params.minSamples} 件の応答で）` : ''}`,
      },
      observed: joinSaid([got.toFixed(3), ' (', showTally(counts, o.samples.length), ')'], ''),
      differs: enough ? undefined : { en: `only ${successful} successful answers`, ja: `成功した応答は ${successful} 件だけ` },
    });
  },
});

export const genericKinds = [exitCode, stdoutContains, stdoutNotContains, stdoutMatches, equals, oneOf, exists, count, distinctAtLeast, distinctCovers, share];
