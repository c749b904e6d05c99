// The check's progress line on a terminal (listr2's renderer, as a learner sees it): a check that
// did not pass must not end with a green tick (issue 11 point 12).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PollOutcome } from '../engine/poll.js';
import type { Step } from '../lessons/model.js';
import { Output } from './output.js';
import { unattendedPrompts } from './prompts.js';
import { sessionUI } from './session-ui.js';

let written = '';
const originals = { out: process.stdout.write, err: process.stderr.write, tty: process.stdout.isTTY };
beforeEach(() => {
  written = '';
  // listr2 draws on process.stdout when it is a terminal: make it one and keep what is drawn.
  process.stdout.isTTY = true;
  process.stdout.write = ((chunk: string | Uint8Array) => ((written += chunk.toString()), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((written += chunk.toString()), true)) as typeof process.stderr.write;
});
afterEach(() => {
  process.stdout.write = originals.out;
  process.stderr.write = originals.err;
  process.stdout.isTTY = originals.tty;
});

const plain = (s: string) => s.replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '');
const step = { id: 's1', kind: 'step', title: { ja: 't', en: 't' }, say: { ja: '', en: '' }, eventually: '30s' } as unknown as Step;
const outcome = (pass: boolean): PollOutcome => ({ pass, tries: 3, elapsedMs: 30_000, checks: [], captures: [] });

describe('the check line on a terminal', () => {
  it('a check that did not pass ends with a red cross, not a green tick, and its outcome is returned', async () => {
    const ui = sessionUI(new Output('tty', 'en', process.stdout, process.stderr), unattendedPrompts(), new AbortController().signal);
    const got = await ui.check(step, async () => outcome(false));
    expect(got.pass).toBe(false);
    const lines = plain(written)
      .split('\n')
      .filter((l) => l.includes('Checking'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((l) => l.includes('✔'))).toBe(false);
    expect(lines.at(-1)).toMatch(/✖.*Checking \(until it passes, up to 30s\)/);
  });

  it('a check that passed ends with the green tick', async () => {
    const ui = sessionUI(new Output('tty', 'en', process.stdout, process.stderr), unattendedPrompts(), new AbortController().signal);
    const got = await ui.check(step, async () => outcome(true));
    expect(got.pass).toBe(true);
    const lines = plain(written)
      .split('\n')
      .filter((l) => l.includes('Checking'));
    expect(lines.at(-1)).toMatch(/✔.*Checking/);
  });

  it('in Japanese too', async () => {
    const ui = sessionUI(new Output('tty', 'ja', process.stdout, process.stderr), unattendedPrompts(), new AbortController().signal);
    await ui.check(step, async () => outcome(false));
    const lines = plain(written)
      .split('\n')
      .filter((l) => l.includes('確認中'));
    expect(lines.some((l) => l.includes('✔'))).toBe(false);
    expect(lines.at(-1)).toMatch(/✖.*確認中/);
  });
});
