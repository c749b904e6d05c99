// Which pinned images are already in the host's Docker, so an attendee learns before the day
// (not at the venue) whether `kindlab up` will need the network.
import { runProcess } from '../process.js';
import { cacheDir as defaultCacheDir } from '../../core/paths.js';
import type { PinnedImage } from './images.js';
import { localImageId, readVerifiedImages } from './verified-images.js';

export interface ImagePresence {
  ref: string;
  present: boolean;
  /** docker's own words when absent (e.g. "No such image"). */
  detail?: string;
}

export async function imagesPresent(
  images: PinnedImage[],
  opts: {
    env?: Record<string, string | undefined>;
    signal?: AbortSignal;
    runner?: typeof runProcess;
    /** Where `bundle load` recorded verified tags; kindlab's cache by default. */ cacheDir?: string;
  },
): Promise<ImagePresence[]> {
  const run = opts.runner ?? runProcess;
  const results: ImagePresence[] = [];
  let verified: Awaited<ReturnType<typeof readVerifiedImages>> | undefined;
  for (const image of images) {
    const result = await run(['docker', 'image', 'inspect', '--format', '{{.Id}}', image.ref], { timeoutMs: 20_000, signal: opts.signal, env: opts.env });
    if (result.exitCode === 0) {
      results.push({ ref: image.ref, present: true });
      continue;
    }
    // An engine that dropped the digest on `docker load`: present if bundle load verified its tag
    // and the tag still has the recorded image ID (what `up` will then name in the kind config).
    verified ??= await readVerifiedImages(opts.cacheDir ?? defaultCacheDir({ ...process.env, ...opts.env } as NodeJS.ProcessEnv));
    const record = verified[image.ref];
    const byTag = record ? await localImageId(record.tag, { env: opts.env, runner: run, timeoutMs: 20_000, signal: opts.signal }) : undefined;
    results.push(
      record && byTag?.id === record.imageId
        ? { ref: image.ref, present: true, detail: `${record.tag} = ${record.imageId}` }
        : { ref: image.ref, present: false, detail: (result.stderr || result.stdout).trim().split('\n')[0] },
    );
  }
  return results;
}
