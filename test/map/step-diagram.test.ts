// Lesson pictures (`diagram` on a step): drawn after the checks pass, from the cluster through the
// port (the fake cluster here), in the learner's language; the dry run draws them with
// placeholders; a picture that cannot be drawn is said and does not fail the step.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadLesson } from '../../src/lessons/load.js';
import type { Lesson, Step } from '../../src/lessons/model.js';
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

  test('lesson 05 svc-and-sep: the chains read with iptables-save -t nat in the hostNetwork node-netshoot Pod, through the port', async () => {
    const l = await lesson('05-kube-proxy-iptables');
    const cluster = labWorld('kindnet');
    // The node-netshoot Pod of lesson 05, on the worker whose rules it reads.
    cluster.objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'node-netshoot', namespace: 'lab-05' },
      spec: { nodeName: 'kindlab-worker', hostNetwork: true },
    } as never);
    const rules = readFileSync(new URL('../real-tools/fixtures/kube-proxy-nat.rules', import.meta.url), 'utf8');
    cluster.answer(['iptables-save', '-t', 'nat'], { stdout: rules });
    const ctx: EngineContext = { lesson: l, cluster, clock: systemClock, bindings: initialBindings(l, cluster) };
    let shown: DrawnDiagram | undefined;
    await showStepDiagram(stepOf(l, 'svc-and-sep'), ctx, { showDiagram: (_s, d) => void (shown = d) });
    const exec = cluster.calls.filter((c) => c.op === 'exec').map((c) => c.detail as { target: unknown; argv: string[] });
    expect(exec).toEqual([{ target: { pod: 'node-netshoot', namespace: 'lab-05' }, argv: ['iptables-save', '-t', 'nat'], timeoutMs: 30_000 }]);
    if (!shown?.ok || shown.diagram.kind !== 'serviceChain') throw new Error('no serviceChain');
    expect(shown.diagram.node).toBe('kindlab-worker');
    expect(shown.diagram.picture.entries[0]!.endpoints).toHaveLength(3);
  });

  test('a Service in another namespace (lesson 08: kube-dns in kube-system): each port its own KUBE-SERVICES entry', async () => {
    const l = await lesson('08-coredns');
    const step = stepOf(l, 'kube-dns');
    expect(step.diagram).toEqual({ serviceChain: { service: 'kube-dns', namespace: 'kube-system', pod: 'node-netshoot' } });
    const cluster = labWorld('kindnet');
    // Written for this test in kube-proxy's shape (as kube-proxy-nat.rules), not recorded.
    const rules = [
      '*nat',
      '-A KUBE-SERVICES -d 10.96.0.10/32 -p udp -m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU',
      '-A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m comment --comment "kube-system/kube-dns:dns-tcp cluster IP" -m tcp --dport 53 -j KUBE-SVC-ERIFXISQEP7F7OF4',
      '-A KUBE-SVC-TCOU7JCQXEZGVUNU -m comment --comment "kube-system/kube-dns:dns -> 10.244.0.2:53" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-YIL6JZP7A3QYXJU2',
      '-A KUBE-SVC-TCOU7JCQXEZGVUNU -m comment --comment "kube-system/kube-dns:dns -> 10.244.0.3:53" -j KUBE-SEP-6E7XQMQ4RAYOWTTM',
      '-A KUBE-SEP-YIL6JZP7A3QYXJU2 -p udp -m comment --comment "kube-system/kube-dns:dns" -m udp -j DNAT --to-destination 10.244.0.2:53',
      '-A KUBE-SEP-6E7XQMQ4RAYOWTTM -p udp -m comment --comment "kube-system/kube-dns:dns" -m udp -j DNAT --to-destination 10.244.0.3:53',
      'COMMIT',
    ].join('\n');
    cluster.answer(['iptables-save', '-t', 'nat'], { stdout: rules });
    const ctx: EngineContext = { lesson: l, cluster, clock: systemClock, bindings: initialBindings(l, cluster) };
    let shown: DrawnDiagram | undefined;
    await showStepDiagram(step, ctx, { showDiagram: (_s, d) => void (shown = d) });
    if (!shown?.ok || shown.diagram.kind !== 'serviceChain') throw new Error(JSON.stringify(shown));
    expect(shown.diagram.picture.service).toBe('kube-system/kube-dns');
    expect(shown.diagram.picture.entries.map((e) => [e.port, e.protocol, e.endpoints.map((x) => x.dnat)])).toEqual([
      ['53', 'udp', ['10.244.0.2:53', '10.244.0.3:53']],
      ['53', 'tcp', []],
    ]);
  });

  test('lesson 08 forward: the node name walks the search list (with {{cluster}} filled in)', async () => {
    const l = await lesson('08-coredns');
    expect(stepOf(l, 'forward').diagram).toEqual({ dnsSearch: { pod: 'netshoot', name: '{{cluster}}-control-plane' } });
    const plan = dryRun(l, 'kindnet');
    const d = plan.steps.find((s) => s.id === 'forward')!.diagram!;
    if (d.kind !== 'dnsSearch') throw new Error('not dnsSearch');
    expect(d.picture.tries.map((x) => x.name)).toEqual([
      '{{cluster}}-control-plane.lab-08.svc.cluster.local.',
      '{{cluster}}-control-plane.svc.cluster.local.',
      '{{cluster}}-control-plane.cluster.local.',
      '{{cluster}}-control-plane.',
    ]);
  });

  test('a picture that cannot be drawn says why and does not throw (the step has passed)', async () => {
    const l = await lesson('05-kube-proxy-iptables');
    const cluster = labWorld('kindnet');
    cluster.answer(['iptables-save', '-t', 'nat'], { stderr: 'iptables-save: not found', exitCode: 127 });
    const d = await drawn(l, stepOf(l, 'svc-and-sep'), cluster);
    // No node-netshoot object in this world: the picture names the Pod it read from.
    expect(d).toEqual({ ok: false, reason: 'iptables-save -t nat on node-netshoot: iptables-save: not found' });
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
