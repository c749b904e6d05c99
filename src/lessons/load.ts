// Loads lesson folders: lesson.yaml with positions (yaml-positions.ts), schema validation
// (schema-issues.ts), and the checks that must fail at load time rather than mid-lesson: id/folder
// mismatch, duplicate step ids, unknown templates (lesson-templates.ts), capture shapes, manifests
// (lesson-manifests.ts, manifest-rules.ts).
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { KindlabError } from '../core/errors.js';
import type { KubeObject } from '../core/kube-object.js';
import { checkCaptureShapes } from './capture-shapes.js';
import { NotRegularFile, readRegularFile } from './regular-file.js';
import { duplicateNumbers, lessonDirs } from './lesson-folders.js';
import { loadManifest, manifestRefs } from './lesson-manifests.js';
import { checkTemplates } from './lesson-templates.js';
import { SMALL_ALIASES, VALID_YAML } from './load-texts.js';
import { manifestFileIssues } from './manifest-rules.js';
import type { Lesson } from './model.js';
import type { Text } from '../core/text.js';
import { lesson as lessonSchema } from './schema.js';
import { schemaProblems } from './schema-issues.js';
import { placeAt, position, type Located, type Placed } from './yaml-positions.js';

export { didYouMean } from './did-you-mean.js';
export { BUILTIN_TEMPLATES } from './lesson-templates.js';
export { findLesson } from './find-lesson.js';

export const LESSON_FILE = 'lesson.yaml';

export class LessonFileError extends KindlabError {
  /** What was expected and found, in English (--json, tests); `text` says it in both languages. */
  readonly expected: string;
  readonly found: string;
  /** A plain string for expected or found is data (a value, a file name, YAML's or zod's own words). */
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly field: string,
    expected: string | Text,
    found: string | Text,
  ) {
    const [want, got] = [bilingual(expected), bilingual(found)];
    const en = `${file}:${line}:${column}: ${field || '(file)'}: expected ${want.en}, found ${got.en}`;
    super(en, { text: { ja: `${file}:${line}:${column}: ${field || '(ファイル)'}: 期待 ${want.ja}、実際 ${got.ja}`, en } });
    this.expected = want.en;
    this.found = got.en;
    this.name = 'LessonFileError';
  }
}

const bilingual = (text: string | Text): Text => (typeof text === 'string' ? { ja: text, en: text } : text);

export type LoadResult = { ok: true; lesson: Lesson } | { ok: false; file: string; errors: LessonFileError[] };

const errorAt = (file: string, p: Placed) => new LessonFileError(file, p.line, p.column, p.field, p.expected, p.found);

export async function loadLesson(lessonDir: string): Promise<LoadResult> {
  const file = path.join(lessonDir, LESSON_FILE);
  const displayFile = path.relative(process.cwd(), file) || file;
  let content: string;
  try {
    content = await readRegularFile(file);
  } catch (error) {
    const unreadable = (expected: Text, found: Text): LoadResult => ({
      ok: false,
      file: displayFile,
      errors: [new LessonFileError(displayFile, 1, 1, '', expected, found)],
    });
    if (error instanceof NotRegularFile) {
      return unreadable({ ja: `通常のファイルの ${LESSON_FILE}`, en: `a regular file ${LESSON_FILE}` }, { ja: `${error.what.ja}です`, en: error.what.en });
    }
    return unreadable({ ja: `${lessonDir} の ${LESSON_FILE}`, en: `a ${LESSON_FILE} in ${lessonDir}` }, { ja: 'ファイルがありません', en: 'no such file' });
  }
  const lines = new LineCounter();
  const doc = parseDocument(content, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const src: Located = { file: displayFile, doc, lines };
  if (doc.errors.length) {
    return {
      ok: false,
      file: displayFile,
      errors: doc.errors.map((e) => {
        const at = position(src, e.pos[0]);
        return new LessonFileError(displayFile, at.line, at.column, '', VALID_YAML, e.message.split('\n')[0]!);
      }),
    };
  }
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // yaml refuses alias bombs ("billion laughs") here, with no position of its own.
    return { ok: false, file: displayFile, errors: [new LessonFileError(displayFile, 1, 1, '', SMALL_ALIASES, (error as Error).message)] };
  }
  const result = lessonSchema.safeParse(root);
  if (!result.success) {
    return { ok: false, file: displayFile, errors: schemaProblems(src, root, result.error.issues).map((p) => errorAt(displayFile, p)) };
  }
  const parsed = result.data;
  const errors: LessonFileError[] = [];
  const folder = path.basename(path.resolve(lessonDir));
  if (parsed.id !== folder) {
    errors.push(errorAt(displayFile, placeAt(src, ['id'], { ja: `フォルダ名 "${folder}"`, en: `the folder name "${folder}"` }, JSON.stringify(parsed.id))));
  }
  const stepIds = new Set<string>();
  for (const [i, step] of parsed.steps.entries()) {
    if (stepIds.has(step.id)) {
      const unique = { ja: 'レッスンの中で重ならないステップ id', en: 'a step id unique in the lesson' };
      errors.push(errorAt(displayFile, placeAt(src, ['steps', i, 'id'], unique, JSON.stringify(step.id))));
    }
    stepIds.add(step.id);
  }
  const templateProblems = checkTemplates(src, parsed);
  errors.push(...templateProblems.map((p) => errorAt(displayFile, p)));
  if (!templateProblems.length) {
    for (const problem of checkCaptureShapes(parsed)) errors.push(errorAt(displayFile, placeAt(src, problem.keys, problem.expected, problem.found)));
  }
  const manifests = new Map<string, KubeObject[]>();
  for (const ref of manifestRefs(parsed)) {
    if (manifests.has(ref.file)) continue;
    const loaded = await loadManifest(lessonDir, src, ref);
    if ('problem' in loaded) {
      errors.push(errorAt(displayFile, loaded.problem));
      continue;
    }
    manifests.set(ref.file, loaded.objects);
    for (const i of await manifestFileIssues(lessonDir, ref.file, parsed)) {
      errors.push(new LessonFileError(i.file, i.line, i.column, i.field, { ja: i.ja.expected, en: i.expected }, { ja: i.ja.found, en: i.found }));
    }
  }
  if (errors.length) return { ok: false, file: displayFile, errors };
  const [, number = '', slug = ''] = /^(\d\d)-(.*)$/.exec(parsed.id) ?? [];
  return { ok: true, lesson: { ...parsed, dir: path.resolve(lessonDir), file: displayFile, number, slug, manifests } };
}

/** Lesson folders (NN-slug) under a labs directory, in order (lesson-folders.ts, which `list` loads without YAML). */
export { lessonDirs };

export async function loadAllLessons(labsDir: string): Promise<{ lessons: Lesson[]; failures: Extract<LoadResult, { ok: false }>[] }> {
  const dirs = await lessonDirs(labsDir);
  // One lesson that cannot be loaded at all is that lesson's failure, never every lesson's.
  const results = await Promise.all(dirs.map((dir) => loadLesson(dir).catch((error: unknown) => unloadable(dir, error))));
  const duplicates: Extract<LoadResult, { ok: false }>[] = duplicateNumbers(dirs).flatMap((group) =>
    group.map(({ dir, number }) => {
      const file = path.relative(process.cwd(), path.join(dir, LESSON_FILE));
      const others = group
        .filter((g) => g.dir !== dir)
        .map((g) => g.id)
        .join(', ');
      return {
        ok: false as const,
        file,
        errors: [
          new LessonFileError(
            file,
            1,
            1,
            'id',
            { ja: 'ほかのフォルダが使っていないレッスン番号', en: 'a lesson number no other folder uses' },
            { ja: `${number} は ${others} の番号でもあります`, en: `${number} is also the number of ${others}` },
          ),
        ],
      };
    }),
  );
  return {
    lessons: results.flatMap((r) => (r.ok ? [r.lesson] : [])),
    failures: [...duplicates, ...results.flatMap((r) => (r.ok ? [] : [r]))],
  };
}

function unloadable(dir: string, error: unknown): Extract<LoadResult, { ok: false }> {
  const file = path.relative(process.cwd(), path.join(dir, LESSON_FILE));
  return {
    ok: false,
    file,
    errors: [
      new LessonFileError(
        file,
        1,
        1,
        '',
        { ja: 'kindlab が読み込めるレッスンファイル', en: 'a lesson file kindlab can load' },
        (error as Error)?.message ?? String(error),
      ),
    ],
  };
}
