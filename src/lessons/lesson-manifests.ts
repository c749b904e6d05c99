// The manifest files a lesson names (setup, steps, solve, wrong fixes) read and parsed at load time:
// inside the lesson folder, regular files, valid YAML, Kubernetes objects. A problem is placed at
// the lesson.yaml entry that names the file.
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../core/kube-object.js';
import type { Text } from '../core/text.js';
import { describeFound, SMALL_ALIASES, VALID_YAML } from './load-texts.js';
import { NotRegularFile, readRegularFile } from './regular-file.js';
import type { LessonFile } from './schema.js';
import { placeAt, type Located, type Placed } from './yaml-positions.js';

export interface ManifestRef {
  /** Where lesson.yaml names the file, e.g. `['steps', 0, 'apply', 1]`. */
  keys: PropertyKey[];
  file: string;
}

/** Every manifest file lesson.yaml names, in document order (a file may be named more than once). */
export function manifestRefs(parsed: LessonFile): ManifestRef[] {
  const refs: ManifestRef[] = [];
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

/** The objects of one manifest file, or the problem that keeps it from loading. */
export async function loadManifest(lessonDir: string, src: Located, ref: ManifestRef): Promise<{ objects: KubeObject[] } | { problem: Placed }> {
  const fail = (expected: string | Text, found: string | Text) => ({ problem: placeAt(src, ref.keys, expected, found) });
  const full = path.resolve(lessonDir, ref.file);
  if (!full.startsWith(path.resolve(lessonDir) + path.sep))
    return fail({ ja: 'レッスンのフォルダの中のファイル', en: 'a file inside the lesson folder' }, ref.file);
  let textContent: string;
  try {
    textContent = await readRegularFile(full);
  } catch (error) {
    if (error instanceof NotRegularFile)
      return fail(
        { ja: '通常のファイルのマニフェスト', en: 'a manifest that is a regular file' },
        { ja: `${ref.file} は${error.what.ja}です`, en: `${ref.file} is ${error.what.en}` },
      );
    return fail(
      { ja: '存在するマニフェストファイル', en: 'an existing manifest file' },
      { ja: `ファイル ${ref.file} がありません`, en: `no file ${ref.file}` },
    );
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
  if (objects.length === 0)
    return fail({ ja: '1 つ以上の Kubernetes オブジェクト', en: 'at least one Kubernetes object' }, { ja: `${ref.file} は空です`, en: `${ref.file} is empty` });
  return { objects };
}
