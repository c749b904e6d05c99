// What lessons tell a learner, checked against what is true on the pinned versions
// (docs/lessons-facts.md gives the source of each fact) and read the way kindlab shows it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectationKey } from '../../src/engine/checks.js';
import { kindByKey } from '../../src/expectations/index.js';
import { loadLesson } from '../../src/lessons/load.js';
import type { Lesson } from '../../src/lessons/model.js';
import { PROFILES } from '../../src/lessons/profile-names.js';
import { Output } from '../../src/ui/output.js';
import { LABS } from './lesson-helpers.js';
import { readdirSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

const dirs = readdirSync(LABS)
  .filter((d) => /^\d\d-/.test(d))
  .sort();
const lessons: Lesson[] = [];
for (const dir of dirs) {
  const loaded = await loadLesson(join(LABS, dir));
  if (!loaded.ok) throw new Error(`${dir}: ${loaded.errors.map((e) => e.message).join('; ')}`);
  lessons.push(loaded.lesson);
}
const byId = (prefix: string) => lessons.find((l) => l.id.startsWith(prefix))!;

describe('lesson 10 on kindnet, which fails open', () => {
  // kind v0.30.0 images/kindnetd/cmd/kindnetd/main.go: networkpolicy.Config{FailOpen: true, ...}
  const lesson = byId('10-');
  const denySteps = lesson.steps.filter((s) =>
    (s.checks ?? []).some((c) => c.expect.some((e) => expectationKey(e) === 'curl.outcome' && JSON.stringify(e).includes('timeout'))),
  );

  it('has steps that expect a blocked connection', () => {
    expect(denySteps.map((s) => s.id)).toEqual(['deny-all', 'stays-denied', 'others-still-denied', 'allow-by-namespace']);
  });

  for (const step of denySteps) {
    it(`${step.id}: the failure hint says kindnet may not enforce the policy and names a calico-* profile (ja and en)`, () => {
      expect(step.hint, `${step.id} has no hint`).toBeDefined();
      const calico = PROFILES.filter((p) => p.startsWith('calico-'));
      for (const lang of ['ja', 'en'] as const) {
        const text = step.hint![lang];
        expect(text).toContain('kindnet');
        expect(
          calico.some((p) => text.includes(`--profile ${p}`)),
          `${lang}: names --profile calico-*`,
        ).toBe(true);
      }
      expect(step.hint!.en).toMatch(/fails? open/);
      expect(step.hint!.ja).toContain('フェイルオープン');
    });
  }
});

/** Every Japanese text of a lesson, with where it sits. */
function japaneseTexts(lesson: Lesson): { where: string; ja: string }[] {
  const found: { where: string; ja: string }[] = [];
  const walk = (value: unknown, where: string) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${where}[${i}]`));
    else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (typeof o.ja === 'string' && typeof o.en === 'string') found.push({ where, ja: o.ja });
      else for (const [k, v] of Object.entries(o)) walk(v, `${where}.${k}`);
    }
  };
  walk(lesson, lesson.id);
  return found;
}

const WIDE = '\\u3000-\\u30ff\\u3400-\\u9fff\\uff01-\\uff60';

describe('Japanese lesson texts as kindlab shows them', () => {
  const ja = new Output('plain', 'ja', { write() {} }, { write() {} });
  const all = lessons.flatMap(japaneseTexts);

  it('reads every lesson (titles, say, explain, hints, check titles)', () => {
    expect(lessons).toHaveLength(13);
    expect(all.length).toBeGreaterThan(300);
  });

  it('has no space where YAML folded a line between two Japanese characters (e.g. 同じノードで 動くように)', () => {
    const spaced = new RegExp(`[${WIDE}][ \\t]+[${WIDE}]`, 'g');
    const stray = all.flatMap(({ where, ja: text }) => [...ja.t({ ja: text, en: '' }).matchAll(spaced)].map((m) => `${where}: …${m[0]}…`));
    expect(stray).toEqual([]);
  });

  it('keeps the spaces around Latin words, numbers and commands', () => {
    expect(ja.t({ ja: 'netshoot と同じノードで 動くように、 kubectl get pods を 2 回実行「同じ」 ノード', en: '' })).toBe(
      'netshoot と同じノードで動くように、kubectl get pods を 2 回実行「同じ」ノード',
    );
  });

  it('spells クラスタ one way in every lesson (クラスタ, as the rest of kindlab)', () => {
    const long = all.filter(({ ja: text }) => text.includes('クラスター')).map(({ where }) => where);
    expect(long).toEqual([]);
  });
});

describe('lesson 12: the chances stated for the weighted split are those of the real share check', () => {
  const lesson = byId('12-');
  const share = kindByKey('share')!;
  /** P(the check fails) when each of n answers is echo-v1 with probability p, evaluated by the real kind. */
  function failChance(params: unknown, n: number, p: number): number {
    let chance = 0;
    let term = (1 - p) ** n; // C(n,0) p^0 (1-p)^n, then the next term from the previous
    for (let k = 0; k <= n; k++) {
      const samples = Array.from({ length: n }, (_, i) => ({ stdout: i < k ? 'echo-v1' : 'echo-v2', stderr: '', exitCode: 0, timedOut: false }));
      if (!share.evaluate(params, { samples, profile: 'kindnet' }).pass) chance += term;
      term = (term * (n - k) * p) / ((k + 1) * (1 - p));
    }
    return chance;
  }
  const shareParams = (stepId: string) =>
    (
      lesson.steps
        .find((s) => s.id === stepId)!
        .checks!.flatMap((c) => c.expect)
        .find((e) => expectationKey(e) === 'share')! as { share: { minSamples: number } }
    ).share;

  it('90/10 ± 0.07: a correct split fails less often than the 0.2% the text states, an 80/20 split fails the 83% it states', () => {
    const params = shareParams('weighted-split');
    const worst = Math.max(...Array.from({ length: 201 - params.minSamples }, (_, i) => failChance(params, params.minSamples + i, 0.9)));
    expect(worst).toBeLessThan(0.002); // with 190 answers (minSamples) the chance is highest: 1.8e-3
    // 166/200 = 0.83 sits exactly on the edge; share's comparison counts it in (it once failed it, giving 1.6e-3).
    expect(failChance(params, 200, 0.9)).toBeCloseTo(0.00082, 5);
    expect(failChance(params, 200, 0.8)).toBeCloseTo(0.83, 2);
    const explain = lesson.steps.find((s) => s.id === 'weighted-split')!.explain!;
    expect(explain.en).toContain('below 0.2%');
    expect(explain.ja).toContain('0.2% 未満');
    expect(explain.en).toContain('83%');
    expect(explain.ja).toContain('83%');
  });

  it('50/50 ± 0.12: the 90/10 route never passes it, so the challenge fails before its solution', () => {
    const params = shareParams('even-split');
    expect(1 - failChance(params, 200, 0.9)).toBeLessThan(1e-20);
    expect(failChance(params, 200, 0.5)).toBeLessThan(0.002);
  });
});

describe('lesson 04 on the search list', () => {
  it('says kind-config.yaml sets networking.dnsSearch: [] only because it does (kind v0.30.0 copies the host search domains otherwise)', () => {
    const explain = byId('04-').steps.find((s) => s.id === 'resolv-conf')!.explain!;
    expect(explain.en).toContain('networking.dnsSearch: []');
    expect(explain.ja).toContain('networking.dnsSearch: []');
    const config = parseYaml(readFileSync(join(LABS, '..', 'kind-config.yaml'), 'utf8')) as { networking?: { dnsSearch?: unknown } };
    expect(config.networking?.dnsSearch).toEqual([]);
  });
});
