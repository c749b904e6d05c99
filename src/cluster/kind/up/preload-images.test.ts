import { describe, expect, it } from 'vitest';
import { recordingIO, upContext } from '../../../../test/fakes/up-steps.js';
import { CommandFailed } from '../../process.js';
import { preloadImages } from './preload-images.js';

describe('up step preload-images', () => {
  it('nothing to load without --preload or when no image is local', () => {
    expect(preloadImages.plan(upContext())).toEqual([]);
    expect(preloadImages.plan(upContext({ opts: { preloadImages: [] } }))).toEqual([]);
  });

  it('every image in one kind load call (kind loads into all nodes at once), with the load deadline', async () => {
    const images = ['quay.io/calico/node:v3.31.3', 'nicolaka/netshoot:v0.14'];
    const [task, ...more] = preloadImages.plan(upContext({ opts: { preloadImages: images } }));
    expect(more).toEqual([]);
    const argv = ['kind', 'load', 'docker-image', '--name', 'kindlab', ...images];
    expect(task!.shown).toEqual(argv);
    const { io, runs } = recordingIO();
    await task!.execute(io, new AbortController().signal);
    expect(runs).toEqual([{ argv, timeoutMs: 600_000 }]);
  });

  it('a failed load stops up', async () => {
    const { io } = recordingIO(() => ({ exitCode: 1, stderr: 'ERROR: image: "x" not present locally' }));
    const task = preloadImages.plan(upContext({ opts: { preloadImages: ['x'] } }))[0]!;
    await expect(task.execute(io, new AbortController().signal)).rejects.toBeInstanceOf(CommandFailed);
  });
});
