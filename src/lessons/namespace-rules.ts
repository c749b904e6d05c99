// A lesson owns its namespaces: kindlab creates and labels them, and `reset` deletes them. So a
// lesson may not name a system or shared one (kube-system, default, …) as its own, in lesson.yaml
// or as a Namespace object in a manifest. Reading from those namespaces stays allowed.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, type Node } from 'yaml';
import { LessonFileError } from './load.js';
import type { Lesson } from './model.js';
import { isSharedNamespace, SHARED_NAMESPACES } from './system-namespaces.js';

const EXPECTED = {
  ja: `レッスン専用の名前空間 (${SHARED_NAMESPACES.join(', ')}、kube-* 以外)`,
  en: `a namespace of the lesson's own (not ${SHARED_NAMESPACES.join(', ')} or any kube-*)`,
};

function valueNode(node: unknown, keys: (string | number)[]): Node | undefined {
  for (const key of keys) {
    if (isMap(node)) node = node.items.find((p) => isScalar(p.key) && p.key.value === key)?.value;
    else if (isSeq(node) && typeof key === 'number') node = node.items[key];
    else return undefined;
  }
  return (node ?? undefined) as Node | undefined;
}

export async function sharedNamespaceErrors(lesson: Lesson): Promise<LessonFileError[]> {
  const errors: LessonFileError[] = [];
  const owned = [
    { keys: ['namespace'] as (string | number)[], name: lesson.namespace },
    ...(lesson.extraNamespaces ?? []).map((name, i) => ({ keys: ['extraNamespaces', i] as (string | number)[], name })),
  ].filter((o) => isSharedNamespace(o.name));
  if (owned.length) {
    const lines = new LineCounter();
    const doc = parseDocument(await readFile(path.join(lesson.dir, 'lesson.yaml'), 'utf8'), { lineCounter: lines });
    for (const { keys, name } of owned) {
      const { line, col } = lines.linePos(valueNode(doc.contents, keys)?.range?.[0] ?? 0);
      const field = keys.map((k) => (typeof k === 'number' ? `[${k}]` : k)).join('');
      errors.push(new LessonFileError(lesson.file, line, col, field, EXPECTED, JSON.stringify(name)));
    }
  }
  for (const [file, objects] of lesson.manifests) {
    if (!objects.some((o) => o.kind === 'Namespace' && isSharedNamespace(String(o.metadata.name)))) continue;
    const full = path.resolve(lesson.dir, file);
    const lines = new LineCounter();
    for (const doc of parseAllDocuments(await readFile(full, 'utf8'), { lineCounter: lines })) {
      const object = doc.toJS({ maxAliasCount: 100 }) as { kind?: string; metadata?: { name?: string } } | null;
      if (object?.kind !== 'Namespace' || !object.metadata?.name || !isSharedNamespace(object.metadata.name)) continue;
      const { line, col } = lines.linePos(valueNode(doc.contents, ['metadata', 'name'])?.range?.[0] ?? 0);
      errors.push(
        new LessonFileError(
          path.relative(process.cwd(), full) || full,
          line,
          col,
          `Namespace/${object.metadata.name} metadata.name`,
          EXPECTED,
          JSON.stringify(object.metadata.name),
        ),
      );
    }
  }
  return errors;
}
