import { describe, expect, it } from 'vitest';
import { recordingIO, upContext } from '../../../../test/fakes/up-steps.js';
import { CommandFailed } from '../../process.js';
import { createCluster } from './create-cluster.js';

describe('up step create-cluster', () => {
  it('repair creates nothing', () => {
    expect(createCluster.plan(upContext({ action: 'repair' }))).toEqual([]);
  });

  it.each(['create', 'recreate'] as const)('%s: kind create cluster with the written config, --wait 0s, the create deadline', async (action) => {
    const ctx = upContext({ action, profile: 'calico-bgp' });
    const [task, ...more] = createCluster.plan(ctx);
    expect(more).toEqual([]);
    const argv = ['kind', 'create', 'cluster', '--name', 'kindlab', '--config', ctx.files.kindConfig, '--wait', '0s'];
    expect(task!.shown).toEqual(argv);
    expect(task!.title.en).toBe('Create kind cluster kindlab (3 nodes)');
    const { io, runs } = recordingIO();
    await task!.execute(io, new AbortController().signal);
    expect(runs).toEqual([{ argv, timeoutMs: 600_000 }]);
  });

  it("a failing kind create reports kind's own words", async () => {
    const stderr = 'ERROR: failed to create cluster: node(s) already exist for a cluster with the name "kindlab"\n';
    const { io } = recordingIO(() => ({ exitCode: 1, stderr }));
    const err = await createCluster
      .plan(upContext())[0]!
      .execute(io, new AbortController().signal)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandFailed);
    expect((err as CommandFailed).what).toBe('kind create cluster');
    expect((err as CommandFailed).output).toContain('node(s) already exist');
  });
});
