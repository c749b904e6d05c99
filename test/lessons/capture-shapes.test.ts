// Every check of every course lesson run through the engine's own path with bindings of the shape
// each capture really has on a cluster (a selector read or filtered path binds a list, as
// readCapture does), so a list can never reach a node name, a pod name or a one-value parameter.
// The unit tests of the expectations bind plain strings; this is where the captured shapes meet them.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cluster, ExecTarget } from '../../src/cluster/port.js';
import { runCheck } from '../../src/engine/checks.js';
import type { Bindings } from '../../src/engine/templating.js';
import { captureShape } from '../../src/lessons/capture-shapes.js';
import { loadAllLessons } from '../../src/lessons/load.js';

const LABS = path.resolve('labs');

/** A cluster that records what the engine hands it and answers with nothing. */
function recordingCluster(calls: { target: ExecTarget; argv: string[] }[]): Cluster {
  return {
    profile: 'kindnet',
    context: 'kind-kindlab',
    nodeName: (name: string) => name,
    exec: async (target: ExecTarget, argv: string[]) => {
      calls.push({ target, argv });
      return { stdout: '', stderr: '', exitCode: 0, timedOut: false, durationMs: 0 };
    },
    read: async () => [],
  } as unknown as Cluster;
}

describe('captured lists never reach a place that takes one value', async () => {
  const { lessons, failures } = await loadAllLessons(LABS);
  it('all 13 lessons load', () => {
    expect(failures.map((f) => f.errors.map((e) => e.message)).flat()).toEqual([]);
    expect(lessons).toHaveLength(13);
  });

  for (const lesson of lessons) {
    it(`${lesson.id}: every run target and argv element is one string, every expectation gets valid parameters`, async () => {
      // Each capture bound as a value of its real shape: one → a string, list → a one-element list.
      const bindings: Bindings = new Map([
        ['namespace', lesson.namespace],
        ['profile', 'kindnet'],
        ['cluster', 'kindlab'],
      ]);
      const problems: string[] = [];
      for (const step of lesson.steps) {
        for (const [name, capture] of Object.entries(step.capture ?? {})) {
          const placeholder = `{{${name}}}`; // still accepted wherever the lesson schema takes a template
          bindings.set(name, captureShape(capture).shape === 'list' ? [placeholder] : placeholder);
        }
        for (const [i, check] of (step.checks ?? []).entries()) {
          const calls: { target: ExecTarget; argv: string[] }[] = [];
          const result = await runCheck(check, { cluster: recordingCluster(calls), namespace: lesson.namespace, bindings }, 'kindnet');
          const where = `${step.id} check ${i}`;
          if (result.notRun) problems.push(`${where}: not run: ${result.notRun.en}`);
          for (const { target, argv } of calls) {
            const names = 'node' in target ? [target.node] : [target.pod, target.namespace, target.container ?? ''];
            for (const n of names) if (typeof n !== 'string') problems.push(`${where}: target ${JSON.stringify(n)} is not one string`);
            for (const a of argv) if (typeof a !== 'string' || a.includes(',{{')) problems.push(`${where}: argv element ${JSON.stringify(a)}`);
          }
          for (const r of result.results) {
            if (r.verdict.expected.endsWith('with valid parameters')) problems.push(`${where}: ${r.key} got ${r.verdict.observed}: ${r.verdict.differs}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
