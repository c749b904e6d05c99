import { describe, expect, it } from 'vitest';
import { recordingIO, upContext } from '../../../../test/fakes/up-steps.js';
import { CommandFailed } from '../../process.js';
import { installCalico } from './install-calico.js';

describe('up step install-calico', () => {
  it('kindnet installs nothing (kind installs kindnet)', () => {
    expect(installCalico.plan(upContext())).toEqual([]);
  });

  it.each(['calico-vxlan', 'calico-ipip', 'calico-bgp'] as const)('%s: server-side apply of the prepared manifest on the lab context', async (profile) => {
    const ctx = upContext({ profile });
    const [task, ...more] = installCalico.plan(ctx);
    expect(more).toEqual([]);
    const argv = ['kubectl', '--context', 'kind-kindlab', 'apply', '--server-side', '-f', ctx.files.calico];
    expect(task!.shown).toEqual(argv);
    const { io, runs } = recordingIO();
    await task!.execute(io, new AbortController().signal);
    expect(runs).toEqual([{ argv, timeoutMs: 120_000 }]);
  });

  it("a refused apply stops up with kubectl's words", async () => {
    const { io } = recordingIO(() => ({ exitCode: 1, stderr: 'error: the server could not find the requested resource' }));
    const err = await installCalico
      .plan(upContext({ profile: 'calico-vxlan' }))[0]!
      .execute(io, new AbortController().signal)
      .catch((e: unknown) => e);
    expect((err as CommandFailed).output).toContain('could not find the requested resource');
  });
});
