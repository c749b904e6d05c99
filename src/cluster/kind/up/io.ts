// The real side effects of `up`'s steps: processes through runProcess (or a test's recorder), files on disk.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { commandRunner, type LifecycleOptions } from '../lifecycle-options.js';
import { ensureCalicoManifest } from '../profiles/calico-manifest.js';
import type { UpIO } from './step.js';

export function realUpIO(opts: LifecycleOptions): UpIO {
  return {
    run: commandRunner(opts),
    writeFile: async (path, text) => {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
    },
    readFile: (path) => readFile(path, 'utf8'),
    ensureCalicoManifest,
  };
}
