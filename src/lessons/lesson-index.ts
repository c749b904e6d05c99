// What `list` shows of each lesson (title, duration, profiles, step count), remembered by content
// so a list does not parse and validate every lesson again (YAML and zod were most of its cold
// start). Never trusted blindly: an entry counts only when a hash of every file in the lesson's
// folder and of kindlab's own lesson-loading code matches, and only if it has the right shape.
// Anything else (a changed or new file, two folders with one number, a damaged cache) loads every
// lesson in full, as before; lessons that do not load are never remembered, so their errors are
// always current. `validate`, `start` and the other commands load lessons in full as they did.
// Reading every file for the hash cost `list` more than the rest of its work, so a folder's hash is
// reused while a stamp of its files (names, device, inode, size, mtime and ctime, as git's index
// does) is unchanged and older than RACY_MS; otherwise its files are read and hashed again. ctime
// cannot be set by a user: a same-size edit with the mtime put back still changes it. Not
// detected: a change that leaves all of them as they were (the system clock set back, or a disk
// written under the file system). docs/performance.md says more.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
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

const FORMAT = 2;
export const LESSON_INDEX_FILE = 'lesson-index.json';
/**
 * A file changed this recently is hashed, never judged by its stamp: an edit right after the stamp
 * was taken could keep its mtime and ctime (one clock tick; 2 s on FAT).
 */
export const RACY_MS = 3000;

interface IndexFile {
  format: number;
  code: string;
  /** Stamp of kindlab's lesson-loading code when `code` was hashed. */
  codeStamp?: string;
  entries: Record<string, { fingerprint: string; stamp?: string; summary: LessonSummary }>;
}

export interface LessonIndexOptions {
  /** The clock (ms) the racy rule reads. */
  now?: () => number;
  /** Told each folder whose files are read and hashed (the stamp did not vouch for it). */
  onContentRead?: (dir: string) => void;
}

export function summaryOf(lesson: Lesson): LessonSummary {
  return {
    id: lesson.id,
    number: lesson.number,
    slug: lesson.slug,
    title: lesson.title,
    durationMinutes: lesson.durationMinutes,
    profiles: lesson.profiles,
    stepCount: lesson.steps.length,
  };
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

/**
 * Names, device, inode, size, mtime and ctime (ns) of every file under a folder, hashed; undefined
 * when a file changed within RACY_MS of `nowMs` (or in the future) or the folder cannot be read.
 */
function folderStamp(dir: string, nowMs: number): string | undefined {
  const hash = createHash('sha256');
  const walk = (rel: string): boolean => {
    const entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) {
        if (!walk(child)) return false;
        continue;
      }
      const st = statSync(path.join(dir, child), { bigint: true });
      if (Number(st.ctimeMs) > nowMs - RACY_MS || Number(st.mtimeMs) > nowMs - RACY_MS) return false;
      hash.update(`\0${child}\0${st.mode}:${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`);
    }
    return true;
  };
  try {
    return walk('') ? hash.digest('hex') : undefined;
  } catch {
    return undefined;
  }
}

/** A folder's content hash: the one remembered with `known.stamp` if the folder's stamp is still that, else read anew. */
async function fingerprintOf(dir: string, known: { fingerprint?: string; stamp?: string } | undefined, options: LessonIndexOptions) {
  const stamp = folderStamp(dir, (options.now ?? Date.now)());
  if (stamp !== undefined && known?.stamp === stamp && typeof known.fingerprint === 'string') return { fingerprint: known.fingerprint, stamp, read: false };
  options.onContentRead?.(dir);
  // Stamped before reading: a file changed while it is read leaves a stamp that no longer matches.
  return { fingerprint: await folderFingerprint(dir).catch(() => undefined), stamp, read: true };
}

/** kindlab's lesson-loading code (this folder of the build): another kindlab, or a changed rule, is another index. */
const codeDir = path.dirname(fileURLToPath(import.meta.url));

const isText = (t: unknown): t is Text => !!t && typeof (t as Text).ja === 'string' && typeof (t as Text).en === 'string';
function isSummary(s: unknown): s is LessonSummary {
  const v = s as LessonSummary;
  return (
    !!v &&
    typeof v.id === 'string' &&
    typeof v.number === 'string' &&
    typeof v.slug === 'string' &&
    isText(v.title) &&
    Number.isInteger(v.durationMinutes) &&
    Array.isArray(v.profiles) &&
    v.profiles.every((p) => typeof p === 'string') &&
    Number.isInteger(v.stepCount)
  );
}

async function readIndex(file: string): Promise<Partial<IndexFile>> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as IndexFile;
    if (parsed?.format !== FORMAT || typeof parsed.code !== 'string' || !parsed.entries || typeof parsed.entries !== 'object') return {};
    return parsed;
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
export async function lessonIndex(
  labsDir: string,
  cacheDir: string,
  options: LessonIndexOptions = {},
): Promise<{ lessons: LessonSummary[]; failures: LessonFailure[]; fromCache: boolean }> {
  const file = path.join(cacheDir, LESSON_INDEX_FILE);
  const [dirs, index] = await Promise.all([lessonDirs(labsDir), readIndex(file)]);
  const code = await fingerprintOf(codeDir, { fingerprint: index.code, stamp: index.codeStamp }, options);
  const entries = code.fingerprint !== undefined && code.fingerprint === index.code ? (index.entries ?? {}) : {};
  const prints = await Promise.all(dirs.map((dir) => fingerprintOf(dir, entries[path.resolve(dir)], options)));
  const cached = dirs.map((dir, i) => {
    const entry = entries[path.resolve(dir)];
    return prints[i]!.fingerprint !== undefined && entry?.fingerprint === prints[i]!.fingerprint && isSummary(entry.summary) ? entry.summary : undefined;
  });
  const codeFingerprint = code.fingerprint ?? 'unknown';
  if (cached.every((s): s is LessonSummary => s !== undefined) && duplicateNumbers(dirs).length === 0) {
    // Files read for want of a stamp (changed lately, or an older index): remember their stamps now, so the next list reads none.
    if ([code, ...prints].some((p) => p.read && p.stamp !== undefined)) {
      const restamped: IndexFile['entries'] = {};
      dirs.forEach((dir, i) => (restamped[path.resolve(dir)] = { fingerprint: prints[i]!.fingerprint!, stamp: prints[i]!.stamp, summary: cached[i]! }));
      await writeIndex(file, { format: FORMAT, code: codeFingerprint, codeStamp: code.stamp, entries: restamped });
    }
    return { lessons: cached, failures: [], fromCache: true };
  }
  const { loadAllLessons } = await import('./load.js');
  const { lessons, failures } = await loadAllLessons(labsDir);
  const fresh: IndexFile['entries'] = {};
  for (const lesson of lessons) {
    const i = dirs.findIndex((dir) => path.resolve(dir) === lesson.dir);
    const print = prints[i];
    if (print?.fingerprint !== undefined) fresh[lesson.dir] = { fingerprint: print.fingerprint, stamp: print.stamp, summary: summaryOf(lesson) };
  }
  await writeIndex(file, { format: FORMAT, code: codeFingerprint, codeStamp: code.stamp, entries: fresh });
  return { lessons: lessons.map(summaryOf), failures, fromCache: false };
}
