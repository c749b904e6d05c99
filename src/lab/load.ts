// Loads lesson folders: YAML with positions, schema validation, and the checks that must fail at
// load time rather than mid-lesson (missing manifests, unknown captures, id/folder mismatch).
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import type { KubeObject } from '../core/kube-object.js';
import { TEMPLATE_PATTERN } from '../expectations/expectation-kind.js';
import { checkCaptureShapes } from './capture-shapes.js';
import { NotRegularFile, readRegularFile } from './regular-file.js';
import { duplicateNumbers, lessonDirs } from './lesson-folders.js';
import { manifestFileIssues } from './manifest-rules.js';
import type { Lesson } from './model.js';
import type { Text } from '../core/text.js';
import { lesson as lessonSchema, lessonJsonSchema, type LessonFile } from './schema.js';

let knownFieldNames: string[] | undefined;
/** Every field name the schema knows, for "did you mean" on a misspelled one. */
function fieldNames(): string[] {
  if (knownFieldNames) return knownFieldNames;
  const names = new Set<string>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const props = (node as { properties?: Record<string, unknown> }).properties;
    if (props) Object.keys(props).forEach((k) => names.add(k));
    Object.values(node).forEach(walk);
  };
  walk(lessonJsonSchema());
  return (knownFieldNames = [...names]);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

export function didYouMean(name: string): string | undefined {
  const best = fieldNames()
    .map((candidate) => ({ candidate, distance: editDistance(name.toLowerCase(), candidate.toLowerCase()) }))
    .sort((x, y) => x.distance - y.distance)[0];
  return best && best.distance <= Math.max(2, Math.floor(name.length / 4)) ? best.candidate : undefined;
}

export const LESSON_FILE = 'lesson.yaml';
/** Template names every lesson may use without capturing them. */
export const BUILTIN_TEMPLATES = ['namespace', 'profile', 'cluster'] as const;

export class LessonFileError extends Error {
  /** What was expected and found, in English (--json, tests); `text` says it in both languages. */
  readonly expected: string;
  readonly found: string;
  readonly text: Text;
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
    super(`${file}:${line}:${column}: ${field || '(file)'}: expected ${want.en}, found ${got.en}`);
    this.expected = want.en;
    this.found = got.en;
    this.text = { ja: `${file}:${line}:${column}: ${field || '(ファイル)'}: 期待 ${want.ja}、実際 ${got.ja}`, en: this.message };
    this.name = 'LessonFileError';
  }
}

const bilingual = (text: string | Text): Text => (typeof text === 'string' ? { ja: text, en: text } : text);

export type LoadResult = { ok: true; lesson: Lesson } | { ok: false; file: string; errors: LessonFileError[] };

interface Located {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

function position(src: Located, offset: number | undefined): { line: number; column: number } {
  if (offset === undefined) return { line: 1, column: 1 };
  const { line, col } = src.lines.linePos(offset);
  return { line, column: col };
}

/** The deepest YAML node that exists along a path, and whether the whole path was found. */
function nodeAt(doc: Document.Parsed, keys: readonly PropertyKey[]): { node: Node | undefined; complete: boolean } {
  let node: unknown = doc.contents;
  for (const key of keys) {
    let next: unknown;
    if (isMap(node)) next = node.items.find((pair) => isScalar(pair.key) && pair.key.value === key)?.value;
    else if (isSeq(node) && typeof key === 'number') next = node.items[key];
    if (next === undefined || next === null) return { node: node as Node, complete: false };
    node = next;
  }
  return { node: node as Node, complete: true };
}

function keyNode(doc: Document.Parsed, parent: readonly PropertyKey[], key: string): Node | undefined {
  const { node } = nodeAt(doc, parent);
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair?.key as Node | undefined;
}

function fieldName(keys: readonly PropertyKey[]): string {
  return keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
}

const TYPE_NAMES_JA: Record<string, string> = { object: 'マップ', array: 'リスト', string: '文字列', number: '数値', boolean: '真偽値 (true か false)' };
const VALID_YAML: Text = { ja: '正しい YAML', en: 'valid YAML' };
const SMALL_ALIASES: Text = { ja: 'エイリアスを展開しても大きくなりすぎない YAML', en: 'YAML whose aliases expand to a reasonable size' };

function describeFound(value: unknown): string | Text {
  if (value === undefined) return { ja: 'なし', en: 'nothing' };
  if (value === null) return 'null';
  if (Array.isArray(value)) return { ja: `${value.length} 個のリスト`, en: `a list of ${value.length}` };
  if (typeof value === 'object') return { ja: 'マップ', en: 'a map' };
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function valueAt(root: unknown, keys: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of keys) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function errorsFromIssue(src: Located, root: unknown, issue: z.core.$ZodIssue): LessonFileError[] {
  const keys = issue.path as PropertyKey[];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const at = position(src, keyNode(src.doc, keys, key)?.range?.[0]);
      const suggestion = didYouMean(key);
      const expected = suggestion
        ? { ja: `知られているフィールド ("${suggestion}" のことですか?)`, en: `a known field (did you mean "${suggestion}"?)` }
        : { ja: '知られているフィールド (綴りを確認してください)', en: 'a known field (check the spelling)' };
      return new LessonFileError(src.file, at.line, at.column, fieldName([...keys, key]), expected, { ja: `不明なフィールド "${key}"`, en: `unknown field "${key}"` });
    });
  }
  const { node, complete } = nodeAt(src.doc, keys);
  const at = position(src, node?.range?.[0]);
  const found = complete ? describeFound(valueAt(root, keys)) : { ja: 'なし (フィールドがありません)', en: 'nothing (the field is missing)' };
  let expected: string | Text = issue.message;
  // zod's type name stays as it is in English; Japanese says it in words (a map is what YAML calls it).
  if (issue.code === 'invalid_type') expected = { ja: TYPE_NAMES_JA[issue.expected] ?? issue.expected, en: `${issue.expected}` };
  if (issue.code === 'invalid_value') {
    const values = issue.values.map((v) => JSON.stringify(v)).join(', ');
    expected = { ja: `${values} のどれか`, en: `one of ${values}` };
  }
  if (issue.code === 'invalid_union') {
    // Report the branch that got furthest: the one whose first issue has the longest path.
    const branches = issue.errors.map((errs) => errs[0]).filter((e): e is z.core.$ZodIssue => e !== undefined);
    const best = branches.sort((a, b) => b.path.length - a.path.length)[0];
    if (best && best.path.length > 0) {
      return errorsFromIssue(src, root, { ...best, path: [...keys, ...best.path] } as z.core.$ZodIssue);
    }
    expected = issue.message === 'Invalid input' ? { ja: '許される形のどれか (JSON Schema を参照)', en: 'one of the allowed forms (see the JSON Schema)' } : issue.message;
  }
  return [new LessonFileError(src.file, at.line, at.column, fieldName(keys), expected, found)];
}

/** Strings holding `{{name}}`, with the YAML path where each stands; `bad` for a form kindlab cannot fill. */
function* templateUses(value: unknown, keys: PropertyKey[] = []): Generator<{ keys: PropertyKey[]; name: string; bad?: boolean }> {
  if (typeof value === 'string') {
    for (const match of value.matchAll(/\{\{[^{}]*\}\}/g)) {
      const known = new RegExp(`^${TEMPLATE_PATTERN.source}$`).exec(match[0]);
      yield known ? { keys, name: known[1]! } : { keys, name: match[0], bad: true };
    }
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* templateUses(item, [...keys, i]);
  } else if (value && typeof value === 'object') {
    for (const [k, item] of Object.entries(value)) yield* templateUses(item, [...keys, k]);
  }
}

function checkTemplates(src: Located, parsed: LessonFile): LessonFileError[] {
  const errors: LessonFileError[] = [];
  const known = new Set<string>(BUILTIN_TEMPLATES);
  const report = (keys: PropertyKey[], name: string, bad?: boolean) => {
    const at = position(src, nodeAt(src.doc, keys).node?.range?.[0]);
    const defined = [...known].join(', ');
    errors.push(
      bad
        ? new LessonFileError(src.file, at.line, at.column, fieldName(keys), { ja: '{{name}} (フィルタ付きなら {{name|one}}、{{name|dashes}})', en: '{{name}}, optionally with filters: {{name|one}}, {{name|dashes}}' }, name)
        : new LessonFileError(src.file, at.line, at.column, fieldName(keys), { ja: `このステップか前のステップで定義した値 (${defined})`, en: `a capture defined in this or an earlier step (${defined})` }, `{{${name}}}`),
    );
  };
  const check = (use: { keys: PropertyKey[]; name: string; bad?: boolean }) => {
    if (use.bad || !known.has(use.name)) report(use.keys, use.name, use.bad);
  };
  for (const use of templateUses(parsed.setup, ['setup'])) check(use);
  for (const [i, step] of parsed.steps.entries()) {
    const { capture, ...rest } = step;
    // A capture may name its object with a capture from an earlier step, not with itself.
    for (const use of templateUses(capture, ['steps', i, 'capture'])) check(use);
    for (const name of Object.keys(capture ?? {})) known.add(name);
    for (const use of templateUses(rest, ['steps', i])) check(use);
  }
  return errors;
}

function manifestRefs(parsed: LessonFile): { keys: PropertyKey[]; file: string }[] {
  const refs: { keys: PropertyKey[]; file: string }[] = [];
  const collect = (actions: { apply?: string[]; delete?: string[] } | undefined, keys: PropertyKey[]) => {
    for (const field of ['apply', 'delete'] as const) {
      for (const [i, file] of (actions?.[field] ?? []).entries()) refs.push({ keys: [...keys, field, i], file });
    }
  };
  collect(parsed.setup, ['setup']);
  for (const [i, step] of parsed.steps.entries()) {
    collect(step, ['steps', i]);
    collect(step.solve, ['steps', i, 'solve']);
    for (const [j, wrong] of (step.wrongFixes ?? []).entries()) collect(wrong, ['steps', i, 'wrongFixes', j]);
  }
  return refs;
}

async function loadManifest(lessonDir: string, src: Located, ref: { keys: PropertyKey[]; file: string }): Promise<KubeObject[] | LessonFileError> {
  const at = position(src, nodeAt(src.doc, ref.keys).node?.range?.[0]);
  const fail = (expected: string | Text, found: string | Text) => new LessonFileError(src.file, at.line, at.column, fieldName(ref.keys), expected, found);
  const full = path.resolve(lessonDir, ref.file);
  if (!full.startsWith(path.resolve(lessonDir) + path.sep)) return fail({ ja: 'レッスンのフォルダの中のファイル', en: 'a file inside the lesson folder' }, ref.file);
  let textContent: string;
  try {
    textContent = await readRegularFile(full);
  } catch (error) {
    if (error instanceof NotRegularFile) return fail({ ja: '通常のファイルのマニフェスト', en: 'a manifest that is a regular file' }, { ja: `${ref.file} は${error.what.ja}です`, en: `${ref.file} is ${error.what.en}` });
    return fail({ ja: '存在するマニフェストファイル', en: 'an existing manifest file' }, { ja: `ファイル ${ref.file} がありません`, en: `no file ${ref.file}` });
  }
  const objects: KubeObject[] = [];
  for (const doc of parseAllDocuments(textContent)) {
    if ('errors' in doc && doc.errors.length) return fail(VALID_YAML, `${ref.file}: ${doc.errors[0]!.message.split('\n')[0]}`);
    let value: KubeObject | null;
    try {
      value = doc.toJS({ maxAliasCount: 100 }) as KubeObject | null;
    } catch (error) {
      return fail(SMALL_ALIASES, `${ref.file}: ${(error as Error).message}`);
    }
    if (value === null) continue;
    if (!value || typeof value !== 'object' || !value.apiVersion || !value.kind || !value.metadata?.name) {
      const found = describeFound(value);
      return fail(
        { ja: 'apiVersion、kind、metadata.name のある Kubernetes オブジェクト', en: 'Kubernetes objects with apiVersion, kind and metadata.name' },
        typeof found === 'string' ? `${ref.file}: ${found}` : { ja: `${ref.file}: ${found.ja}`, en: `${ref.file}: ${found.en}` },
      );
    }
    objects.push(value);
  }
  if (objects.length === 0) return fail({ ja: '1 つ以上の Kubernetes オブジェクト', en: 'at least one Kubernetes object' }, { ja: `${ref.file} は空です`, en: `${ref.file} is empty` });
  return objects;
}

export async function loadLesson(lessonDir: string): Promise<LoadResult> {
  const file = path.join(lessonDir, LESSON_FILE);
  const displayFile = path.relative(process.cwd(), file) || file;
  let content: string;
  try {
    content = await readRegularFile(file);
  } catch (error) {
    if (error instanceof NotRegularFile) {
      return { ok: false, file: displayFile, errors: [new LessonFileError(displayFile, 1, 1, '', { ja: `通常のファイルの ${LESSON_FILE}`, en: `a regular file ${LESSON_FILE}` }, { ja: `${error.what.ja}です`, en: error.what.en })] };
    }
    return { ok: false, file: displayFile, errors: [new LessonFileError(displayFile, 1, 1, '', { ja: `${lessonDir} の ${LESSON_FILE}`, en: `a ${LESSON_FILE} in ${lessonDir}` }, { ja: 'ファイルがありません', en: 'no such file' })] };
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
    // An unknown key also makes refinements of the same object complain; the unknown key is the cause.
    const unknownAt = new Set(result.error.issues.filter((i) => i.code === 'unrecognized_keys').map((i) => JSON.stringify(i.path)));
    const issues = result.error.issues.filter((i) => i.code !== 'custom' || !unknownAt.has(JSON.stringify(i.path)));
    return { ok: false, file: displayFile, errors: issues.flatMap((issue) => errorsFromIssue(src, root, issue)) };
  }
  const parsed = result.data;
  const errors: LessonFileError[] = [];
  const folder = path.basename(path.resolve(lessonDir));
  if (parsed.id !== folder) {
    const at = position(src, nodeAt(doc, ['id']).node?.range?.[0]);
    errors.push(new LessonFileError(displayFile, at.line, at.column, 'id', { ja: `フォルダ名 "${folder}"`, en: `the folder name "${folder}"` }, JSON.stringify(parsed.id)));
  }
  const stepIds = new Set<string>();
  for (const [i, step] of parsed.steps.entries()) {
    if (stepIds.has(step.id)) {
      const at = position(src, nodeAt(doc, ['steps', i, 'id']).node?.range?.[0]);
      errors.push(new LessonFileError(displayFile, at.line, at.column, `steps[${i}].id`, { ja: 'レッスンの中で重ならないステップ id', en: 'a step id unique in the lesson' }, JSON.stringify(step.id)));
    }
    stepIds.add(step.id);
  }
  const templateErrors = checkTemplates(src, parsed);
  errors.push(...templateErrors);
  if (!templateErrors.length) {
    for (const problem of checkCaptureShapes(parsed)) {
      const at = position(src, nodeAt(doc, problem.keys).node?.range?.[0]);
      errors.push(new LessonFileError(displayFile, at.line, at.column, fieldName(problem.keys), problem.expected, problem.found));
    }
  }
  const manifests = new Map<string, KubeObject[]>();
  for (const ref of manifestRefs(parsed)) {
    if (manifests.has(ref.file)) continue;
    const loaded = await loadManifest(lessonDir, src, ref);
    if (loaded instanceof LessonFileError) errors.push(loaded);
    else manifests.set(ref.file, loaded);
    if (!(loaded instanceof LessonFileError)) {
      for (const i of await manifestFileIssues(lessonDir, ref.file, parsed)) {
        errors.push(new LessonFileError(i.file, i.line, i.column, i.field, { ja: i.ja.expected, en: i.expected }, { ja: i.ja.found, en: i.found }));
      }
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
      const others = group.filter((g) => g.dir !== dir).map((g) => g.id).join(', ');
      return {
        ok: false as const,
        file,
        errors: [
          new LessonFileError(
            file, 1, 1, 'id',
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
  return { ok: false, file, errors: [new LessonFileError(file, 1, 1, '', { ja: 'kindlab が読み込めるレッスンファイル', en: 'a lesson file kindlab can load' }, (error as Error)?.message ?? String(error))] };
}

/** Finds a lesson by number (`3`, `03`), slug (`service-clusterip`) or id (`03-service-clusterip`). */
export function findLesson<T extends { id: string; number: string; slug: string }>(lessons: T[], name: string): T | undefined {
  const wanted = name.trim().toLowerCase();
  const asNumber = /^\d{1,2}$/.test(wanted) ? wanted.padStart(2, '0') : undefined;
  return lessons.find((l) => l.id === wanted || l.slug === wanted || l.number === asNumber);
}
