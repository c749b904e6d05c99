import { describe, expect, it } from 'vitest';
import { recordingIO, upContext } from '../../../../test/fakes/up-steps.js';
import { LabArgv } from '../lifecycle-options.js';
import { SetupProblem } from '../problem.js';
import { labAccess, readCurrentContext, restoreContext } from './restore-context.js';

const signal = new AbortController().signal;

describe('up step restore-context', () => {
  it("puts the user's current-context back with use-context, on the query deadline", async () => {
    const [task, ...more] = restoreContext.plan(upContext({ contextBefore: { before: 'work' } }));
    expect(more).toEqual([]);
    expect(task!.shown).toEqual(['kubectl', 'config', 'use-context', 'work']);
    expect(task!.title.en).toBe('Put your kubectl current-context back to "work"');
    const { io, runs } = recordingIO();
    await task!.execute(io, signal);
    expect(runs).toEqual([{ argv: ['kubectl', 'config', 'use-context', 'work'], timeoutMs: 30_000 }]);
  });

  it('none was set before: unsets the one kind set; a kindlab kubeconfig is the one edited', () => {
    const opts = { clusterName: 'kindlab', kubeconfig: '/tmp/k' };
    const [task] = restoreContext.plan(upContext({ contextBefore: { before: null }, opts, argv: new LabArgv(opts) }));
    expect(task!.shown).toEqual(['kubectl', '--kubeconfig', '/tmp/k', 'config', 'unset', 'current-context']);
  });

  it("nothing to restore when the lab's context was already current, on repair, or when it was never read", () => {
    expect(restoreContext.plan(upContext({ contextBefore: { before: 'kind-kindlab' } }))).toEqual([]);
    expect(restoreContext.plan(upContext({ action: 'repair' }))).toEqual([]);
    expect(restoreContext.plan(upContext({ contextBefore: undefined }))).toEqual([]);
  });

  it('when kubectl cannot put it back: says the cluster exists and gives the command to do it by hand', async () => {
    const { io } = recordingIO(() => ({ exitCode: 1, stderr: 'error: no context exists with the name: "work"' }));
    const err = (await restoreContext
      .plan(upContext())[0]!
      .execute(io, signal)
      .catch((e: unknown) => e)) as SetupProblem;
    expect(err).toBeInstanceOf(SetupProblem);
    expect(err.code).toBe('context-not-restored');
    expect(err.observed).toContain('no context exists');
    expect(err.fix.en).toContain('To go back: kubectl config use-context work');
    expect(err.fix.ja).toContain('kubectl config use-context work');
  });
});

describe('readCurrentContext', () => {
  const argv = new LabArgv({ clusterName: 'kindlab' });
  it('reads the current-context, or null when kubectl says none is set', async () => {
    expect(await readCurrentContext(recordingIO(() => ({ stdout: 'work\n' })).io.run, argv, 30_000)).toEqual({ before: 'work' });
    const unset = recordingIO(() => ({ exitCode: 1, stderr: 'error: current-context is not set\n' }));
    expect(await readCurrentContext(unset.io.run, argv, 30_000)).toEqual({ before: null });
    expect(unset.runs).toEqual([{ argv: ['kubectl', 'config', 'current-context'], timeoutMs: 30_000 }]);
  });

  it('a kubeconfig kubectl cannot read stops up before kind touches it', async () => {
    const broken = recordingIO(() => ({ exitCode: 1, stderr: 'error: error loading config file "/home/u/.kube/config": yaml: line 3' }));
    const err = (await readCurrentContext(broken.io.run, argv, 30_000).catch((e: unknown) => e)) as SetupProblem;
    expect(err.code).toBe('kubeconfig-unreadable');
    expect(err.observed).toContain('error loading config file');
  });
});

describe('labAccess', () => {
  it("names the lab context and what happened to the user's", () => {
    expect(labAccess('kindlab', 'work').en).toBe(
      'Your kubectl current-context stays "work". Reach the lab cluster by naming its context: kubectl --context kind-kindlab get nodes',
    );
    expect(labAccess('kindlab', null).ja).toBe(
      'kubectl の current-context は未設定のままです。ラボのクラスタを kubectl で操作するときは --context を付けます: kubectl --context kind-kindlab get nodes',
    );
    expect(labAccess('kindlab', undefined).en).toBe('Reach the lab cluster by naming its context: kubectl --context kind-kindlab get nodes');
    expect(labAccess('kindlab', 'kind-kindlab')).toEqual(labAccess('kindlab', undefined));
  });
});
