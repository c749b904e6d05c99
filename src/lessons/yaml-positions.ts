// Where a value of lesson.yaml stands: a YAML path (`['steps', 0, 'id']`) turned into the line and
// column of its node, and into the field name a lesson author reads (`steps[0].id`). Every load
// problem is placed through here, so file:line:column means the same thing in every message.
import type { Document, LineCounter, Node } from 'yaml';
import { isMap, isScalar, isSeq } from 'yaml';
import type { Text } from '../core/text.js';

/** lesson.yaml parsed with positions: its display name, its document and its line counter. */
export interface Located {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** A problem placed in lesson.yaml; the loader turns it into a LessonFileError. */
export interface Placed {
  line: number;
  column: number;
  field: string;
  expected: string | Text;
  found: string | Text;
}

export function position(src: Located, offset: number | undefined): { line: number; column: number } {
  if (offset === undefined) return { line: 1, column: 1 };
  const { line, col } = src.lines.linePos(offset);
  return { line, column: col };
}

/** The deepest YAML node that exists along a path, and whether the whole path was found. */
export function nodeAt(doc: Document.Parsed, keys: readonly PropertyKey[]): { node: Node | undefined; complete: boolean } {
  let node: unknown = doc.contents;
  for (const key of keys) {
    let next: unknown;
    if (isMap(node)) next = node.items.find((pair) => isScalar(pair.key) && pair.key.value === key)?.value;
    else if (isSeq(node) && typeof key === 'number') next = node.items[key];
    if (next === undefined || next === null) return { node: node as Node, complete: false };
    node = next;
  }
  return { node: node as Node, complete: true };
}

export function keyNode(doc: Document.Parsed, parent: readonly PropertyKey[], key: string): Node | undefined {
  const { node } = nodeAt(doc, parent);
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair?.key as Node | undefined;
}

export function fieldName(keys: readonly PropertyKey[]): string {
  return keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
}

/** A problem at the value a path names (or the deepest node on the way), named by that path. */
export function placeAt(src: Located, keys: readonly PropertyKey[], expected: string | Text, found: string | Text): Placed {
  return { ...position(src, nodeAt(src.doc, keys).node?.range?.[0]), field: fieldName(keys), expected, found };
}
