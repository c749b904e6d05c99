// Which pinned images are already in the host's Docker, so an attendee learns before the day
// (not at the venue) whether `kindlab up` will need the network.
import { runProcess } from '../process.js';
import type { PinnedImage } from './images.js';

export interface ImagePresence {
  ref: string;
  present: boolean;
  /** docker's own words when absent (e.g. "No such image"). */
  detail?: string;
}

export async function imagesPresent(
  images: PinnedImage[],
  opts: { env?: Record<string, string | undefined>; signal?: AbortSignal; runner?: typeof runProcess },
): Promise<ImagePresence[]> {
  const run = opts.runner ?? runProcess;
  const results: ImagePresence[] = [];
  for (const image of images) {
    const result = await run(['docker', 'image', 'inspect', '--format', '{{.Id}}', image.ref], { timeoutMs: 20_000, signal: opts.signal, env: opts.env });
    results.push(result.exitCode === 0 ? { ref: image.ref, present: true } : { ref: image.ref, present: false, detail: (result.stderr || result.stdout).trim().split('\n')[0] });
  }
  return results;
}
