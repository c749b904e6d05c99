// Lessons are type-checked before anything runs: every capture is known to give one value or a
// list, and a list must never reach a place that takes one value (a node name, `dns.server`,
// `addr.has`'s address, text such as a URL). Found here, at load time, with the capture's name,
// why it is a list and the fix — not mid-lesson on a learner's cluster.
import { parseJsonPath, yieldsList } from '../core/jsonpath.js';
import { TEMPLATE_PATTERN, templateFilters } from '../expectations/expectation-kind.js';
import { actionsOnly, step as stepSchema, type CaptureFile, type LessonFile } from './schema.js';

export interface CaptureShape {
  shape: 'one' | 'list';
  /** Why it is a list, for the error a lesson author reads. */
  why?: string;
}

/** A named object's plain path gives one value; a selector read, `[*]` or a filter `[?(…)]` gives a list. */
export function captureShape(capture: Pick<CaptureFile, 'from' | 'selector' | 'path'>): CaptureShape {
  if (!capture.from.includes('/')) {
    const selector = capture.selector ? ` with selector ${capture.selector}` : '';
    return { shape: 'list', why: `it reads every ${capture.from}${selector}, one value per object` };
  }
  if (yieldsList(parseJsonPath(capture.path))) {
    return { shape: 'list', why: `its path ${capture.path} has [*] or a filter [?(…)], which gives a list even for one object` };
  }
  return { shape: 'one' };
}

export interface ShapeProblem {
  /** Path of the offending value from the lesson root, e.g. ['steps', 3, 'checks', 0, 'run', 'node']. */
  keys: PropertyKey[];
  expected: string;
  found: string;
}

type Shapes = Map<string, CaptureShape & { step: string }>;

const WHOLE = new RegExp(`^\\s*${TEMPLATE_PATTERN.source}\\s*$`);
const keyOf = (keys: readonly PropertyKey[]) => JSON.stringify(keys);

function listFound(name: string, shapes: Shapes, where: string): string {
  const s = shapes.get(name)!;
  return `{{${name}}} ${where}, but ${name} is a list: ${s.why} (captured in step "${s.step}"). Write {{${name}|one}} to take its single value (it fails clearly unless there is exactly one), or capture one named object`;
}

/**
 * Replaces every whole `{{list}}` that stands where a list cannot go by a two-element list, so the
 * lesson schema itself says where one value is required. In a list (not argv) a whole list template
 * is spliced in at run time, so it stays. A list inside text is always a problem.
 */
function markLists(value: unknown, keys: PropertyKey[], shapes: Shapes, marked: Map<string, string>, problems: ShapeProblem[], inArray: boolean): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole) {
      const name = whole[1]!;
      const listy = shapes.get(name)?.shape === 'list' && !templateFilters(whole[2]).includes('one');
      if (!listy) return value;
      const inArgv = keys.includes('argv');
      if (inArray && !inArgv) return value;
      marked.set(keyOf(keys), name);
      return [value, value];
    }
    for (const m of value.matchAll(TEMPLATE_PATTERN)) {
      const name = m[1]!;
      if (shapes.get(name)?.shape === 'list' && !templateFilters(m[2]).includes('one')) {
        problems.push({ keys, expected: 'text with single values in it', found: listFound(name, shapes, 'stands inside text') });
      }
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((item, i) => markLists(item, [...keys, i], shapes, marked, problems, true));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, item]) => [k, markLists(item, [...keys, k], shapes, marked, problems, false)]));
  }
  return value;
}

/** Validates a marked copy: each schema issue at or above a marked value is a list where one value is needed. */
function listsWhereOneIsNeeded(
  schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } },
  value: unknown,
  base: PropertyKey[],
  shapes: Shapes,
  problems: ShapeProblem[],
): void {
  const marked = new Map<string, string>();
  const copy = markLists(value, base, shapes, marked, problems, false);
  if (!marked.size) return;
  const result = schema.safeParse(copy);
  if (result.success) return;
  const reported = new Set<string>();
  for (const issue of result.error!.issues) {
    const at = [...base, ...issue.path];
    for (const [markedKey, name] of marked) {
      const keys = JSON.parse(markedKey) as PropertyKey[];
      const under = at.every((k, i) => keys[i] === k);
      if (!under || reported.has(markedKey)) continue;
      reported.add(markedKey);
      problems.push({ keys, expected: 'one value', found: listFound(name, shapes, 'stands where one value is needed') });
    }
  }
}

/** Every place in a lesson where a list capture would meet something that takes one value. */
export function checkCaptureShapes(parsed: LessonFile): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const shapes: Shapes = new Map([
    ['namespace', { shape: 'one', step: '(built in)' }],
    ['profile', { shape: 'one', step: '(built in)' }],
    ['cluster', { shape: 'one', step: '(built in)' }],
  ]);
  if (parsed.setup) listsWhereOneIsNeeded(actionsOnly, parsed.setup, ['setup'], shapes, problems);
  for (const [i, step] of parsed.steps.entries()) {
    // A step's captures are known to its own checks, and may use earlier captures in their names.
    for (const [name, capture] of Object.entries(step.capture ?? {})) shapes.set(name, { ...captureShape(capture), step: step.id });
    listsWhereOneIsNeeded(stepSchema, step, ['steps', i], shapes, problems);
  }
  return problems;
}
