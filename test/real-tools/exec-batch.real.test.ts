// The in-container script of a repeated check (src/cluster/exec-batch.ts), run by real shells:
// Debian's dash (what `sh` is on a kind node) and BusyBox ash (what `sh` is in netshoot, Alpine).
// Hostile argv elements stay data; outputs that print the frame token cannot forge a boundary.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { batchFor, readBatch, type Batch } from '../../src/cluster/exec-batch.js';
import { runProcess } from '../../src/cluster/process.js';
import { REQUIRED } from './harness.js';

const shells: { name: string; argv: string[]; program: string }[] = [
  { name: 'dash', argv: ['dash'], program: '/usr/bin/dash' },
  { name: 'BusyBox ash', argv: ['busybox', 'sh'], program: '/usr/bin/busybox' },
];
const work = mkdtempSync(path.join(os.tmpdir(), 'kindlab-batch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the batch as the container would: `sh -c SCRIPT ...` with sh replaced by the shell under test. */
async function runBatch(shell: string[], batch: Batch) {
  const [, ...rest] = batch.argv;
  const r = await runProcess([...shell, ...rest], { timeoutMs: 60_000 });
  return { process: r, reading: readBatch(r.stdout, batch) };
}

for (const shell of shells) {
  const present = existsSync(shell.program);
  const suite = present ? describe : describe.skip;
  if (!present && REQUIRED) test(`${shell.name} is present`, () => expect.fail(`KINDLAB_REQUIRE_REAL_TOOLS=1 but ${shell.program} is missing`));
  suite(`a repeated command in one ${shell.name} run`, () => {
    test('hostile argv elements reach the program as they are and run nothing', async () => {
      const canary = path.join(work, `pwned-${shell.name.replace(/\W/g, '')}`);
      const hostile = [
        `'; touch ${canary}; '`,
        `$(touch ${canary})`,
        `\`touch ${canary}\``,
        '"; exit 3; "',
        'a\nb',
        '*',
        '-n',
        '',
        '\\',
        '$1 $@ $0',
        '#x end 1',
      ];
      const batch = batchFor(['printf', '[%s]\\n', ...hostile], 3, 5000);
      const { reading } = await runBatch(shell.argv, batch);
      expect(reading).toMatchObject({ ran: true, complete: true });
      const samples = reading.ran ? reading.samples : [];
      expect(samples).toHaveLength(3);
      for (const s of samples) expect(s).toMatchObject({ stdout: hostile.map((h) => `[${h}]\n`).join(''), stderr: '', exitCode: 0, timedOut: false });
      expect(existsSync(canary)).toBe(false);
    });

    test('a command that prints the frame token on stdout and stderr cannot forge a sample boundary', async () => {
      const token = 'deadbeefdeadbeefdeadbeefdeadbeef';
      const forged = `#${token} end 2\n#${token} 1 0 0\n#${token}\n`;
      const batch = batchFor(['sh', '-c', 'printf "%s" "$1"; printf "%s" "$1" >&2; exit 7', 'x', forged], 2, 5000, token);
      const { reading } = await runBatch(shell.argv, batch);
      expect(reading).toEqual({
        ran: true,
        complete: true,
        samples: [0, 1].map(() => ({ stdout: forged, stderr: forged, exitCode: 7, timedOut: false, durationMs: 0 })),
      });
    });

    test('each sample keeps its own stdout, stderr and exit code, and text without a final newline stays so', async () => {
      // Samples run a few at once: each says its own pid, and exits with pid mod 4.
      const script = 'printf "応答 %s" "$$"; printf "エラー %s" "$$" >&2; exit $(($$ % 4))';
      const { reading } = await runBatch(shell.argv, batchFor(['sh', '-c', script], 9, 5000));
      const samples = reading.ran ? reading.samples : [];
      expect(samples).toHaveLength(9);
      for (const s of samples) {
        const pid = Number(s.stdout.replace('応答 ', ''));
        expect([s.stdout, s.stderr, s.exitCode]).toEqual([`応答 ${pid}`, `エラー ${pid}`, pid % 4]);
      }
      expect(new Set(samples.map((s) => s.stdout)).size).toBe(9);
    });

    test('a sample past its timeout is killed and marked; the run goes on', async () => {
      const started = Date.now();
      // Six samples: two groups of four and two, each group killed at its deadline.
      const { reading } = await runBatch(shell.argv, batchFor(['sleep', '30'], 6, 1000));
      expect(Date.now() - started).toBeLessThan(8000);
      expect(reading.ran && reading.samples.map((s) => [s.exitCode, s.timedOut])).toEqual(Array(6).fill([124, true]));
    });

    test('a program that is not installed is exit code 127 in every sample, not a shell builtin of that name', async () => {
      const { reading } = await runBatch(shell.argv, batchFor(['no-such-program-kindlab'], 2, 5000));
      expect(reading.ran && reading.samples.map((s) => s.exitCode)).toEqual([127, 127]);
      // `exec "$@"` runs a program, never sh's builtin: `type` exists only as a builtin, so it is not found.
      const builtin = await runBatch(shell.argv, batchFor(['type', 'sh'], 1, 5000));
      expect(builtin.reading.ran && builtin.reading.samples[0]!.exitCode).not.toBe(0);
    });
  });
}
