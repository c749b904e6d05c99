import { describe, expect, it } from 'vitest';
import { noCluster, recordingIO, upContext } from '../../../../test/fakes/up-steps.js';
import { CommandFailed } from '../../process.js';
import { startNodes } from './start-nodes.js';

const containers = ['kindlab-control-plane', 'kindlab-worker', 'kindlab-worker2'];
const stopped = { ...noCluster, exists: true, nodeContainers: containers, reachable: false };

describe('up step start-nodes', () => {
  it('repair of a cluster whose API does not answer starts every node container, with the docker start deadline', async () => {
    const [task, ...more] = startNodes.plan(upContext({ action: 'repair', state: stopped }));
    expect(more).toEqual([]);
    expect(task!.shown).toEqual(['docker', 'start', ...containers]);
    const { io, runs } = recordingIO();
    await task!.execute(io, new AbortController().signal);
    expect(runs).toEqual([{ argv: ['docker', 'start', ...containers], timeoutMs: 60_000 }]);
  });

  it('nothing to start when the API answers, when kind knows no node container, or when the cluster is made anew', () => {
    expect(startNodes.plan(upContext({ action: 'repair', state: { ...stopped, reachable: true } }))).toEqual([]);
    expect(startNodes.plan(upContext({ action: 'repair', state: { ...stopped, nodeContainers: [] } }))).toEqual([]);
    expect(startNodes.plan(upContext({ action: 'recreate', state: stopped }))).toEqual([]);
  });

  it("a docker start that fails stops up with docker's words", async () => {
    const { io } = recordingIO(() => ({ exitCode: 1, stderr: 'Error response from daemon: No such container: kindlab-worker' }));
    const err = await startNodes
      .plan(upContext({ action: 'repair', state: stopped }))[0]!
      .execute(io, new AbortController().signal)
      .catch((e: unknown) => e);
    expect((err as CommandFailed).output).toContain('No such container');
  });
});
