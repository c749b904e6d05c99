// Lesson pictures (`diagram` on a step): drawn after the checks pass, from the cluster through the
// port (the fake cluster here), in the learner's language; the dry run draws them with
// placeholders; a picture that cannot be drawn is said and does not fail the step.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadLesson } from '../../src/lab/load.js';
import type { Lesson, Step } from '../../src/lab/model.js';
import { showStepDiagram, type DrawnDiagram } from '../../src/engine/session.js';
import { dryRun } from '../../src/engine/dry-run.js';
import { initialBindings, type EngineContext } from '../../src/engine/step.js';
import { systemClock } from '../../src/engine/clock.js';
import { renderDiagramText } from '../../src/ui/map/diagram-text.js';
import { runCli, tempHome } from '../cli/run-cli.js';
import { labWorld } from './world.js';

const labs = path.resolve('labs');
async function lesson(id: string): Promise<Lesson> {
  const loaded = await loadLesson(path.join(labs, id));
  if (!loaded.ok) throw new Error(loaded.errors.map(String).join('\n'));
  return loaded.lesson;
}
const stepOf = (l: Lesson, id: string): Step => l.steps.find((s) => s.id === id)!;

async function drawn(l: Lesson, step: Step, cluster = labWorld('kindnet')): Promise<DrawnDiagram> {
  const ctx: EngineContext = { lesson: { ...l, namespace: 'lab-01' }, cluster, clock: systemClock, bindings: initialBindings(l, cluster) };
  let shown: DrawnDiagram | undefined;
  await showStepDiagram(step, ctx, { showDiagram: (_s, d) => void (shown = d) });
  return shown!;
}

describe('lesson pictures', () => {
  test('lesson 01 no-nat: after the checks, the path netshoot → server across nodes with the real IPs, veths and route', async () => {
    const l = await lesson('01-pod-network');
    const d = await drawn(l, stepOf(l, 'no-nat'));
    expect(d.ok).toBe(true);
    if (!d.ok || d.diagram.kind !== 'podPath') throw new Error('no podPath');
    expect(d.diagram.path?.sameNode).toBe(false);
    expect(d.diagram.path?.route).toBe('10.244.2.0/24 via 172.18.0.4 dev eth0');
    const en = renderDiagramText(d.diagram, { lang: 'en', width: 80, ascii: false });
    await expect(en).toMatchFileSnapshot('__snapshots__/lesson-01-no-nat-en-80.txt');
    expect(en).toContain('netshoot 10.244.1.2 → veth5e2a1b3c → kindlab-worker 172.18.0.3 → eth0 via');
    const ja = renderDiagramText(d.diagram, { lang: 'ja', width: 80, ascii: false });
    await expect(ja).toMatchFileSnapshot('__snapshots__/lesson-01-no-nat-ja-80.txt');
    expect(ja).toContain('ノードをまたぐ:');
  });

  test('lesson 01 same-node-path: the neighbor path stays on one node (veth to veth)', async () => {
    const l = await lesson('01-pod-network');
    const d = await drawn(l, stepOf(l, 'same-node-path'));
    if (!d.ok || d.diagram.kind !== 'podPath') throw new Error('no podPath');
    expect(d.diagram.path?.sameNode).toBe(true);
    expect(d.diagram.path?.hops.map((h) => h.label)).toEqual(['netshoot', 'veth5e2a1b3c', 'kindlab-worker', 'vethd41f09aa', 'neighbor']);
  });

  test('lesson 05 svc-and-sep: the chains read with iptables-save -t nat on the worker through the port', async () => {
    const l = await lesson('05-kube-proxy-iptables');
    const cluster = labWorld('kindnet');
    const rules = readFileSync(new URL('../real-tools/fixtures/kube-proxy-nat.rules', import.meta.url), 'utf8');
    cluster.answer(['iptables-save', '-t', 'nat'], { stdout: rules });
    const ctx: EngineContext = { lesson: l, cluster, clock: systemClock, bindings: initialBindings(l, cluster) };
    let shown: DrawnDiagram | undefined;
    await showStepDiagram(stepOf(l, 'svc-and-sep'), ctx, { showDiagram: (_s, d) => void (shown = d) });
    const exec = cluster.calls.filter((c) => c.op === 'exec').map((c) => c.detail as { target: unknown; argv: string[] });
    expect(exec).toEqual([{ target: { node: 'kindlab-worker' }, argv: ['iptables-save', '-t', 'nat'], timeoutMs: 30_000 }]);
    if (!shown?.ok || shown.diagram.kind !== 'serviceChain') throw new Error('no serviceChain');
    expect(shown.diagram.picture.entries[0]!.endpoints).toHaveLength(3);
  });

  test('a picture that cannot be drawn says why and does not throw (the step has passed)', async () => {
    const l = await lesson('05-kube-proxy-iptables');
    const cluster = labWorld('kindnet');
    cluster.answer(['iptables-save', '-t', 'nat'], { stderr: 'iptables-save: not found', exitCode: 127 });
    const d = await drawn(l, stepOf(l, 'svc-and-sep'), cluster);
    expect(d).toEqual({ ok: false, reason: 'iptables-save -t nat on kindlab-worker: iptables-save: not found' });
  });

  test('the dry run carries each picture with placeholders, drawn as the step arranges the Pods', async () => {
    const plan = dryRun(await lesson('01-pod-network'), 'calico-vxlan');
    const across = plan.steps.find((s) => s.id === 'no-nat')!.diagram!;
    const same = plan.steps.find((s) => s.id === 'same-node-path')!.diagram!;
    expect(across).toMatchObject({ kind: 'podPath', placeholder: true, path: { sameNode: false } });
    expect(same).toMatchObject({ kind: 'podPath', placeholder: true, path: { sameNode: true } });
    const text = renderDiagramText(across, { lang: 'en', width: 80, ascii: false });
    expect(text).toContain('vxlan.calico → eth0');
    expect(text).toContain('<podIP>');
  });

  test('kindlab start 03 --dry-run draws the Service picture in Japanese, with no cluster', async () => {
    const home = await tempHome();
    try {
      const run = await runCli(['start', '03', '--dry-run', '--lang', 'ja'], { home: home.home, env: { KINDLAB_LABS: labs }, noCluster: true });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('図: Service lab-03/hello-svc を kube-proxy のチェーンでたどる');
      expect(run.stdout).toContain('KUBE-SVC-<hash>');
      expect(run.stdout).toContain('(ドライラン: <…> は実行時にクラスタから読む値)');
    } finally {
      await home.cleanup();
    }
  });
});
