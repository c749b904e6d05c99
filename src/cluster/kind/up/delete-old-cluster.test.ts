import { describe, expect, it } from 'vitest';
import { recordingIO, upContext } from '../../../../test/fakes/up-steps.js';
import { CommandFailed } from '../../process.js';
import { LabArgv } from '../lifecycle-options.js';
import { deleteOldCluster } from './delete-old-cluster.js';

describe('up step delete-old-cluster', () => {
  it.each(['create', 'repair'] as const)('%s deletes nothing', (action) => {
    expect(deleteOldCluster.plan(upContext({ action }))).toEqual([]);
  });

  it('recreate deletes the named cluster only, with the delete deadline, through the lab kubeconfig when given', async () => {
    const opts = { clusterName: 'kindlab', kubeconfig: '/tmp/lab.kubeconfig' };
    const ctx = upContext({ action: 'recreate', opts, argv: new LabArgv(opts) });
    const [task, ...more] = deleteOldCluster.plan(ctx);
    expect(more).toEqual([]);
    const argv = ['kind', 'delete', 'cluster', '--name', 'kindlab', '--kubeconfig', '/tmp/lab.kubeconfig'];
    expect(task!.shown).toEqual(argv);
    const { io, runs } = recordingIO();
    await task!.execute(io, new AbortController().signal);
    expect(runs).toEqual([{ argv, timeoutMs: 180_000 }]);
  });

  it("a failed delete stops up with kind's words", async () => {
    const { io } = recordingIO(() => ({ exitCode: 1, stderr: 'ERROR: failed to delete cluster "kindlab"' }));
    const err = await deleteOldCluster
      .plan(upContext({ action: 'recreate' }))[0]!
      .execute(io, new AbortController().signal)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandFailed);
    expect((err as CommandFailed).output).toContain('failed to delete cluster');
  });
});
