// What every lesson manifest file must say so that kindlab can apply it exactly as it is, and a
// learner can apply it with the very command kindlab shows (`kubectl apply ... -f <file>`):
// - its objects either all name their namespace (one of the lesson's) or none do: kubectl takes
//   one `-n` per command and refuses an object whose metadata.namespace differs from it
//   (k8s.io/cli-runtime pkg/resource/visitor.go, RequireNamespace);
// - each object carries kindlab's labels, which reset selects on.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { LESSON_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE, type KubeObject } from '../core/kube-object.js';
import { isClusterScopedName } from '../core/kube-resources.js';

/** The command that adds kindlab's labels to lesson manifests, keeping their comments. */
export const LABEL_SCRIPT = 'node scripts/label-manifests.mjs';

export interface ManifestRuleIssue {
  line: number;
  column: number;
  field: string;
  /** In English (tests, --json); `ja` says the same in Japanese. */
  expected: string;
  found: string;
  ja: { expected: string; found: string };
}

interface LessonScope {
  id: string;
  namespace: string;
  extraNamespaces?: string[];
}

/** Cluster-scoped kinds (the resource table's) have no namespace: `-n` does not apply, so they fit either kind of file. */
const namespaced = (o: Pick<KubeObject, 'kind'>) => !isClusterScopedName(o.kind);

/**
 * The `-n` a manifest file's objects are applied with: the lesson's namespace when they do not
 * name one, none when they name their own (and then kubectl uses theirs).
 */
export function manifestNamespace(objects: KubeObject[], lessonNamespace: string): string | undefined {
  return objects.some((o) => namespaced(o) && o.metadata.namespace) ? undefined : lessonNamespace;
}

/** Problems in one manifest file's text, each at its line and column in that file. */
export function manifestRuleIssues(text: string, lesson: LessonScope): ManifestRuleIssue[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines });
  if (!Array.isArray(docs)) return [];
  const issues: ManifestRuleIssue[] = [];
  const at = (node: Node | null | undefined) => {
    const { line, col } = lines.linePos(node?.range?.[0] ?? 0);
    return { line, column: col };
  };
  const child = (node: unknown, key: string): Node | undefined => {
    if (!isMap(node)) return undefined;
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
    return (pair?.value ?? undefined) as Node | undefined;
  };
  const ours = new Set([lesson.namespace, ...(lesson.extraNamespaces ?? [])]);
  const withNamespace: { name: string; node: Node | undefined }[] = [];
  const withoutNamespace: { name: string; node: Node | undefined }[] = [];

  for (const doc of docs) {
    if (doc.errors.length) return []; // the loader reports YAML errors itself
    const value = doc.toJS() as KubeObject | null;
    if (!value || typeof value !== 'object' || !value.metadata) continue;
    const metadata = child(doc.contents, 'metadata');
    const what = `${value.kind}/${value.metadata.name}`;
    const ns = value.metadata.namespace;
    if (namespaced(value)) {
      if (ns) {
        const nsNode = child(metadata, 'namespace');
        withNamespace.push({ name: what, node: nsNode });
        if (!ours.has(ns)) {
          issues.push({
            ...at(nsNode),
            field: `${what} metadata.namespace`,
            expected: `one of the lesson's namespaces (${[...ours].join(', ')}; add others to extraNamespaces in lesson.yaml)`,
            found: JSON.stringify(ns),
            ja: {
              expected: `レッスンの名前空間のどれか (${[...ours].join(', ')}。ほかは lesson.yaml の extraNamespaces に加えます)`,
              found: JSON.stringify(ns),
            },
          });
        }
      } else withoutNamespace.push({ name: what, node: metadata ?? (doc.contents as Node) });
    }
    const labels = value.metadata.labels ?? {};
    const wanted: [string, string][] = [
      [MANAGED_BY_LABEL, MANAGED_BY_VALUE],
      [LESSON_LABEL, lesson.id],
    ];
    const wrong = wanted.filter(([k, v]) => labels[k] !== v);
    if (wrong.length) {
      const labelsNode = child(metadata, 'labels');
      issues.push({
        ...at(labelsNode ?? metadata ?? (doc.contents as Node)),
        field: `${what} metadata.labels`,
        expected: `the labels ${wanted.map(([k, v]) => `${k}: ${v}`).join(' and ')} (kindlab applies the file as it is; reset finds its objects by these labels; add them with: ${LABEL_SCRIPT})`,
        found: wrong.map(([k]) => (labels[k] === undefined ? `no label ${k}` : `${k}: ${labels[k]}`)).join(', '),
        ja: {
          expected: `ラベル ${wanted.map(([k, v]) => `${k}: ${v}`).join(' と ')} (kindlab はファイルをそのまま適用し、\`kindlab reset\` はこのラベルでオブジェクトを探します。付けるには: ${LABEL_SCRIPT})`,
          found: wrong.map(([k]) => (labels[k] === undefined ? `ラベル ${k} なし` : `${k}: ${labels[k]}`)).join('、'),
        },
      });
    }
  }
  if (withNamespace.length && withoutNamespace.length) {
    const first = withoutNamespace[0]!;
    issues.push({
      ...at(first.node),
      field: `${first.name} metadata.namespace`,
      expected: `a namespace on every object of this file, as ${withNamespace.map((o) => o.name).join(', ')} name theirs (kubectl applies a file with one -n; add "namespace: ${lesson.namespace}" or move the objects to another file)`,
      found: `no namespace on ${withoutNamespace.map((o) => o.name).join(', ')}`,
      ja: {
        expected: `${withNamespace.map((o) => o.name).join(', ')} と同じく、このファイルのすべてのオブジェクトに名前空間 (kubectl はファイルを 1 つの -n で適用します。"namespace: ${lesson.namespace}" を加えるか、オブジェクトを別のファイルに移してください)`,
        found: `${withoutNamespace.map((o) => o.name).join(', ')} に名前空間がありません`,
      },
    });
  }
  return issues;
}

/** The same problems for a manifest file of a lesson folder, named by its path as shown to the user. */
export async function manifestFileIssues(lessonDir: string, file: string, lesson: LessonScope): Promise<(ManifestRuleIssue & { file: string })[]> {
  const full = path.resolve(lessonDir, file);
  const shownPath = path.relative(process.cwd(), full) || full;
  const text = await readFile(full, 'utf8').catch(() => undefined);
  if (text === undefined) return []; // the loader reports a missing file itself
  return manifestRuleIssues(text, lesson).map((issue) => ({ file: shownPath, ...issue }));
}
