// "Did you mean …?" for a misspelled lesson field: the closest field name the lesson schema knows,
// by edit distance, when it is close enough to be the one meant.
import { editDistance } from './edit-distance.js';
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

export function didYouMean(name: string): string | undefined {
  const best = fieldNames()
    .map((candidate) => ({ candidate, distance: editDistance(name.toLowerCase(), candidate.toLowerCase()) }))
    .sort((x, y) => x.distance - y.distance)[0];
  return best && best.distance <= Math.max(2, Math.floor(name.length / 4)) ? best.candidate : undefined;
}
