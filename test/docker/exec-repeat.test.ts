// A repeated node run (`run: { node: worker, repeat: 200 }`) through the real adapter on the real
// Docker engine: one `docker exec` for all samples, the script run by the container's BusyBox sh.
// The "node" is a container named as kind names its nodes, from the local busybox image (kind
// itself is not run; a kind node is Debian with coreutils). mktemp, base64 and rm are linked to
// BusyBox's applets first, as netshoot (Alpine) has them.
import { expect, it } from 'vitest';
import { runSamples } from '../../src/engine/checks.js';
import type { RunFile } from '../../src/lessons/schema.js';
import { busyboxWorkerNode } from './busybox-node.js';
import { describeDocker, uniqueName } from './engine.js';

const clusterName = uniqueName('rep');

describeDocker('a repeated node run is one docker exec', (docker) => {
  const node = busyboxWorkerNode(docker, clusterName);
  const { worker } = node;

  const ctx = () => ({ cluster: node.cluster, namespace: 'lab-09', bindings: new Map() });
  // Each sample prints its pid on stdout and stderr and exits with pid mod 3.
  const script = 'echo "$$"; echo "err $$" >&2; exit $(($$ % 3))';

  it('200 samples are one docker exec, each with its own output and exit code', async () => {
    for (const applet of ['mktemp', 'base64', 'rm']) await docker.must(['exec', worker, '/bin/busybox', 'ln', '-sf', '/bin/busybox', `/bin/${applet}`]);
    docker.flush();
    const run = { node: 'worker', argv: ['sh', '-c', script], repeat: 200 } as RunFile;
    const { samples } = await runSamples(run, ctx());
    const calls = docker.flush();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.slice(0, 5)).toEqual(['docker', 'exec', worker, 'sh', '-c']);
    expect(samples).toHaveLength(200);
    for (const s of samples) {
      const pid = Number(s.stdout);
      expect(s).toEqual({ stdout: `${pid}\n`, stderr: `err ${pid}\n`, exitCode: pid % 3, timedOut: false });
    }
    expect(new Set(samples.map((s) => s.stdout)).size).toBe(200);
  });

  it('a sample past its timeout is killed inside the container and marked; the others answer', async () => {
    docker.flush();
    const run = {
      node: 'worker',
      argv: ['sh', '-c', 'if mkdir /tmp/slow-once 2>/dev/null; then exec sleep 30; fi; echo fast'],
      repeat: 6,
      timeout: '1s',
    } as RunFile;
    const started = Date.now();
    const { samples } = await runSamples(run, ctx());
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(samples.filter((s) => s.timedOut)).toEqual([{ stdout: '', stderr: '', exitCode: 124, timedOut: true }]);
    expect(samples.filter((s) => !s.timedOut).map((s) => s.stdout)).toEqual(Array(5).fill('fast\n'));
    expect(docker.flush()).toHaveLength(1);
  });
});
