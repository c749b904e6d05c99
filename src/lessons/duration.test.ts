import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

describe('durations', () => {
  it.each([
    [446, '446ms'],
    [5_000, '5s'],
    [5_400, '5.4s'],
    [59_950, '1m'],
    [61_000, '1m1s'],
    [119_700, '2m'],
    [150_000, '2m30s'],
  ])('%i ms reads as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
  it('reads what lesson authors write', () => {
    expect([parseDuration('500ms'), parseDuration('30s'), parseDuration('2m'), parseDuration('soon')]).toEqual([500, 30_000, 120_000, undefined]);
  });
});
