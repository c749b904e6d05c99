import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calicoPin as pin, noCluster, recordingIO, upContext } from '../../../../test/fakes/up-steps.js';
import { runQuietly } from '../../../../test/fakes/run-quietly.js';
import type { TaskTiming } from '../task-timing.js';
import { stepTasks, UP_STEPS } from './up.js';

const FIXTURE = new URL('../../../../test/contract/fakes-lifecycle/calico-shaped.yaml', import.meta.url).pathname;

function calicoIO(answer?: Parameters<typeof recordingIO>[0]) {
  const fake = recordingIO(answer, { '/verified/calico.yaml': readFileSync(FIXTURE, 'utf8') });
  fake.io.ensureCalicoManifest = async () => ({ path: '/verified/calico.yaml', pin });
  return fake;
}

describe('kindlab up is a list of named steps', () => {
  it('in this order: config, Calico manifest, (delete), create, context, (start), preload, CNI, waits, info', () => {
    expect(UP_STEPS.map((s) => s.name)).toEqual([
      'write-config',
      'prepare-calico',
      'delete-old-cluster',
      'create-cluster',
      'restore-context',
      'start-nodes',
      'preload-images',
      'install-calico',
      'wait-for-cluster',
      'record-info',
    ]);
  });

  it('recreate on Calico with --preload: every step that has work runs, through the task runner, in order; preload right after create', async () => {
    const preload = { preloadImages: ['nicolaka/netshoot:v0.14'] };
    const ctx = upContext({ profile: 'calico-vxlan', action: 'recreate', state: { ...noCluster, exists: true }, opts: preload });
    const { io, runs, writes } = calicoIO();
    const timings: TaskTiming[] = [];
    const tasks = stepTasks(UP_STEPS, ctx, io, timings);
    await runQuietly(tasks);
    expect(writes.map((w) => w.path)).toEqual([ctx.files.kindConfig, ctx.files.calico]);
    const k = ['kubectl', '--context', 'kind-kindlab'];
    expect(runs.map((r) => r.argv)).toEqual([
      ['kind', 'delete', 'cluster', '--name', 'kindlab'],
      ['kind', 'create', 'cluster', '--name', 'kindlab', '--config', ctx.files.kindConfig, '--wait', '0s'],
      ['kubectl', 'config', 'use-context', 'work'],
      ['kind', 'load', 'docker-image', '--name', 'kindlab', 'nicolaka/netshoot:v0.14'],
      [...k, 'apply', '--server-side', '-f', ctx.files.calico],
      [...k, 'wait', '--for=condition=Ready', 'node', '--all', '--timeout=300s'],
      [...k, '-n', 'kube-system', 'rollout', 'status', 'daemonset/calico-node', '--timeout=300s'],
      [...k, '-n', 'kube-system', 'rollout', 'status', 'deployment/calico-kube-controllers', '--timeout=300s'],
      [...k, '-n', 'kube-system', 'rollout', 'status', 'deployment/coredns', '--timeout=180s'],
      [...k, '-n', 'kube-system', 'apply', '-f', '-'],
    ]);
    // Every command a task runs is the one it shows.
    expect(tasks.flatMap((t) => (t.shown ? [t.shown] : []))).toEqual(runs.map((r) => r.argv));
    expect(timings.map((t) => [t.title.en, t.outcome])).toEqual(tasks.map((t) => [t.title.en, 'done']));
  });

  it('repair of a reachable kindnet cluster: only the waits and the info record', async () => {
    const ctx = upContext({ action: 'repair', state: { ...noCluster, exists: true, reachable: true }, nodeImages: [], contextBefore: undefined });
    const tasks = stepTasks(UP_STEPS, ctx, recordingIO().io, []);
    expect(tasks.map((t) => t.title.en)).toEqual([
      'Write the kind config for kindnet',
      'Wait until every node is Ready',
      'Wait until kindnet runs on every node',
      'Wait until CoreDNS is Ready',
      'Record the profile in kube-system/kindlab-info',
    ]);
  });

  it('a failing step stops up there: its duration is kept as failed and no later step runs', async () => {
    const ctx = upContext();
    const { io, runs } = recordingIO((argv) => (argv[1] === 'create' ? { exitCode: 1, stderr: 'ERROR: failed to create cluster' } : {}));
    const timings: TaskTiming[] = [];
    await expect(runQuietly(stepTasks(UP_STEPS, ctx, io, timings))).rejects.toThrow('kind create cluster failed');
    expect(timings.map((t) => t.outcome)).toEqual(['done', 'failed']);
    expect(runs.map((r) => r.argv[1])).toEqual(['create']);
  });
});
