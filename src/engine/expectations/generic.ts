// Expectations on raw output, exit codes, read values and repeated samples; they need no parser.
import { z } from 'zod';
import { defineKind, numberOrTemplate, toNumber, type Observation, type Sample } from '../expectation-kind.js';

const last = (o: Observation): Sample => o.samples[o.samples.length - 1] ?? { stdout: '', stderr: '', exitCode: -1, timedOut: false };
const clip = (text: string, max = 400) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** The value a sample stands for: its trimmed stdout. */
export const sampleValue = (sample: Sample) => sample.stdout.trim();

/** The value a check looked at: the read value, or the last run's trimmed stdout. */
function checkedValue(o: Observation): unknown {
  return 'value' in o ? o.value : sampleValue(last(o));
}

const show = (value: unknown) => (value === undefined ? '(absent)' : typeof value === 'string' ? value : JSON.stringify(value));

export const exitCode = defineKind({
  key: 'exitCode',
  params: numberOrTemplate,
  doc: 'The command exits with this code (0 for success).',
  evaluate(params, o) {
    const want = toNumber(params);
    const sample = last(o);
    return {
      pass: sample.exitCode === want,
      expected: `exit code ${want}`,
      observed: `exit code ${sample.exitCode}${sample.stderr ? `, stderr: ${clip(sample.stderr.trim())}` : ''}`,
    };
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
    return {
      pass: missing.length === 0,
      expected: `output contains ${wanted.map((w) => JSON.stringify(w)).join(', ')}`,
      observed: clip(out),
      differs: missing.length ? `missing ${missing.map((w) => JSON.stringify(w)).join(', ')}` : undefined,
    };
  },
});

export const stdoutNotContains = defineKind({
  key: 'stdout.notContains',
  params: z.string(),
  doc: 'Standard output does not contain the text.',
  evaluate(params, o) {
    const out = last(o).stdout;
    return { pass: !out.includes(params), expected: `output without ${JSON.stringify(params)}`, observed: clip(out) };
  },
});

export const stdoutMatches = defineKind({
  key: 'stdout.matches',
  params: z.string().refine((p) => { try { new RegExp(p, 'm'); return true; } catch { return false; } }, 'a valid regular expression'),
  doc: 'Standard output matches the regular expression (multiline).',
  evaluate(params, o) {
    const out = last(o).stdout;
    return { pass: new RegExp(params, 'm').test(out), expected: `output matching /${params}/`, observed: clip(out) };
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
    return { pass, expected: show(params), observed: show(got) };
  },
});

export const oneOf = defineKind({
  key: 'oneOf',
  // A list capture substituted into `["{{podNames}}"]` becomes a nested list; both shapes are accepted.
  params: z.array(z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))])).min(1),
  doc: 'The value read (or the trimmed output) is one of these (each may be a {{capture}} list).',
  evaluate(params, o) {
    const got = checkedValue(o);
    const pass = params.flat().map(String).includes(String(got));
    return { pass, expected: `one of ${params.flat().join(', ')}`, observed: show(got) };
  },
});

export const exists = defineKind({
  key: 'exists',
  params: z.boolean(),
  doc: 'The field read is present (true) or absent (false).',
  evaluate(params, o) {
    const got = 'value' in o ? o.value : undefined;
    const present = got !== undefined && got !== null && !(Array.isArray(got) && got.length === 0);
    return { pass: present === params, expected: params ? 'present' : 'absent', observed: present ? show(got) : '(absent)' };
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
    return { pass: n === want, expected: `${want} item(s)`, observed: `${n} item(s): ${show(got)}` };
  },
});

function tally(o: Observation): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of o.samples) if (s.exitCode === 0) counts.set(sampleValue(s), (counts.get(sampleValue(s)) ?? 0) + 1);
  return counts;
}

const showTally = (counts: Map<string, number>, total: number) =>
  [...counts].sort((a, b) => b[1] - a[1]).map(([v, n]) => `${v}: ${n}/${total}`).join(', ') || '(no successful samples)';

export const distinctAtLeast = defineKind({
  key: 'distinct.atLeast',
  params: numberOrTemplate,
  doc: 'Over repeated runs, at least N different answers were seen (e.g. load spread over N Pods).',
  evaluate(params, o) {
    const want = toNumber(params);
    const counts = tally(o);
    return {
      pass: counts.size >= want,
      expected: `at least ${want} different answers over ${o.samples.length} runs`,
      observed: `${counts.size} different: ${showTally(counts, o.samples.length)}`,
    };
  },
});

export const distinctCovers = defineKind({
  key: 'distinct.covers',
  params: z.array(z.union([z.string(), z.array(z.string())])).min(1),
  doc: 'Over repeated runs, every given answer was seen and no other (each may be a {{capture}} list).',
  evaluate(params, o) {
    const want = new Set(params.flat());
    const counts = tally(o);
    const missing = [...want].filter((w) => !counts.has(w));
    const extra = [...counts.keys()].filter((v) => !want.has(v));
    return {
      pass: missing.length === 0 && extra.length === 0,
      expected: `answers exactly from {${[...want].join(', ')}}`,
      observed: showTally(counts, o.samples.length),
      differs: [missing.length ? `never seen: ${missing.join(', ')}` : '', extra.length ? `unexpected: ${extra.join(', ')}` : '']
        .filter(Boolean)
        .join('; ') || undefined,
    };
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
    return {
      pass: enough && Math.abs(got - want) <= tol,
      expected: `share of ${params.value} = ${want} ± ${tol}${params.minSamples ? ` over at least ${params.minSamples} answers` : ''}`,
      observed: `${got.toFixed(3)} (${showTally(counts, o.samples.length)})`,
      differs: enough ? undefined : `only ${successful} successful answers`,
    };
  },
});

export const genericKinds = [
  exitCode, stdoutContains, stdoutNotContains, stdoutMatches, equals, oneOf, exists, count, distinctAtLeast, distinctCovers, share,
];
