// Which lesson folders a labs directory holds, and the ways a set of folders is wrong as a whole
// (two folders with one number). Only `lessonDirs` reads the disk; the rest takes folder paths.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Lesson folders (NN-slug) under a labs directory, in order. */
export async function lessonDirs(labsDir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(labsDir);
  } catch {
    return [];
  }
  const dirs: string[] = [];
  for (const name of entries.sort()) {
    if (!/^\d\d-[a-z0-9-]+$/.test(name)) continue;
    if ((await stat(path.join(labsDir, name)).catch(() => undefined))?.isDirectory()) dirs.push(path.join(labsDir, name));
  }
  return dirs;
}

export interface LessonFolder {
  id: string;
  number: string;
  slug: string;
  dir: string;
}

export function lessonFolder(dir: string): LessonFolder {
  const id = path.basename(dir);
  const [, number = '', slug = ''] = /^(\d\d)-(.*)$/.exec(id) ?? [];
  return { id, number, slug, dir };
}

/** Groups of folders that share a lesson number (`03-a`, `03-b`): `start 03` could not tell them apart. */
export function duplicateNumbers(dirs: string[]): LessonFolder[][] {
  const byNumber = new Map<string, LessonFolder[]>();
  for (const folder of dirs.map(lessonFolder)) byNumber.set(folder.number, [...(byNumber.get(folder.number) ?? []), folder]);
  return [...byNumber.values()].filter((group) => group.length > 1);
}
