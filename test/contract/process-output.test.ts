// Huge or hostile program output (issue 11 point 5): kindlab keeps a bounded head and tail of each
// stream, saves the whole stream to a file under the cache folder and says where, and never prints
// a program's escape sequences or control bytes. Real programs (sh, head, tr) make the output.
import { mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandFailed, displayTail, forDisplay, KEEP_BYTES, mustSucceed, runProcess } from '../../src/cluster/process.js';

let home: string;
beforeAll(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'kindlab-output-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

const MB50 = 50_000_000;

describe('a program that prints 50 MB', () => {
  it('keeps a bounded head and tail in memory and the whole stream in a file under the cache folder', async () => {
    const r = await runProcess(['sh', '-c', `printf BEGIN; head -c ${MB50} /dev/zero | tr '\\0' x; printf END`], {
      timeoutMs: 60_000,
      env: { KINDLAB_HOME: home },
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.length).toBeLessThan(KEEP_BYTES + 1000);
    expect(r.stdout.startsWith('BEGINxxx')).toBe(true);
    expect(r.stdout.endsWith('xxxEND')).toBe(true);
    const saved = r.saved?.stdout;
    expect(saved?.totalBytes).toBe(MB50 + 8);
    expect(saved?.file?.startsWith(path.join(home, 'cache', 'output') + path.sep)).toBe(true);
    expect(statSync(saved!.file!).size).toBe(MB50 + 8);
    expect(r.stdout).toContain(`all ${MB50 + 8} bytes in ${saved!.file}`);
  });

  it('an output within the bound is kept whole and nothing is saved', async () => {
    const r = await runProcess(['sh', '-c', 'printf "a\\nb\\n"; printf err >&2'], { timeoutMs: 10_000, env: { KINDLAB_HOME: home } });
    expect(r).toMatchObject({ stdout: 'a\nb\n', stderr: 'err', exitCode: 0 });
    expect(r.saved).toBeUndefined();
  });

  it('head and tail are exact at the bound (small bound, odd chunk sizes)', async () => {
    const r = await runProcess(['sh', '-c', 'seq 1 5000'], { timeoutMs: 10_000, keepBytes: 100, saveDir: path.join(home, 'small') });
    const all = Array.from({ length: 5000 }, (_, i) => `${i + 1}\n`).join('');
    expect(r.stdout.startsWith(all.slice(0, 50))).toBe(true);
    expect(r.stdout.endsWith(all.slice(-50))).toBe(true);
    expect(readFileSync(r.saved!.stdout!.file!, 'utf8')).toBe(all);
  });
});

describe('a failing tool that floods stderr (kind create)', () => {
  it('the error shows the last lines only, without control bytes, and names the file with all of it', async () => {
    // 30 MB of stderr with colours, a terminal title and carriage-return progress, then the real reason.
    const script = `i=0; while [ $i -lt 300 ]; do head -c 100000 /dev/zero | tr '\\0' '.' >&2; printf '\\033[31m\\033]0;title\\007 step %s\\r\\n' $i >&2; i=$((i+1)); done; printf 'ERROR: failed to create cluster: node(s) already exist\\n' >&2; exit 1`;
    const r = await runProcess(['sh', '-c', script], { timeoutMs: 60_000, env: { KINDLAB_HOME: home } });
    expect(r.exitCode).toBe(1);
    let error: CommandFailed | undefined;
    try {
      mustSucceed(r, 'kind create cluster');
    } catch (e) {
      error = e as CommandFailed;
    }
    expect(error).toBeInstanceOf(CommandFailed);
    expect(error!.message.length).toBeLessThan(10_000);
    expect(error!.message).toContain('ERROR: failed to create cluster: node(s) already exist');
    expect(error!.message).toContain(`(full output: ${r.saved!.stderr!.file})`);
    expect(error!.message).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });
});

describe('text from a program is made safe to print', () => {
  it('drops CSI, OSC and other escape sequences and control bytes; keeps tabs, newlines and non-ASCII', () => {
    const raw = '\x1b[2J\x1b[31mred\x1b[0m\t\x1b]0;pwned\x07ok\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \x07bell\x08 名前\x9b31m\x1bPdcs\x1b\\\x1bc\r\n';
    expect(forDisplay(raw)).toBe('red\toklink bell 名前\n');
  });

  it('carriage-return progress becomes lines, and only the last lines are shown', () => {
    expect(forDisplay('10%\r50%\r100%\n')).toBe('10%\n50%\n100%\n');
    const many = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const shown = displayTail(many, 5);
    expect(shown.split('\n')).toEqual(['[… 95 earlier lines left out …]', 'line 95', 'line 96', 'line 97', 'line 98', 'line 99']);
  });
});

describe('what a check printed reaches the terminal without its control bytes', () => {
  it('a check output with a terminal title, a clear-screen and colours is shown as plain text', async () => {
    const { renderCheck } = await import('../../src/ui/check-report.js');
    const { Output } = await import('../../src/ui/output.js');
    const out = new Output('plain', 'en', { write: () => {} }, { write: () => {} });
    const hostile = '\x1b]0;owned\x07\x1b[2J\x1b[31mHTTP/1.1 200 OK\x1b[0m\r\n';
    const lines = renderCheck(
      out,
      {
        shown: ['kubectl', 'exec', 'netshoot', '--', 'curl', '-si', 'web'],
        output: hostile,
        samples: 1,
        pass: false,
        results: [{ key: 'stdout.has', params: 'x', verdict: { pass: false, expected: 'x', observed: hostile } }],
      } as never,
      true,
    );
    const text = lines.join('\n');
    expect(text).toContain('HTTP/1.1 200 OK');
    expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });
});

describe('a check output that is one huge line', () => {
  it('is shown clipped by characters too, not whole', async () => {
    const { renderCheck } = await import('../../src/ui/check-report.js');
    const { Output } = await import('../../src/ui/output.js');
    const out = new Output('plain', 'en', { write: () => {} }, { write: () => {} });
    const huge = 'x'.repeat(2_000_000);
    const lines = renderCheck(out, { shown: ['curl', 'web'], output: huge, samples: 1, pass: false, results: [] } as never, true);
    const text = lines.join('\n');
    expect(text.length).toBeLessThan(20_000);
    expect(text).toMatch(/more characters/);
  });
});

describe('saved outputs do not pile up', () => {
  it('saving one more keeps the newest SAVED_OUTPUTS_KEPT files of the folder', async () => {
    const { SAVED_OUTPUTS_KEPT } = await import('../../src/cluster/process.js');
    const { mkdirSync, readdirSync, writeFileSync } = await import('node:fs');
    const saveDir = path.join(home, 'prune');
    mkdirSync(saveDir, { recursive: true });
    for (let i = 0; i < SAVED_OUTPUTS_KEPT + 5; i++)
      writeFileSync(path.join(saveDir, `2020-01-01T00-00-${String(i).padStart(2, '0')}-000Z-old-1-x.stdout.log`), 'old');
    writeFileSync(path.join(saveDir, 'notes.txt'), 'not a saved output');
    const r = await runProcess(['sh', '-c', 'seq 1 1000'], { timeoutMs: 10_000, keepBytes: 100, saveDir });
    const left = readdirSync(saveDir).filter((n) => n.endsWith('.log'));
    expect(left).toHaveLength(SAVED_OUTPUTS_KEPT);
    expect(left).toContain(path.basename(r.saved!.stdout!.file!));
    expect(left).not.toContain('2020-01-01T00-00-00-000Z-old-1-x.stdout.log');
    expect(readdirSync(saveDir)).toContain('notes.txt');
  });
});
