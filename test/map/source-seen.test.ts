// Lesson 13's pictures: LoadBalancer → node → Pod, with the source the Pod saw (the check's own
// output) named against the nodes read through the port: a node's IP under Cluster (SNAT), the
// load balancer's under Local with cloud-provider-kind's relaying load balancer.
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
import { labWorld } from './world.js';

async function setup(stepId: string, output: string, bind: Record<string, string>) {
  const loaded = await loadLesson(path.resolve('labs/13-loadbalancer-external-traffic'));
  if (!loaded.ok) throw new Error('lesson 13 does not load');
  const step = loaded.lesson.steps.find((s) => s.id === stepId)!;
  const cluster = labWorld('kindnet');
  const bindings = initialBindings(loaded.lesson, cluster);
  for (const [k, v] of Object.entries(bind)) bindings.set(k, v);
  const ctx: EngineContext = { lesson: loaded.lesson, cluster, clock: systemClock, bindings };
  const outcome: PollOutcome = {
    pass: true,
    tries: 1,
    elapsedMs: 30,
    captures: [],
    checks: [{ shown: ['docker', 'exec', 'kindlab-control-plane', 'curl'], output, samples: 1, results: [], pass: true }],
  };
  return { step, d: await drawStepDiagram(step.diagram!, ctx, outcome) };
}

describe('sourceSeen picture (lesson 13)', () => {
  test("Cluster: the Pod saw 172.18.0.3, which is kindlab-worker's InternalIP: kube-proxy's SNAT", async () => {
    const { d } = await setup('client-ip-cluster', '172.18.0.3:41234', { lbIP: '172.18.0.100' });
    expect(d).toMatchObject({
      kind: 'sourceSeen',
      policy: 'Cluster',
      lb: '172.18.0.100',
      seen: '172.18.0.3:41234',
      seenIs: 'node',
      seenNode: 'kindlab-worker',
    });
    for (const lang of ['ja', 'en'] as const)
      await expect(renderDiagramText(d, { lang, width: 80, ascii: false })).toMatchFileSnapshot(`__snapshots__/source-cluster-${lang}-80.txt`);
    expect(renderDiagramText(d, { lang: 'en', width: 160, ascii: false })).toContain("= node kindlab-worker's IP (kube-proxy rewrote it, SNAT)");
    expect(XMLValidator.validate(renderDiagramSvg(d, 'ja'))).toBe(true);
  });

  test("Local: the Pod saw the load balancer's own IP", async () => {
    const { d } = await setup('client-ip-local', '172.18.0.101:5555', { localIP: '172.18.0.101' });
    expect(d).toMatchObject({ kind: 'sourceSeen', policy: 'Local', seenIs: 'lb' });
    expect(renderDiagramText(d, { lang: 'ja', width: 160, ascii: false })).toContain('= ロードバランサーの IP (kube-proxy は書き換えていない)');
  });

  test('the dry run draws both with placeholders', async () => {
    const loaded = await loadLesson(path.resolve('labs/13-loadbalancer-external-traffic'));
    if (!loaded.ok) throw new Error('lesson 13 does not load');
    const plan = dryRun(loaded.lesson, 'kindnet');
    expect(plan.steps.filter((s) => s.diagram?.kind === 'sourceSeen').map((s) => s.id)).toEqual(['client-ip-cluster', 'client-ip-local']);
  });
});
