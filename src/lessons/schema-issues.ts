// zod's issues on lesson.yaml turned into problems a lesson author can act on: placed at the line
// and column of the field, with "did you mean" for an unknown field, zod's type names said in
// Japanese too, and the union branch that got furthest instead of "Invalid input".
import type { z } from 'zod';
import type { Text } from '../core/text.js';
import { didYouMean } from './did-you-mean.js';
import { describeFound } from './load-texts.js';
import { fieldName, keyNode, nodeAt, position, type Located, type Placed } from './yaml-positions.js';

const TYPE_NAMES_JA: Record<string, string> = { object: 'マップ', array: 'リスト', string: '文字列', number: '数値', boolean: '真偽値 (true か false)' };

function valueAt(root: unknown, keys: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of keys) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function problemsFromIssue(src: Located, root: unknown, issue: z.core.$ZodIssue): Placed[] {
  const keys = issue.path as PropertyKey[];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const at = position(src, keyNode(src.doc, keys, key)?.range?.[0]);
      const suggestion = didYouMean(key);
      const expected = suggestion
        ? { ja: `知られているフィールド ("${suggestion}" のことですか?)`, en: `a known field (did you mean "${suggestion}"?)` }
        : { ja: '知られているフィールド (綴りを確認してください)', en: 'a known field (check the spelling)' };
      return { ...at, field: fieldName([...keys, key]), expected, found: { ja: `不明なフィールド "${key}"`, en: `unknown field "${key}"` } };
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
      return problemsFromIssue(src, root, { ...best, path: [...keys, ...best.path] } as z.core.$ZodIssue);
    }
    expected =
      issue.message === 'Invalid input'
        ? { ja: '許される形のどれか (JSON Schema を参照)', en: 'one of the allowed forms (see the JSON Schema)' }
        : issue.message;
  }
  return [{ ...at, field: fieldName(keys), expected, found }];
}

/** Every issue of a failed parse of `root` (lesson.yaml as JS), placed in its document. */
export function schemaProblems(src: Located, root: unknown, issues: z.core.$ZodIssue[]): Placed[] {
  // An unknown key also makes refinements of the same object complain; the unknown key is the cause.
  const unknownAt = new Set(issues.filter((i) => i.code === 'unrecognized_keys').map((i) => JSON.stringify(i.path)));
  const causes = issues.filter((i) => i.code !== 'custom' || !unknownAt.has(JSON.stringify(i.path)));
  return causes.flatMap((issue) => problemsFromIssue(src, root, issue));
}
