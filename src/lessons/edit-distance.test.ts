import { describe, expect, it } from 'vitest';
import { editDistance } from './edit-distance.js';

describe('edit distance between a typo and a field name', () => {
  it.each([
    ['targetPot', 'targetPort', 1],
    ['durationMinuts', 'durationMinutes', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['ab', 'ba', 2],
    ['same', 'same', 0],
  ])('%s → %s is %i', (a, b, want) => {
    expect(editDistance(a, b)).toBe(want);
    expect(editDistance(b, a)).toBe(want);
  });
});
