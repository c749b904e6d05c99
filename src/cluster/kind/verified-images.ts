// Node images verified by `kindlab bundle load` under a tag, for engines that lose the digest.
// Docker's classic image store saves an image pulled by tag@digest with "RepoTags": null and, after
// `docker load`, keeps neither tag nor digest, so `docker image inspect name:tag@sha256:…` fails and
// kind pulls (kind v0.30.0 pkg/cluster/internal/providers/docker/images.go: pullIfNotPresent runs
// `docker inspect --type=image REF` and pulls only if it fails). The bundle therefore also saves
// the image under its tag and records its image ID (sha256 of its config, which the engine computes
// itself on `docker load`) in manifest.json; `bundle load` checks the tag names that ID and records
// the fact here, and `up` uses the tag only while it still names that ID.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isSeq, type Document } from 'yaml';
import { runProcess } from '../process.js';
import { cacheDir as defaultCacheDir } from '../../core/paths.js';
import { renderKindConfig } from './kind-config.js';
import type { NetworkingPatch } from './profiles/types.js';

export const VERIFIED_IMAGES_FILE = 'verified-node-images.json';
const FORMAT = 'kindlab-verified-images/v1';

export interface VerifiedImage {
  /** The local tag the image was loaded under, e.g. `kindest/node:v1.33.4`. */
  tag: string;
  /** `docker image inspect --format {{.Id}}` of the digest reference on the machine that made the bundle. */
  imageId: string;
  /** The bundle folder it came from. */
  bundle: string;
  verifiedAt: string;
}

interface VerifiedFile {
  format: typeof FORMAT;
  /** Keyed by the pinned digest reference (`name:tag@sha256:…`). */
  images: Record<string, VerifiedImage>;
}

/** The tag a digest-pinned reference is also saved under: `a/b:v1@sha256:…` → `a/b:v1` (`a/b@sha256:…` → `a/b:kindlab-<12 hex>`). */
export function tagFor(ref: string): string {
  const m = /^(.+)@sha256:([0-9a-f]{64})$/.exec(ref);
  if (!m) return ref;
  const name = m[1]!;
  const lastPart = name.slice(name.lastIndexOf('/') + 1);
  return lastPart.includes(':') ? name : `${name}:kindlab-${m[2]!.slice(0, 12)}`;
}

export const isDigestPinned = (ref: string) => /@sha256:[0-9a-f]{64}$/.test(ref);

export async function readVerifiedImages(cacheDir: string): Promise<Record<string, VerifiedImage>> {
  try {
    const parsed = JSON.parse(await readFile(join(cacheDir, VERIFIED_IMAGES_FILE), 'utf8')) as Partial<VerifiedFile>;
    return parsed.format === FORMAT && parsed.images && typeof parsed.images === 'object' ? parsed.images : {};
  } catch {
    return {}; // absent or unreadable: nothing is verified, so nothing is substituted
  }
}

/** Adds (or replaces) the record for `ref`; written to a temporary file and renamed, so a reader never sees half a file. */
export async function recordVerifiedImage(cacheDir: string, ref: string, image: VerifiedImage): Promise<void> {
  const images = { ...(await readVerifiedImages(cacheDir)), [ref]: image };
  await mkdir(cacheDir, { recursive: true });
  const file = join(cacheDir, VERIFIED_IMAGES_FILE);
  const temp = `${file}.${process.pid}.partial`;
  await writeFile(temp, JSON.stringify({ format: FORMAT, images } satisfies VerifiedFile, null, 2) + '\n');
  await rename(temp, file);
}

/** `docker image inspect --format {{.Id}} REF`: the image ID, or null when Docker has no such image. */
export async function localImageId(
  ref: string,
  opts: { env?: Record<string, string | undefined>; runner?: typeof runProcess; timeoutMs?: number; signal?: AbortSignal },
): Promise<{ id: string | null; detail: string }> {
  const r = await (opts.runner ?? runProcess)(['docker', 'image', 'inspect', '--format', '{{.Id}}', ref], {
    timeoutMs: opts.timeoutMs ?? 30_000,
    signal: opts.signal,
    env: opts.env,
  });
  const out = r.stdout.trim();
  return r.exitCode === 0 && out ? { id: out, detail: out } : { id: null, detail: (r.stderr || r.stdout).trim() || `exit ${r.exitCode}` };
}

export interface NodeImageChoice {
  /** The pinned reference in kind-config.yaml. */
  pinned: string;
  /** What the generated kind config names: the pinned reference, or the verified tag. */
  use: string;
  /** Set when `use` is the verified tag: the image ID it was checked to have. */
  imageId?: string;
}

/**
 * For each node image of kind-config.yaml: the pinned reference when Docker finds it (or when no
 * bundle verified a tag for it: then kind pulls, as online); the verified tag only when the pinned
 * reference is not found, a bundle recorded a tag for it, and that tag names the recorded image ID now.
 * Runs no command for an image with no record, so the online path is unchanged.
 */
export async function chooseNodeImages(
  pinned: string[],
  opts: { cacheDir: string; env?: Record<string, string | undefined>; runner?: typeof runProcess; timeoutMs?: number; signal?: AbortSignal },
): Promise<NodeImageChoice[]> {
  const records = await readVerifiedImages(opts.cacheDir);
  const choices: NodeImageChoice[] = [];
  for (const ref of pinned) {
    const record = isDigestPinned(ref) ? records[ref] : undefined;
    if (!record) {
      choices.push({ pinned: ref, use: ref });
      continue;
    }
    if ((await localImageId(ref, opts)).id !== null) {
      choices.push({ pinned: ref, use: ref });
      continue;
    }
    const byTag = await localImageId(record.tag, opts);
    choices.push(byTag.id === record.imageId ? { pinned: ref, use: record.tag, imageId: record.imageId } : { pinned: ref, use: ref });
  }
  return choices;
}

/** The kind config for a profile with each node `image:` as chosen; a substituted one says why in a comment. */
export function renderKindConfigWithNodeImages(base: Document, choices: NodeImageChoice[], patch: NetworkingPatch, profileName: string): string {
  const doc = base.clone();
  const nodes = doc.get('nodes');
  for (const choice of choices.filter((c) => c.use !== c.pinned)) {
    if (!isSeq(nodes)) break;
    for (const node of nodes.items) {
      if (!isMap(node) || node.get('image') !== choice.pinned) continue;
      node.set('image', choice.use);
    }
    const line = ` node image: ${choice.use} (image ID ${choice.imageId}, verified by kindlab bundle load) stands for ${choice.pinned}, which this Docker cannot find by digest.`;
    doc.commentBefore = doc.commentBefore ? `${line}\n${doc.commentBefore}` : line;
  }
  return renderKindConfig(doc, patch, profileName);
}

/** One image started by kindlab itself (`docker run`): the verified tag or the pinned reference, as chooseNodeImages decides; kindlab's cache by default. */
export async function verifiedLocalReference(
  ref: string,
  opts: { cacheDir?: string; env?: Record<string, string | undefined>; runner?: typeof runProcess; timeoutMs?: number; signal?: AbortSignal },
): Promise<string> {
  const cacheDir = opts.cacheDir ?? defaultCacheDir({ ...process.env, ...opts.env } as NodeJS.ProcessEnv);
  const [choice] = await chooseNodeImages([ref], { ...opts, cacheDir });
  return choice?.use ?? ref;
}
