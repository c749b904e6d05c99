import { describe, expect, it } from 'vitest';
import { heldPort, settle, upContext } from '../../../../test/fakes/up-steps.js';
import { clusterWaits, waitForCluster } from './wait-for-cluster.js';

const CTX = ['kubectl', '--context', 'kind-kindlab'];
const KS = [...CTX, '-n', 'kube-system'];
/** A wait's command named by what it waits for: nodes, or the rolled-out object's name. */
const waitedFor = (argv: string[]) => argv.find((a) => a.includes('/'))?.split('/')[1] ?? 'nodes';

describe('up step wait-for-cluster', () => {
  it('kindnet: nodes Ready and kindnet together; CoreDNS once nodes are Ready; the deadlines of today', () => {
    const waits = clusterWaits(upContext());
    expect(waits.map((w) => [w.name, w.argv, w.timeoutMs, w.after])).toEqual([
      ['nodes-ready', [...CTX, 'wait', '--for=condition=Ready', 'node', '--all', '--timeout=300s'], 315_000, []],
      ['kindnet', [...KS, 'rollout', 'status', 'daemonset/kindnet', '--timeout=300s'], 315_000, []],
      ['coredns', [...KS, 'rollout', 'status', 'deployment/coredns', '--timeout=180s'], 195_000, ['nodes-ready']],
    ]);
    expect(waits.map((w) => w.title.en)).toEqual(['Wait until every node is Ready', 'Wait until kindnet runs on every node', 'Wait until CoreDNS is Ready']);
  });

  it('Calico: calico-node beside node Ready; calico-kube-controllers and CoreDNS after it', () => {
    const waits = clusterWaits(upContext({ profile: 'calico-vxlan', timeouts: { ...upContext().timeouts, rollout: 60_000 } }));
    expect(waits.map((w) => [w.name, w.argv.slice(-2), w.timeoutMs, w.after])).toEqual([
      ['nodes-ready', ['--all', '--timeout=300s'], 315_000, []],
      ['calico-node', ['daemonset/calico-node', '--timeout=60s'], 75_000, []],
      ['calico-kube-controllers', ['deployment/calico-kube-controllers', '--timeout=60s'], 75_000, ['nodes-ready']],
      ['coredns', ['deployment/coredns', '--timeout=180s'], 195_000, ['nodes-ready']],
    ]);
  });

  it('run on a held port: node Ready and calico-node are watched at once, the Deployments start when nodes are Ready', async () => {
    const port = heldPort(waitedFor);
    const tasks = waitForCluster.plan(upContext({ profile: 'calico-ipip' }));
    expect(tasks.map((t) => t.shown)).toEqual(clusterWaits(upContext({ profile: 'calico-ipip' })).map((w) => w.argv));
    const signal = new AbortController().signal;
    const first = tasks[0]!.execute(port.io, signal);
    await settle();
    await port.finish('calico-node');
    expect(port.events).toEqual(['start nodes', 'start calico-node', 'end calico-node']);
    await port.finish('nodes');
    await first;
    expect(port.events.slice(3)).toEqual(['end nodes', 'start calico-kube-controllers', 'start coredns']);
    await port.finish('coredns');
    await port.finish('calico-kube-controllers');
    for (const task of tasks.slice(1)) await task.execute(port.io, signal);
    expect(port.mostAtOnce()).toBe(2);
  });
});
