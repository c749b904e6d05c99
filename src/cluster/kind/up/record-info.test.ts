import { describe, expect, it } from 'vitest';
import { recordingIO, upContext } from '../../../../test/fakes/up-steps.js';
import { CommandFailed } from '../../process.js';
import { recordInfo } from './record-info.js';

describe('up step record-info', () => {
  it("applies kube-system/kindlab-info with the profile and node image, labelled as kindlab's, from stdin", async () => {
    const ctx = upContext({ profile: 'calico-ipip' });
    const [task, ...more] = recordInfo.plan(ctx);
    expect(more).toEqual([]);
    const argv = ['kubectl', '--context', 'kind-kindlab', '-n', 'kube-system', 'apply', '-f', '-'];
    expect(task!.shown).toEqual(argv);
    const { io, runs } = recordingIO();
    await task!.execute(io, new AbortController().signal);
    expect(runs.map((r) => [r.argv, r.timeoutMs])).toEqual([[argv, 120_000]]);
    const cm = JSON.parse(runs[0]!.input!) as {
      kind: string;
      metadata: { name: string; namespace: string; labels: Record<string, string> };
      data: Record<string, string>;
    };
    expect(cm.kind).toBe('ConfigMap');
    expect(cm.metadata).toMatchObject({ name: 'kindlab-info', namespace: 'kube-system', labels: { 'app.kubernetes.io/managed-by': 'kindlab' } });
    expect(cm.data).toEqual({ profile: 'calico-ipip', nodeImage: ctx.summary.nodeImages[0] });
  });

  it('a refused apply fails up, so the next up sees the cluster as unfinished', async () => {
    const { io } = recordingIO(() => ({ exitCode: 1, stderr: 'error: forbidden' }));
    await expect(recordInfo.plan(upContext())[0]!.execute(io, new AbortController().signal)).rejects.toBeInstanceOf(CommandFailed);
  });
});
