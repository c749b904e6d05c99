// What lessons tell a learner, checked against what is true on the pinned versions
// (docs/lessons-facts.md gives the source of each fact) and read the way kindlab shows it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectationKey } from '../../src/engine/checks.js';
import { loadLesson } from '../../src/lab/load.js';
import type { Lesson } from '../../src/lab/model.js';
import { PROFILES } from '../../src/lab/profiles.js';
import { Output } from '../../src/ui/output.js';
import { LABS } from './lesson-helpers.js';
import { readdirSync } from 'node:fs';

const dirs = readdirSync(LABS).filter((d) => /^\d\d-/.test(d)).sort();
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
  const denySteps = lesson.steps.filter((s) => (s.checks ?? []).some((c) => c.expect.some((e) => expectationKey(e) === 'curl.outcome' && JSON.stringify(e).includes('timeout'))));

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
        expect(calico.some((p) => text.includes(`--profile ${p}`)), `${lang}: names --profile calico-*`).toBe(true);
      }
      expect(step.hint!.en).toMatch(/fails? open/);
      expect(step.hint!.ja).toContain('フェイルオープン');
    });
  }
});
