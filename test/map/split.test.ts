// Lesson 12's picture: the weighted split as bars, from the `share` verdict the step's check
// produced (its tally is the real expectation's own text, evaluated here on 200 samples).
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { drawStepDiagram } from '../../src/engine/diagram/live.js';
import { splitFrom } from '../../src/engine/diagram/readings.js';
import { kindByKey } from '../../src/expectations/index.js';
import { initialBindings, type EngineContext } from '../../src/engine/step.js';
import { systemClock } from '../../src/engine/clock.js';
import type { PollOutcome } from '../../src/engine/poll.js';
import { loadLesson } from '../../src/lessons/load.js';
import { renderDiagramText } from '../../src/ui/map/diagram-text.js';
import { renderDiagramSvg } from '../../src/ui/map/diagram-svg.js';
import { labWorld } from './world.js';

describe('split picture (lesson 12)', () => {
  test('weighted-split: 167 of 200 answers from echo-v1 drawn as 83.5% beside the expected 90% ± 7%', async () => {
    const loaded = await loadLesson(path.resolve('labs/12-gateway-api'));
    if (!loaded.ok) throw new Error('lesson 12 does not load');
    const step = loaded.lesson.steps.find((s) => s.id === 'weighted-split')!;
    expect(step.diagram).toEqual({ split: { check: 0 } });
    const params = { value: 'echo-v1', expected: 0.9, tolerance: 0.07, minSamples: 190 };
    const samples = [...Array(167).fill('echo-v1'), ...Array(33).fill('echo-v2')].map((stdout: string) => ({
      stdout,
      stderr: '',
      exitCode: 0,
      timedOut: false,
    }));
    const verdict = kindByKey('share')!.evaluate(params, { samples, profile: 'kindnet' });
    expect(verdict.pass).toBe(true);
    expect(splitFrom(verdict.observed)).toEqual({
      answers: [
        { value: 'echo-v1', count: 167 },
        { value: 'echo-v2', count: 33 },
      ],
      total: 200,
    });
    const cluster = labWorld('kindnet');
    const ctx: EngineContext = { lesson: loaded.lesson, cluster, clock: systemClock, bindings: initialBindings(loaded.lesson, cluster) };
    const outcome: PollOutcome = {
      pass: true,
      tries: 1,
      elapsedMs: 9000,
      captures: [],
      checks: [
        { shown: ['kubectl', 'exec', 'netshoot', '--', 'curl'], output: 'echo-v1', samples: 200, results: [{ key: 'share', params, verdict }], pass: true },
      ],
    };
    const d = await drawStepDiagram(step.diagram!, ctx, outcome);
    for (const lang of ['ja', 'en'] as const)
      await expect(renderDiagramText(d, { lang, width: 80, ascii: false })).toMatchFileSnapshot(`__snapshots__/split-${lang}-80.txt`);
    const en = renderDiagramText(d, { lang: 'en', width: 80, ascii: false });
    expect(en).toContain('echo-v1 ' + '█'.repeat(33) + '░'.repeat(7) + ' 83.5% (167/200)');
    expect(en).toContain('expected: echo-v1 90% ± 7%');
    expect(XMLValidator.validate(renderDiagramSvg(d, 'ja'))).toBe(true);
  });
});
