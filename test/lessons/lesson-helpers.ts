// Shared by the lesson tests: where lessons live, and how to read them and their manifests as written.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import type { LessonFile } from '../../src/lessons/schema.js';

export const LABS = join(import.meta.dirname, '..', '..', 'labs');

export function lessonDirs(): string[] {
  return readdirSync(LABS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^0[1-9]-/.test(d.name) && existsSync(join(LABS, d.name, 'lesson.yaml')))
    .map((d) => d.name)
    .sort();
}

/** The lesson as written (not schema-checked: the loader test below does that, with file:line errors). */
export function rawLesson(dir: string): LessonFile {
  return parseYaml(readFileSync(join(LABS, dir, 'lesson.yaml'), 'utf8')) as LessonFile;
}

export function manifestObjects(dir: string, file: string): Record<string, any>[] {
  const text = readFileSync(join(LABS, dir, file), 'utf8');
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as Record<string, any> | null)
    .filter((o): o is Record<string, any> => o !== null && typeof o === 'object');
}
