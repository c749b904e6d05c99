// The lessons folder as commands see it: it must exist, a number must name one folder only.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { duplicateNumbers } from '../lab/lesson-folders.js';
import { loadAllLessons, lessonDirs } from '../lab/load.js';
import { fill, messages } from '../ui/messages.js';
import type { App } from './app.js';
import { UsageError } from './command.js';

/** Throws UsageError (exit 2) when --labs / KINDLAB_LABS names no folder: an empty list would hide the typo. */
export async function requireLabsDir(app: Pick<App, 'labsDir' | 'out'>): Promise<void> {
  const info = await stat(app.labsDir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(fill(app.out.t(messages.labsMissing), { dir: app.labsDir }));
}

/** Every lesson in the folder, with the ones that do not load (and duplicate numbers) as failures. */
export async function allLessons(app: Pick<App, 'labsDir' | 'out'>): ReturnType<typeof loadAllLessons> {
  await requireLabsDir(app);
  return loadAllLessons(app.labsDir);
}

/** The folder a lesson name (number, slug or id) points at; refuses a number two folders share. */
export async function lessonFolderFor(app: Pick<App, 'labsDir' | 'out'>, found: { number: string; dir: string }): Promise<void> {
  const group = duplicateNumbers(await lessonDirs(app.labsDir)).find((g) => g.some((f) => f.dir === found.dir));
  if (group) throw new UsageError(fill(app.out.t(messages.duplicateNumber), { number: found.number, folders: group.map((f) => path.relative(process.cwd(), f.dir) || f.dir).join(', ') }));
}
