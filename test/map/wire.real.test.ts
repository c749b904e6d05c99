// A Pod-to-Pod picture bound to what the step's tcpdump check saw (lesson field `wire`): the real
// `tcpdump -n -r` reads an IP-in-IP capture (built by test/real-tools/pcap.ts, as Calico's tunl0
// sends it), and the picture shows the outer node addresses and the inner Pod addresses.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { runProcess } from '../../src/cluster/process.js';
import { drawStepDiagram } from '../../src/engine/diagram/live.js';
import { placeholderDiagram } from '../../src/engine/diagram/placeholder.js';
import { initialBindings, type EngineContext } from '../../src/engine/step.js';
import { systemClock } from '../../src/engine/clock.js';
import type { PollOutcome } from '../../src/engine/poll.js';
import { loadLesson } from '../../src/lessons/load.js';
import { renderDiagramText } from '../../src/ui/map/diagram-text.js';
import { ipipPcap } from '../real-tools/pcap.js';
import { describeRealTools } from '../real-tools/harness.js';
import { labWorld } from './world.js';

describeRealTools('the packet the tcpdump check saw, in the picture', ['tcpdump'], () => {
  test("IPIP: outer 172.18.0.3 → 172.18.0.4, inner 10.244.1.2 → 10.244.2.5, from the check's own output", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kindlab-wire-'));
    try {
      const file = path.join(dir, 'ipip.pcap');
      writeFileSync(file, ipipPcap(['172.18.0.3', '172.18.0.4'], ['10.244.1.2', '10.244.2.5'], 3));
      const tcpdump = await runProcess(['tcpdump', '-n', '-r', file], { timeoutMs: 10_000 });
      expect(tcpdump.exitCode, tcpdump.stderr).toBe(0);
      const loaded = await loadLesson(path.resolve('labs/09-pod-to-pod-paths'));
      if (!loaded.ok) throw new Error('lesson 09 does not load');
      const step = loaded.lesson.steps.find((s) => s.id === 'on-the-wire')!;
      expect(step.diagram).toEqual({ podPath: { from: 'pinger', to: 'target', nodes: 'different', wire: 0 } });
      const cluster = labWorld('kindnet');
      const ctx: EngineContext = {
        lesson: { ...loaded.lesson, namespace: 'lab-01' },
        cluster,
        clock: systemClock,
        bindings: initialBindings(loaded.lesson, cluster),
      };
      const outcome: PollOutcome = {
        pass: true,
        tries: 1,
        elapsedMs: 5,
        captures: [],
        checks: [{ shown: ['tcpdump'], output: tcpdump.stdout, samples: 1, results: [], pass: true }],
      };
      // The lab world's Pods stand in for pinger and target: the wire comes from the check's output either way.
      const d = await drawStepDiagram({ podPath: { from: 'netshoot', to: 'server', wire: 0 } }, ctx, outcome);
      if (d.kind !== 'podPath' || !d.wire) throw new Error(JSON.stringify(d));
      expect(d.wire).toMatchObject({
        encapsulation: 'ipip',
        outer: { src: '172.18.0.3', dst: '172.18.0.4' },
        inner: { src: '10.244.1.2', dst: '10.244.2.5' },
        packets: 6,
      });
      const ja = renderDiagramText(d, { lang: 'ja', width: 80, ascii: false });
      expect(ja).toContain('外側: 172.18.0.3 → 172.18.0.4');
      expect(ja).toContain('内側: 10.244.1.2 → 10.244.2.5  ICMP echo request');
      const dry = placeholderDiagram(step.diagram!, loaded.lesson, 'calico-vxlan', 'kind-kindlab', (n) => n);
      expect(renderDiagramText(dry, { lang: 'en', width: 80, ascii: false })).toContain('outer: <nodeIP> → <nodeIP>  UDP 4789');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
