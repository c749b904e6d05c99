// The offline bundle's format: manifest.json lists every file with its sha256. `bundle load` checks
// every file before loading anything, so a truncated USB copy is refused rather than half-loaded.
// (The check guards against corruption, not against someone who can also rewrite manifest.json.)
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { runProcess } from '../process.js';
import { SetupProblem } from './problem.js';
import { sha256File } from './verified-download.js';

export const BUNDLE_FORMAT = 'kindlab-bundle/v1';

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  createdAt: string;
  images: Array<{
    ref: string;
    file: string;
    sha256: string;
    loadIntoNodes: boolean;
    /** Digest-pinned images only: the local tag the archive also names, so the image keeps a name on engines that drop the digest. */
    tag?: string;
    /** Digest-pinned images only: `docker image inspect --format {{.Id}} ref` where the bundle was made. */
    imageId?: string;
  }>;
  addons: Array<{ name: string; version: string; file: string; sha256: string }>;
}

/** A file name for an image archive: `nicolaka/netshoot:v0.13` → `nicolaka_netshoot_v0.13.tar`. */
export function archiveName(ref: string): string {
  return `${ref.replace(/@sha256:[0-9a-f]{64}$/, '').replace(/[^A-Za-z0-9._-]+/g, '_')}.tar`;
}

export interface BundleOptions {
  env?: Record<string, string | undefined>;
  runner?: typeof runProcess;
  timeoutMs?: number;
  now?: () => Date;
}

export async function readBundleManifest(dir: string): Promise<BundleManifest> {
  let raw: string;
  try {
    raw = await readFile(join(dir, 'manifest.json'), 'utf8');
  } catch {
    throw new SetupProblem(
      'bundle-missing',
      { ja: `${dir} はバンドルではありません`, en: `${dir} is not a bundle` },
      { ja: 'フォルダの中の manifest.json', en: 'manifest.json in the folder' },
      { ja: 'manifest.json がありません', en: 'no manifest.json' },
      { ja: '`kindlab bundle create DIR` で作ったフォルダを指定してください。', en: 'Point to a folder made by `kindlab bundle create DIR`.' },
    );
  }
  const manifest = JSON.parse(raw) as BundleManifest;
  if (manifest.format !== BUNDLE_FORMAT) {
    throw new SetupProblem('bundle-format', { ja: 'バンドルの形式が違います', en: 'Unknown bundle format' }, BUNDLE_FORMAT, String(manifest.format), {
      ja: '同じ版の kindlab でバンドルを作り直してください。',
      en: 'Recreate the bundle with the same kindlab version.',
    });
  }
  return manifest;
}

/** Every file's sha256 against manifest.json; throws one SetupProblem naming every bad file. */
export async function verifyBundle(dir: string, manifest: BundleManifest): Promise<void> {
  const bad: string[] = [];
  for (const entry of [...manifest.images, ...manifest.addons]) {
    const actual = await sha256File(join(dir, entry.file)).catch(() => 'missing');
    if (actual !== entry.sha256) bad.push(`${entry.file} (${actual === 'missing' ? 'missing' : `sha256 ${actual}`})`);
  }
  if (bad.length > 0) {
    throw new SetupProblem(
      'bundle-checksum',
      { ja: 'バンドルのファイルが壊れているか欠けています。何も読み込んでいません', en: 'Bundle files are damaged or missing; nothing was loaded' },
      { ja: 'manifest.json のとおりのすべての sha256', en: 'every sha256 as listed in manifest.json' },
      bad.join(', '),
      {
        ja: 'バンドルをもう一度コピーしてください（USB コピーの途中切れがよくある原因です）。',
        en: 'Copy the bundle again (an interrupted USB copy is the usual cause).',
      },
    );
  }
}
