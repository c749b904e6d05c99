// Lesson 10's picture: which arrows the NetworkPolicy lets through and which it drops, coloured by
// what the step's own checks observed (their pass and their output), in ja/en, text and SVG.
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { drawStepDiagram } from '../../src/engine/diagram/live.js';
import { dryRun } from '../../src/engine/dry-run.js';
import { initialBindings, type EngineContext } from '../../src/engine/step.js';
import { systemClock } from '../../src/engine/clock.js';
import type { PollOutcome } from '../../src/engine/poll.js';
import { loadLesson } from '../../src/lessons/load.js';
import { renderDiagramText } from '../../src/ui/map/diagram-text.js';
import { renderDiagramSvg } from '../../src/ui/map/diagram-svg.js';
import { svgTextBoxes } from './svg-boxes.js';
import { labWorld } from './world.js';

async function lesson10() {
  const loaded = await loadLesson(path.resolve('labs/10-networkpolicy'));
  if (!loaded.ok) throw new Error('lesson 10 does not load');
  return loaded.lesson;
}
const check = (output: string, pass: boolean) => ({ shown: ['kubectl', 'exec', '…'], output, samples: 1, results: [], pass });

describe('flows picture (lesson 10)', () => {
  test("others-still-denied: intruder dropped (curl timed out), frontend through (200), from the checks' own outputs", async () => {
    const l = await lesson10();
    const step = l.steps.find((s) => s.id === 'others-still-denied')!;
    const cluster = labWorld('kindnet');
    const ctx: EngineContext = { lesson: l, cluster, clock: systemClock, bindings: initialBindings(l, cluster) };
    const outcome: PollOutcome = {
      pass: true,
      tries: 4,
      elapsedMs: 8000,
      captures: [],
      checks: [check('curl: (28) Connection timed out after 2002 milliseconds', true), check('200', true)],
    };
    const d = await drawStepDiagram(step.diagram!, ctx, outcome);
    expect(d).toMatchObject({
      kind: 'flows',
      to: 'web',
      arrows: [
        { from: 'intruder', through: false, observed: 'curl: (28) Connection timed out after 2002 milliseconds' },
        { from: 'frontend', through: true, observed: '200' },
      ],
    });
    for (const lang of ['ja', 'en'] as const)
      await expect(renderDiagramText(d, { lang, width: 80, ascii: false })).toMatchFileSnapshot(`__snapshots__/flows-${lang}-80.txt`);
    expect(renderDiagramText(d, { lang: 'en', width: 80, ascii: true })).toContain('intruder --x dropped--X web');
    const svg = renderDiagramSvg(d, 'ja');
    expect(XMLValidator.validate(svg)).toBe(true);
    const { boxes } = svgTextBoxes(svg);
    const clashes: string[] = [];
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 && clashes.push(`${a.text} / ${b.text}`)),
    );
    expect(clashes).toEqual([]);
    expect(boxes.map((b) => b.text)).toContain('✗ 落とされる');
  });

  test('an arrow whose check failed is drawn as the opposite of what it expected', async () => {
    const l = await lesson10();
    const step = l.steps.find((s) => s.id === 'others-still-denied')!;
    const cluster = labWorld('kindnet');
    const ctx: EngineContext = { lesson: l, cluster, clock: systemClock, bindings: initialBindings(l, cluster) };
    const outcome: PollOutcome = { pass: false, tries: 1, elapsedMs: 10, captures: [], checks: [check('200', false), check('200', true)] };
    const d = await drawStepDiagram(step.diagram!, ctx, outcome);
    if (d.kind !== 'flows') throw new Error('not flows');
    expect(d.arrows[0]).toEqual({ from: 'intruder', through: true, observed: '200' });
  });

  test('the dry run draws the arrows as the lesson expects them', async () => {
    const d = dryRun(await lesson10(), 'kindnet').steps.find((s) => s.id === 'open')!.diagram!;
    expect(renderDiagramText(d, { lang: 'en', width: 80, ascii: false })).toContain('monitor (lab-10-other) ──✓ gets through──▶ web\n');
  });
});
