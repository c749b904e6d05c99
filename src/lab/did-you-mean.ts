// "Did you mean …?" for a misspelled lesson field: the closest field name the lesson schema knows,
// by edit distance, when it is close enough to be the one meant.
import { lessonJsonSchema } from './schema.js';

let knownFieldNames: string[] | undefined;
/** Every field name the schema knows, for "did you mean" on a misspelled one. */
function fieldNames(): string[] {
  if (knownFieldNames) return knownFieldNames;
  const names = new Set<string>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const props = (node as { properties?: Record<string, unknown> }).properties;
    if (props) Object.keys(props).forEach((k) => names.add(k));
    Object.values(node).forEach(walk);
  };
  walk(lessonJsonSchema());
  return (knownFieldNames = [...names]);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

export function didYouMean(name: string): string | undefined {
  const best = fieldNames()
    .map((candidate) => ({ candidate, distance: editDistance(name.toLowerCase(), candidate.toLowerCase()) }))
    .sort((x, y) => x.distance - y.distance)[0];
  return best && best.distance <= Math.max(2, Math.floor(name.length / 4)) ? best.candidate : undefined;
}
