// A lesson file or manifest that is not a regular file (a FIFO left by a script, a device, a
// folder) is refused at once with what it is; reading a FIFO would wait forever for a writer.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lessonIndex } from './lesson-index.js';
import { loadLesson } from './load.js';
import { NotRegularFile, readRegularFile } from './regular-file.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kindlab-fifo-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still reading after ${ms} ms`)), ms))]);

describe('reading lesson files', () => {
  it('a FIFO is refused at once, naming what it is', async () => {
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const error = await within(
      2000,
      readRegularFile(fifo).then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    expect(error).toBeInstanceOf(NotRegularFile);
    expect((error as NotRegularFile).what.en).toBe('a named pipe (FIFO)');
  });

  it('a folder and a device are refused too; a regular file, also through a symlink, is read', async () => {
    await expect(readRegularFile(dir)).rejects.toMatchObject({ what: { en: 'a folder' } });
    await expect(readRegularFile('/dev/null')).rejects.toMatchObject({ what: { en: 'a device' } });
    writeFileSync(path.join(dir, 'ok.yaml'), 'a: 1\n');
    execFileSync('ln', ['-s', path.join(dir, 'ok.yaml'), path.join(dir, 'link.yaml')]);
    expect(await readRegularFile(path.join(dir, 'link.yaml'))).toBe('a: 1\n');
  });

  it('a lesson whose lesson.yaml is a FIFO loads as an error with file:1:1 instead of hanging', async () => {
    const lessonDir = path.join(dir, '99-fifo');
    mkdirSync(lessonDir);
    execFileSync('mkfifo', [path.join(lessonDir, 'lesson.yaml')]);
    const result = await within(2000, loadLesson(lessonDir));
    expect(result.ok).toBe(false);
    const message = JSON.stringify(!result.ok && result.errors.map((e) => e.message));
    expect(message).toContain('a named pipe (FIFO)');
    expect(message).toContain('a regular file');
  });

  it('a manifest that is a FIFO is an error at its line in lesson.yaml instead of hanging', async () => {
    // The fixture lesson, with its web.yaml replaced by a FIFO.
    const lessonDir = path.join(dir, '03-service-clusterip');
    cpSync(path.resolve('test/fixtures/labs/03-service-clusterip'), lessonDir, { recursive: true });
    rmSync(path.join(lessonDir, 'manifests', 'web.yaml'));
    execFileSync('mkfifo', [path.join(lessonDir, 'manifests', 'web.yaml')]);
    const result = await within(2000, loadLesson(lessonDir));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(!result.ok && result.errors.map((e) => e.message))).toMatch(/lesson\.yaml:\d+:\d+: .*manifests\/web\.yaml is a named pipe \(FIFO\)/);
  });

  it('the lesson index behind list does not wait on a FIFO in a lesson folder', async () => {
    const labs = path.join(dir, 'labs-with-fifo');
    cpSync(path.resolve('test/fixtures/labs/03-service-clusterip'), path.join(labs, '03-service-clusterip'), { recursive: true });
    execFileSync('mkfifo', [path.join(labs, '03-service-clusterip', 'notes.fifo')]);
    const index = await within(3000, lessonIndex(labs, path.join(dir, 'index-cache')));
    expect(index.lessons.map((l) => l.id)).toEqual(['03-service-clusterip']);
  });
});
