// Reads a value at a JSONPath-like path (`.spec.clusterIP`, `.items[*].status.podIP`,
// `.status.addresses[?(@.type=="InternalIP")].address`, escaped dots in label keys). Pure.

type Segment = { field: string } | { index: number } | { all: true } | { filter: { field: string; value: string } };

function tokenize(path: string): Segment[] | undefined {
  const segments: Segment[] = [];
  let rest = path.trim().replace(/^\{|\}$/g, '').replace(/^\$/, '');
  while (rest.length) {
    let m: RegExpExecArray | null;
    if ((m = /^\.((?:\\\.|[^.[\\])+)/.exec(rest))) segments.push({ field: m[1]!.replace(/\\\./g, '.') });
    else if ((m = /^\[(\d+)\]/.exec(rest))) segments.push({ index: Number(m[1]) });
    else if ((m = /^\[\*\]/.exec(rest))) segments.push({ all: true });
    else if ((m = /^\[\?\(@\.([A-Za-z0-9_.-]+)\s*==\s*["']([^"']*)["']\)\]/.exec(rest))) segments.push({ filter: { field: m[1]!, value: m[2]! } });
    else if ((m = /^\['([^']+)'\]/.exec(rest))) segments.push({ field: m[1]! });
    else return undefined;
    rest = rest.slice(m[0].length);
  }
  return segments;
}

export function isValidPath(path: string): boolean {
  return tokenize(path) !== undefined;
}

/** The value at the path; a list when the path has [*] or a filter; undefined when absent. */
export function evaluateJsonPath(root: unknown, path: string): unknown {
  const segments = tokenize(path);
  if (!segments) return undefined;
  let values: unknown[] = [root];
  let many = false;
  const field = (v: unknown, name: string) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[name] : undefined);
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const v of values) {
      if ('field' in segment) next.push(field(v, segment.field));
      else if ('index' in segment) next.push(Array.isArray(v) ? v[segment.index] : undefined);
      else if ('all' in segment) {
        many = true;
        if (Array.isArray(v)) next.push(...v);
      } else {
        many = true;
        if (Array.isArray(v)) next.push(...v.filter((item) => String(evaluateJsonPath(item, `.${segment.filter.field}`)) === segment.filter.value));
      }
    }
    values = next.filter((v) => v !== undefined);
  }
  return many ? values : values[0];
}
