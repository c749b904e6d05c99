// A small JSONPath evaluator for captures and read checks, in the dialect kubectl's
// `-o jsonpath` accepts for the paths lessons need (k8s.io/client-go/util/jsonpath):
//   .spec.clusterIP   .items[0].status.podIP   .endpoints[*].addresses[0]
//   .status.addresses[?(@.type=="InternalIP")].address   .metadata.labels.app\.kubernetes\.io/name
//   .metadata.labels['app.kubernetes.io/name']   {.spec.clusterIP}   $.spec.ports[-1].port
// Pure: takes a value, returns a value. A path with [*] or a filter yields a list (possibly
// empty); a path without yields one value, or undefined when any part is absent.

import { KindlabError } from './errors.js';

export type PathSegment =
  | { type: 'field'; name: string }
  | { type: 'index'; index: number }
  | { type: 'wildcard' }
  | { type: 'filter'; path: PathSegment[]; op?: '==' | '!=' | '<' | '>' | '<=' | '>='; value?: string | number | boolean };

export class JsonPathError extends KindlabError {
  constructor(
    readonly path: string,
    readonly position: number,
    why: string,
  ) {
    super(`bad path "${path}" at character ${position + 1}: ${why}`);
    this.name = 'JsonPathError';
  }
}

/** Parses a path into segments; throws JsonPathError with the position of the first bad character. */
export function parseJsonPath(path: string): PathSegment[] {
  let src = path.trim();
  if (src.startsWith('{') && src.endsWith('}')) src = src.slice(1, -1).trim();
  const offset = path.indexOf(src);
  const segments: PathSegment[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new JsonPathError(path, offset + i, why);
  };
  if (src.startsWith('$')) i = 1;
  if (i >= src.length) return segments;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '.') {
      i++;
      if (src[i] === '*') {
        i++;
        segments.push({ type: 'wildcard' });
        continue;
      }
      let name = '';
      while (i < src.length && src[i] !== '.' && src[i] !== '[') {
        if (src[i] === '\\' && i + 1 < src.length) {
          name += src[i + 1];
          i += 2;
        } else {
          name += src[i];
          i++;
        }
      }
      if (!name) fail('a field name is missing after "."');
      segments.push({ type: 'field', name });
    } else if (ch === '[') {
      const close = findClosingBracket(src, i);
      if (close < 0) fail('"[" is never closed');
      const inner = src.slice(i + 1, close).trim();
      segments.push(parseBracket(inner, fail));
      i = close + 1;
    } else {
      fail(`expected "." or "[" but found "${ch}"`);
    }
  }
  return segments;
}

function findClosingBracket(src: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let j = open; j < src.length; j++) {
    const c = src[j];
    if (quote) {
      if (c === '\\') j++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') {
      depth--;
      if (depth === 0) return j;
    }
  }
  return -1;
}

function parseBracket(inner: string, fail: (why: string) => never): PathSegment {
  if (inner === '*') return { type: 'wildcard' };
  if (/^-?\d+$/.test(inner)) return { type: 'index', index: Number(inner) };
  const quoted = /^(['"])(.*)\1$/.exec(inner);
  if (quoted) return { type: 'field', name: quoted[2] ?? '' };
  const filter = /^\?\((.*)\)$/.exec(inner);
  if (filter) {
    const body = (filter[1] ?? '').trim();
    const m = /^@((?:\.[^=!<>\s]+)*)\s*(?:(==|!=|<=|>=|<|>)\s*(.+))?$/.exec(body);
    if (!m) return fail(`cannot read the filter "${inner}"; write it like [?(@.type=="InternalIP")]`);
    const path = m[1] ? parseJsonPath(m[1]) : [];
    if (!m[2]) return { type: 'filter', path };
    return { type: 'filter', path, op: m[2] as NonNullable<Extract<PathSegment, { type: 'filter' }>['op']>, value: literal(m[3] ?? '', fail) };
  }
  return fail(`cannot read "[${inner}]"; use [0], [*], ['name'] or [?(@.field=="value")]`);
}

function literal(text: string, fail: (why: string) => never): string | number | boolean {
  const t = text.trim();
  const q = /^(['"])(.*)\1$/.exec(t);
  if (q) return q[2] ?? '';
  if (t === 'true' || t === 'false') return t === 'true';
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return fail(`the value ${t} in a filter must be quoted, a number, true or false`);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function step(values: unknown[], seg: PathSegment): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    switch (seg.type) {
      case 'field':
        if (isRecord(v) && seg.name in v && v[seg.name] !== undefined) out.push(v[seg.name]);
        break;
      case 'index':
        if (Array.isArray(v)) {
          const idx = seg.index < 0 ? v.length + seg.index : seg.index;
          if (idx >= 0 && idx < v.length) out.push(v[idx]);
        }
        break;
      case 'wildcard':
        if (Array.isArray(v)) out.push(...v);
        else if (isRecord(v)) out.push(...Object.values(v));
        break;
      case 'filter':
        if (Array.isArray(v)) out.push(...v.filter((item) => matches(item, seg)));
        break;
    }
  }
  return out;
}

function matches(item: unknown, seg: Extract<PathSegment, { type: 'filter' }>): boolean {
  const found = seg.path.reduce<unknown[]>((vals, s) => step(vals, s), [item]);
  if (!seg.op) return found.length > 0;
  const want = seg.value;
  return found.some((got) => {
    switch (seg.op) {
      case '==':
        return got === want || (typeof got === 'number' && String(got) === String(want));
      case '!=':
        return got !== want;
      case '<':
        return typeof got === 'number' && typeof want === 'number' && got < want;
      case '>':
        return typeof got === 'number' && typeof want === 'number' && got > want;
      case '<=':
        return typeof got === 'number' && typeof want === 'number' && got <= want;
      case '>=':
        return typeof got === 'number' && typeof want === 'number' && got >= want;
      default:
        return false;
    }
  });
}

/** True when the path can yield several values ([*], .* or a filter), so its result is a list. */
export function yieldsList(segments: PathSegment[]): boolean {
  return segments.some((s) => s.type === 'wildcard' || s.type === 'filter');
}

/**
 * Evaluates `path` on `value`. Returns the value at the path, undefined when absent; for paths
 * with [*] or a filter, the list of values found (empty when none).
 */
export function evaluateJsonPath(value: unknown, path: string | PathSegment[]): unknown {
  const segments = typeof path === 'string' ? parseJsonPath(path) : path;
  const found = segments.reduce<unknown[]>((vals, seg) => step(vals, seg), [value]);
  if (yieldsList(segments)) return found;
  return found[0];
}
