// Substitutes captured values into argv, run targets and expectation parameters. Values are
// placed into argv elements and parameters, never into a shell string.
import { KindlabError } from '../core/errors.js';
import { TEMPLATE_PATTERN, templateFilters, type TemplateFilter } from '../expectations/expectation-kind.js';

export type Binding = string | number | boolean | Binding[];
export type Bindings = Map<string, Binding | undefined>;

/** A template whose capture has no value yet: the round is "not yet", not a failure of the lesson. */
export class UnboundTemplate extends KindlabError {
  constructor(readonly names: string[]) {
    const templates = names.map((n) => `{{${n}}}`).join(', ');
    const en = `no value yet for ${templates}`;
    super(en, { text: { ja: `${templates} の値がまだありません`, en } });
    this.name = 'UnboundTemplate';
  }
}

/**
 * `{{x|one}}` met a list that does not hold exactly one value (e.g. a selector matched two Pods
 * during a rollout). Like an unbound template it makes the round fail with why, and a poll retries.
 */
export class NotExactlyOne extends KindlabError {
  constructor(
    readonly capture: string,
    readonly values: Binding[],
  ) {
    const list = values.length ? `: ${values.map(asText).join(', ')}` : '';
    const en = `{{${capture}|one}} needs exactly one value; ${capture} has ${values.length}${list}`;
    super(en, { text: { ja: `{{${capture}|one}} には値がちょうど 1 つ必要ですが、${capture} には ${values.length} 個あります${list}`, en } });
    this.name = 'NotExactlyOne';
  }
}

/** A string that is one template and nothing else; `|one` may follow, as it keeps the value's type. */
const WHOLE_TEMPLATE = /^\s*\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*(\|\s*one\s*)?\}\}\s*$/;

const asText = (value: Binding): string => (Array.isArray(value) ? value.map(asText).join(',') : String(value));

function applyFilter(filter: TemplateFilter, name: string, value: Binding): Binding {
  switch (filter) {
    case 'one':
      if (!Array.isArray(value)) return value;
      if (value.length !== 1) throw new NotExactlyOne(name, value);
      return value[0]!;
    case 'dashes':
      return asText(value).replace(/[.:]/g, '-');
  }
}

/** A string that is exactly one template becomes the captured value itself (a list stays a list). */
export function substitute<T>(value: T, bindings: Bindings): T {
  const missing = new Set<string>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const whole = WHOLE_TEMPLATE.exec(v);
      if (whole) {
        const bound = bindings.get(whole[1]!);
        if (bound === undefined) {
          missing.add(whole[1]!);
          return v;
        }
        return whole[2] ? applyFilter('one', whole[1]!, bound) : bound;
      }
      return v.replace(TEMPLATE_PATTERN, (text, name: string, filters: string) => {
        const bound = bindings.get(name);
        if (bound === undefined) {
          missing.add(name);
          return text;
        }
        return asText(templateFilters(filters).reduce<Binding>((acc, filter) => applyFilter(filter, name, acc), bound));
      });
    }
    // A list capture standing alone as a list element is spliced in: ["{{podIPs}}", "10.0.0.1"]
    // becomes ["10.244.1.5", "10.244.2.6", "10.0.0.1"], never a list inside a list.
    if (Array.isArray(v))
      return v.flatMap((item) =>
        typeof item === 'string' && WHOLE_TEMPLATE.test(item) && Array.isArray(walk(item)) ? (walk(item) as unknown[]) : [walk(item)],
      );
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item)]));
    return v;
  };
  const result = walk(value);
  if (missing.size) throw new UnboundTemplate([...missing]);
  return result as T;
}

/** argv elements must stay strings; a list capture inside argv joins with commas. */
export function substituteArgv(argv: string[], bindings: Bindings): string[] {
  // Element by element: one argv element stays one argument (never spliced into several).
  return argv.map((arg) => {
    const value = substitute(arg, bindings) as unknown;
    return typeof value === 'string' ? value : asText(value as Binding);
  });
}

/** Converts a value read from an object into a binding (objects become JSON text). */
export function toBinding(value: unknown): Binding | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(toBinding).filter((v): v is Binding => v !== undefined);
    return items;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}
