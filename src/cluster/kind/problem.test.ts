import { describe, expect, it } from 'vitest';
import { commandOutcome } from './problem.js';

describe('what a failed tool said, as a setup problem shows it', () => {
  it('30 MB of kind create stderr becomes its last lines, with control bytes gone', () => {
    const stderr = `${'ERROR: pulling image\n'.repeat(1_500_000)}\x1b[31mfailed to create cluster\x1b[0m\n`;
    const shown = commandOutcome({ timedOut: false, exitCode: 1, stderr, stdout: '' });
    expect(shown.en.length).toBeLessThan(4_200);
    expect(shown.en).toMatch(/^exit 1: \[… \d+ earlier lines left out …\]/);
    expect(shown.en.endsWith('failed to create cluster')).toBe(true);
    expect(shown.ja).not.toContain('\x1b');
  });
  it('a short answer is shown whole', () => {
    expect(commandOutcome({ timedOut: false, exitCode: 2, stderr: 'no such cluster\n', stdout: '' }).en).toBe('exit 2: no such cluster');
  });
});
