// A loaded lesson's manifests checked against the Kubernetes API schemas (manifest-validate.ts),
// each finding placed at file:line:column in the manifest. Separate from loading because it costs
// a few hundred milliseconds: `validate`, `test` and the lesson a command uses pay it, `list` does not.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { LessonFileError } from './load.js';
import type { Lesson } from './model.js';
import type { Text } from '../core/text.js';

/** `.spec.ports[0].targetPort` -> ['spec', 'ports', 0, 'targetPort'] */
function keysOf(dotted: string): (string | number)[] {
  return [...dotted.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

/**
 * The node a path names (its key when `key` is set, else its value), or the deepest one that
 * exists on the way (a missing required field is shown at its parent).
 */
function nodeFor(root: Node | null | undefined, keys: (string | number)[], key: boolean): Node | undefined {
  let node: unknown = root;
  let at: Node | undefined = root ?? undefined;
  for (const [i, k] of keys.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === k);
      if (!pair) return at;
      const last = i === keys.length - 1;
      at = (last && !key ? (pair.value ?? pair.key) : pair.key) as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof k === 'number' && node.items[k]) {
      node = node.items[k];
      at = node as Node;
    } else return at;
  }
  return at;
}

function valueAt(object: unknown, keys: (string | number)[]): unknown {
  return keys.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), object);
}

export async function manifestSchemaErrors(lesson: Lesson): Promise<LessonFileError[]> {
  const { validateManifest } = await import('./manifest-validate.js');
  const errors: LessonFileError[] = [];
  for (const file of lesson.manifests.keys()) {
    const full = path.resolve(lesson.dir, file);
    const shown = path.relative(process.cwd(), full) || full;
    const lines = new LineCounter();
    const docs = parseAllDocuments(await readFile(full, 'utf8'), { lineCounter: lines });
    for (const doc of Array.isArray(docs) ? docs : [docs]) {
      const object = doc.toJS({ maxAliasCount: 100 }) as { kind?: string; apiVersion?: string; metadata?: { name?: string } } | null;
      if (object === null) continue;
      const verdict = validateManifest(object);
      for (const issue of verdict.errors) {
        const keys = keysOf(issue.path);
        const unknown = /^unknown field ("[^"]*")(?: \(did you mean "([^"]+)"\?\))?$/.exec(issue.message);
        const missing = /^must have required property '?([^']+)'?$/.exec(issue.message);
        const node = nodeFor(doc.contents, keys, Boolean(unknown));
        const { line, col } = lines.linePos(node?.range?.[0] ?? 0);
        const field = `${object.kind}/${object.metadata?.name} ${issue.path}`;
        const near = unknown?.[2];
        const [expected, found]: [string | Text, string | Text] = unknown
          ? [
              {
                ja: `Kubernetes API にあるフィールド${near ? ` ("${near}" のことでは?)` : ''}`,
                en: `a field the Kubernetes API knows${near ? ` (did you mean "${near}"?)` : ''}`,
              },
              { ja: `未知のフィールド ${unknown[1]}`, en: `unknown field ${unknown[1]}` },
            ]
          : missing
            ? [
                { ja: `必須のフィールド ${missing[1]}`, en: `the required field ${missing[1]}` },
                { ja: 'なし (フィールドがありません)', en: 'nothing (the field is missing)' },
              ]
            : issue.path === '.kind'
              ? [{ ja: `apiVersion ${object.apiVersion} の kind`, en: `a kind of apiVersion ${object.apiVersion}` }, JSON.stringify(object.kind)]
              : [issue.message.replace(/^must (be|have|match) /, ''), JSON.stringify(valueAt(object, keys)) ?? 'nothing'];
        errors.push(new LessonFileError(shown, line, col, field, expected, found));
      }
    }
  }
  return errors;
}
