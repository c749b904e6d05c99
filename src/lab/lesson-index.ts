// What `list` shows of each lesson (title, duration, profiles, step count), remembered by content
// so a list does not parse and validate every lesson again (YAML and zod were most of its cold
// start). Never trusted blindly: an entry counts only when a hash of every file in the lesson's
// folder and of kindlab's own lesson-loading code matches, and only if it has the right shape.
// Anything else (a changed or new file, two folders with one number, a damaged cache) loads every
// lesson in full, as before; lessons that do not load are never remembered, so their errors are
// always current. `validate`, `start` and the other commands load lessons in full as they did.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { duplicateNumbers, lessonDirs } from './lesson-folders.js';
import { readRegularBytes } from './regular-file.js';
import type { LoadResult } from './load.js';
import type { Lesson } from './model.js';
import type { Text } from '../core/text.js';

export interface LessonSummary {
  id: string;
  number: string;
  slug: string;
  title: Text;
  durationMinutes: number;
  profiles: Lesson['profiles'];
  stepCount: number;
}

export type LessonFailure = Extract<LoadResult, { ok: false }>;

const FORMAT = 1;
export const LESSON_INDEX_FILE = 'lesson-index.json';

interface IndexFile {
  format: number;
  code: string;
  entries: Record<string, { fingerprint: string; summary: LessonSummary }>;
}

export function summaryOf(lesson: Lesson): LessonSummary {
  return { id: lesson.id, number: lesson.number, slug: lesson.slug, title: lesson.title, durationMinutes: lesson.durationMinutes, profiles: lesson.profiles, stepCount: lesson.steps.length };
}

/** Every file under a folder (sorted, relative), with its bytes: a changed, added or removed file changes the hash. */
async function folderFingerprint(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) await walk(child);
      // readRegularBytes: a FIFO in a lesson folder must not make `list` wait forever for a writer.
      else hash.update(`\0${child}\0`).update(await readRegularBytes(path.join(dir, child)).catch(() => Buffer.from('\0not a readable regular file')));
    }
  };
  await walk('');
  return hash.digest('hex');
}

/** kindlab's lesson-loading code (this folder of the build): another kindlab, or a changed rule, is another index. */
let codeHash: Promise<string> | undefined;
function codeFingerprint(): Promise<string> {
  codeHash ??= folderFingerprint(path.dirname(fileURLToPath(import.meta.url))).catch(() => 'unknown');
  return codeHash;
}

const isText = (t: unknown): t is Text => !!t && typeof (t as Text).ja === 'string' && typeof (t as Text).en === 'string';
function isSummary(s: unknown): s is LessonSummary {
  const v = s as LessonSummary;
  return !!v && typeof v.id === 'string' && typeof v.number === 'string' && typeof v.slug === 'string' && isText(v.title)
    && Number.isInteger(v.durationMinutes) && Array.isArray(v.profiles) && v.profiles.every((p) => typeof p === 'string') && Number.isInteger(v.stepCount);
}

async function readIndex(file: string, code: string): Promise<IndexFile['entries']> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as IndexFile;
    if (parsed?.format !== FORMAT || parsed.code !== code || !parsed.entries || typeof parsed.entries !== 'object') return {};
    return parsed.entries;
  } catch {
    return {};
  }
}

/** Written whole to a temporary file, then renamed: a reader sees the old index or the new one. */
async function writeIndex(file: string, index: IndexFile): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(tmp, JSON.stringify(index));
    await rename(tmp, file);
  } catch {
    // A cache that cannot be written (read-only home) only costs speed.
  }
}

/**
 * The lessons under `labsDir` as `list` shows them, with the ones that do not load as failures
 * (what `loadAllLessons` returns). `cacheDir` holds the index; the labs folder must exist.
 */
export async function lessonIndex(labsDir: string, cacheDir: string): Promise<{ lessons: LessonSummary[]; failures: LessonFailure[]; fromCache: boolean }> {
  const file = path.join(cacheDir, LESSON_INDEX_FILE);
  const dirs = await lessonDirs(labsDir);
  const [code, prints] = await Promise.all([codeFingerprint(), Promise.all(dirs.map((dir) => folderFingerprint(dir).catch(() => undefined)))]);
  const entries = await readIndex(file, code);
  const cached = dirs.map((dir, i) => {
    const entry = entries[path.resolve(dir)];
    return prints[i] !== undefined && entry?.fingerprint === prints[i] && isSummary(entry.summary) ? entry.summary : undefined;
  });
  if (cached.every((s): s is LessonSummary => s !== undefined) && duplicateNumbers(dirs).length === 0) {
    return { lessons: cached, failures: [], fromCache: true };
  }
  const { loadAllLessons } = await import('./load.js');
  const { lessons, failures } = await loadAllLessons(labsDir);
  const fresh: IndexFile['entries'] = {};
  for (const lesson of lessons) {
    const i = dirs.findIndex((dir) => path.resolve(dir) === lesson.dir);
    if (i >= 0 && prints[i] !== undefined) fresh[lesson.dir] = { fingerprint: prints[i]!, summary: summaryOf(lesson) };
  }
  await writeIndex(file, { format: FORMAT, code, entries: fresh });
  return { lessons: lessons.map(summaryOf), failures, fromCache: false };
}
