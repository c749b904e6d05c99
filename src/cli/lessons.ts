// The lessons folder as commands see it: it must exist, a number must name one folder only.
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { duplicateNumbers } from '../lessons/lesson-folders.js';
import { loadAllLessons, lessonDirs, type LoadResult } from '../lessons/load.js';
import { manifestSchemaErrors } from '../lessons/manifest-schema.js';
import type { Lesson } from '../lessons/model.js';
import { sharedNamespaceErrors } from '../lessons/namespace-rules.js';
import { fill, messages } from '../ui/messages.js';
import type { Output } from '../ui/output.js';
import { UsageError } from './usage-error.js';

/** What loading lessons needs of the app. */
interface LessonsApp {
  labsDir: string;
  out: Output;
}

/** Throws UsageError (exit 2) when --labs / KINDLAB_LABS names no folder: an empty list would hide the typo. */
export async function requireLabsDir(app: LessonsApp): Promise<void> {
  const info = await stat(app.labsDir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(fill(app.out.t(messages.labsMissing), { dir: app.labsDir }));
}

/** Every lesson in the folder, with the ones that do not load (and duplicate numbers) as failures. */
export async function allLessons(app: LessonsApp, opts: { schemas?: boolean } = {}): ReturnType<typeof loadAllLessons> {
  await requireLabsDir(app);
  const loaded = await loadAllLessons(app.labsDir);
  if (!opts.schemas) return loaded;
  const checked = await Promise.all(loaded.lessons.map((lesson) => withSchemaCheck({ ok: true, lesson })));
  return {
    lessons: checked.flatMap((r) => (r.ok ? [r.lesson] : [])),
    failures: [...loaded.failures, ...checked.flatMap((r) => (r.ok ? [] : [r]))],
  };
}

/** The folder a lesson name (number, slug or id) points at; refuses a number two folders share. */
export async function lessonFolderFor(app: LessonsApp, found: { number: string; dir: string }): Promise<void> {
  const group = duplicateNumbers(await lessonDirs(app.labsDir)).find((g) => g.some((f) => f.dir === found.dir));
  if (group)
    throw new UsageError(
      fill(app.out.t(messages.duplicateNumber), { number: found.number, folders: group.map((f) => path.relative(process.cwd(), f.dir) || f.dir).join(', ') }),
    );
}

/**
 * A loaded lesson whose manifests the Kubernetes API schemas reject becomes a failure, file:line:column each.
 * With `cache`, manifests already found valid (same bytes, same kindlab) are not checked again: the
 * check costs about a second of cold start (schema modules), which `hint` or a dry run should not pay
 * every time. `validate` and `test` pass no cache and always check in full.
 */
export async function withSchemaCheck(result: LoadResult, cache?: { dir: string; salt: string }): Promise<LoadResult> {
  if (!result.ok) return result;
  // Cheap and about safety (reset deletes a lesson's namespaces): never cached.
  const owned = await sharedNamespaceErrors(result.lesson);
  if (owned.length) return { ok: false, file: result.lesson.file, errors: owned };
  const marker = cache ? await validMarker(result.lesson, cache) : undefined;
  if (marker && (await stat(marker).catch(() => undefined))) return result;
  const errors = await manifestSchemaErrors(result.lesson);
  if (errors.length) return { ok: false, file: result.lesson.file, errors };
  if (marker)
    await mkdir(path.dirname(marker), { recursive: true })
      .then(() => writeFile(marker, ''))
      .catch(() => undefined);
  return result;
}

async function validMarker(lesson: Lesson, cache: { dir: string; salt: string }): Promise<string> {
  const hash = createHash('sha256').update(cache.salt);
  for (const file of [...lesson.manifests.keys()].sort()) {
    hash.update(`\0${file}\0`).update(await readFile(path.resolve(lesson.dir, file)).catch(() => Buffer.from('\0missing')));
  }
  return path.join(cache.dir, 'valid-manifests', hash.digest('hex'));
}
