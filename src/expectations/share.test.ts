import { describe, expect, it } from 'vitest';
import { share } from './generic.js';

const answers = (counts: Record<string, number>) => ({
  profile: 'kindnet',
  samples: Object.entries(counts).flatMap(([stdout, n]) => Array.from({ length: n }, () => ({ stdout, stderr: '', exitCode: 0, timedOut: false }))),
});

describe('share of a traffic split', () => {
  const params = { value: 'echo-v1', expected: 0.9, tolerance: 0.07 };
  it('a share exactly on the edge of the tolerance passes (166/200 = 0.83 is 0.07000000000000006 from 0.9 in floating point)', () => {
    expect(share.evaluate(params, answers({ 'echo-v1': 166, 'echo-v2': 34 })).pass).toBe(true);
    expect(share.evaluate(params, answers({ 'echo-v1': 194, 'echo-v2': 6 })).pass).toBe(true); // 0.97
  });
  it('one answer past the edge fails', () => {
    expect(share.evaluate(params, answers({ 'echo-v1': 165, 'echo-v2': 35 })).pass).toBe(false);
    expect(share.evaluate(params, answers({ 'echo-v1': 195, 'echo-v2': 5 })).pass).toBe(false);
  });
});
