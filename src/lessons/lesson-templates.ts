// `{{name}}` templates in lesson.yaml checked at load time: each names a built-in value or a
// capture of this or an earlier step, in a form kindlab can fill; never found undefined mid-lesson.
import { TEMPLATE_PATTERN } from '../expectations/expectation-kind.js';
import type { LessonFile } from './schema.js';
import { placeAt, type Located, type Placed } from './yaml-positions.js';

/** Template names every lesson may use without capturing them. */
export const BUILTIN_TEMPLATES = ['namespace', 'profile', 'cluster'] as const;

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

export function checkTemplates(src: Located, parsed: LessonFile): Placed[] {
  const problems: Placed[] = [];
  const known = new Set<string>(BUILTIN_TEMPLATES);
  const report = (keys: PropertyKey[], name: string, bad?: boolean) => {
    const defined = [...known].join(', ');
    problems.push(
      bad
        ? placeAt(
            src,
            keys,
            { ja: '{{name}} (フィルタ付きなら {{name|one}}、{{name|dashes}})', en: '{{name}}, optionally with filters: {{name|one}}, {{name|dashes}}' },
            name,
          )
        : placeAt(
            src,
            keys,
            { ja: `このステップか前のステップで定義した値 (${defined})`, en: `a capture defined in this or an earlier step (${defined})` },
            `{{${name}}}`,
          ),
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
  return problems;
}
