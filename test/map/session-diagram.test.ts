// In a guided run, a step's picture comes after its checks pass and before its explanation; a
// step whose checks fail draws none.
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadLesson } from '../../src/lessons/load.js';
import { runGuided, type SessionUI, type ProgressRecorder } from '../../src/engine/session.js';
import { initialBindings, type EngineContext } from '../../src/engine/step.js';
import { systemClock } from '../../src/engine/clock.js';
import type { Lesson } from '../../src/lessons/model.js';
import { labWorld } from './world.js';

async function lesson01(): Promise<Lesson> {
  const loaded = await loadLesson(path.resolve('labs/01-pod-network'));
  if (!loaded.ok) throw new Error('lesson 01 does not load');
  return loaded.lesson;
}

function recordingUI(events: string[]): SessionUI {
  return {
    stepHeader: (s) => void events.push(`header ${s.id}`),
    runTasks: async (tasks) => {
      for (const t of tasks) await t.run(new AbortController().signal);
    },
    check: async (_s, run) => run(),
    showOutcome: (s, o) => void events.push(`outcome ${s.id} ${o.pass ? 'pass' : 'fail'}`),
    showExplain: (s) => void events.push(`explain ${s.id}`),
    showDiagram: (s, d) => void events.push(`diagram ${s.id} ${d.ok ? d.diagram.kind : d.reason}`),
    showTask: () => {},
    showHint: () => {},
    pause: async () => 'quit',
    challenge: async () => 'later',
  };
}
const noRecord: ProgressRecorder = { step: async () => {}, hint: async () => {}, advance: async () => {}, lessonDone: async () => {} };

describe('a lesson picture in a guided run', () => {
  async function runNoNat(serverSees: string) {
    const lesson = await lesson01();
    // The check's window made short: a failing run ends at once instead of retrying for 30 s.
    const l: Lesson = { ...lesson, steps: lesson.steps.map((s) => (s.id === 'no-nat' ? { ...s, eventually: '1ms' } : s)) };
    const cluster = labWorld('kindnet');
    cluster.answer(['curl'], { stdout: serverSees });
    const bindings = initialBindings(l, cluster);
    bindings.set('clientIP', '10.244.1.2').set('serverIP', '10.244.2.5').set('clientNodeIP', ['172.18.0.3']);
    const ctx: EngineContext = { lesson: l, cluster, clock: systemClock, bindings };
    const events: string[] = [];
    await runGuided(
      ctx,
      l.steps.findIndex((s) => s.id === 'no-nat'),
      recordingUI(events),
      noRecord,
    );
    return events;
  }

  test('drawn after the checks pass, before the explanation', async () => {
    expect(await runNoNat('10.244.1.2:41234')).toEqual(['header no-nat', 'outcome no-nat pass', 'diagram no-nat podPath', 'explain no-nat']);
  });

  test('not drawn when the checks fail', async () => {
    expect(await runNoNat('172.18.0.3:41234')).toEqual(['header no-nat', 'outcome no-nat fail']);
  });
});
