// The lesson index `list` reads: the same rows as loading every lesson, from the cache only while
// nothing in a lesson folder changed, and never trusted when damaged or when a lesson breaks.
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LESSON_INDEX_FILE, RACY_MS, lessonIndex, summaryOf } from './lesson-index.js';
import { loadAllLessons } from './load.js';

const repoLabs = path.resolve(import.meta.dirname, '../../labs');
let labs: string;
let cache: string;
beforeEach(() => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kindlab-index-'));
  labs = path.join(dir, 'labs');
  cache = path.join(dir, 'cache');
  for (const id of ['01-pod-network', '03-service-clusterip', '12-gateway-api']) cpSync(path.join(repoLabs, id), path.join(labs, id), { recursive: true });
});
afterEach(() => rmSync(path.dirname(labs), { recursive: true, force: true }));

const edit = (file: string, from: string, to: string) => {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
};

describe('the lesson index behind list', () => {
  it('gives the rows a full load gives, the second time from the cache', async () => {
    const full = (await loadAllLessons(labs)).lessons.map(summaryOf);
    const first = await lessonIndex(labs, cache);
    expect(first).toEqual({ lessons: full, failures: [], fromCache: false });
    const second = await lessonIndex(labs, cache);
    expect(second).toEqual({ lessons: full, failures: [], fromCache: true });
  });

  it('a changed lesson file, or a changed manifest, is read again', async () => {
    await lessonIndex(labs, cache);
    edit(path.join(labs, '03-service-clusterip/lesson.yaml'), 'durationMinutes: ', 'durationMinutes: 1');
    const changed = await lessonIndex(labs, cache);
    expect(changed.fromCache).toBe(false);
    const minutes = changed.lessons.find((l) => l.id === '03-service-clusterip')!.durationMinutes;
    expect(String(minutes).startsWith('1')).toBe(true);
    expect((await lessonIndex(labs, cache)).fromCache).toBe(true);
    writeFileSync(path.join(labs, '01-pod-network/manifests/server.yaml'), '');
    const broken = await lessonIndex(labs, cache);
    expect(broken.fromCache).toBe(false);
    expect(broken.failures.map((f) => f.file)).toEqual([expect.stringContaining('01-pod-network')]);
  });

  it('a lesson that does not load is never remembered: its error shows every time', async () => {
    edit(path.join(labs, '12-gateway-api/lesson.yaml'), 'steps:', 'stepz:');
    for (let i = 0; i < 2; i++) {
      const r = await lessonIndex(labs, cache);
      expect(r.fromCache).toBe(false);
      expect(r.lessons.map((l) => l.id)).toEqual(['01-pod-network', '03-service-clusterip']);
      expect(r.failures).toHaveLength(1);
    }
  });

  it('a damaged or reshaped cache file is not trusted', async () => {
    const full = (await lessonIndex(labs, cache)).lessons;
    const file = path.join(cache, LESSON_INDEX_FILE);
    const index = JSON.parse(readFileSync(file, 'utf8'));
    for (const entry of Object.values(index.entries) as { summary: { stepCount: unknown; title: unknown } }[]) entry.summary.stepCount = 'many';
    writeFileSync(file, JSON.stringify(index));
    expect(await lessonIndex(labs, cache)).toEqual({ lessons: full, failures: [], fromCache: false });
    writeFileSync(file, '{"format":1,"entr');
    expect(await lessonIndex(labs, cache)).toEqual({ lessons: full, failures: [], fromCache: false });
  });

  it('two folders with one number are a failure, as a full load says', async () => {
    await lessonIndex(labs, cache);
    cpSync(path.join(labs, '03-service-clusterip'), path.join(labs, '03-copy'), { recursive: true });
    const r = await lessonIndex(labs, cache);
    expect(r.fromCache).toBe(false);
    expect(r.failures.length).toBeGreaterThan(0);
  });
});

describe('the stamp that spares list reading every lesson file', () => {
  // Files copied a moment ago are "racy"; a clock RACY_MS ahead makes them old, as in a learner's clone.
  const later = { now: () => Date.now() + RACY_MS + 1000 };
  const readsOf = async (now = later.now) => {
    const read: string[] = [];
    const result = await lessonIndex(labs, cache, { now, onContentRead: (dir) => read.push(path.basename(dir)) });
    return { result, read: read.filter((d) => /^\d\d-/.test(d)) };
  };

  it('with no file changed, the second list reads no lesson file and gives the same rows', async () => {
    const first = await readsOf();
    expect(first.read).toEqual(['01-pod-network', '03-service-clusterip', '12-gateway-api']);
    const second = await readsOf();
    expect(second.read).toEqual([]);
    expect(second.result).toEqual({ ...first.result, fromCache: true });
  });

  it('a same-size edit is read again, even with its mtime put back (ctime changes)', async () => {
    const file = path.join(labs, '03-service-clusterip/lesson.yaml');
    const mtime = new Date('2026-01-02T03:04:05.000Z'); // whole ms: utimes puts it back exactly
    utimesSync(file, mtime, mtime);
    await readsOf();
    const before = statSync(file, { bigint: true });
    const minutes = Number(/durationMinutes: (\d+)/.exec(readFileSync(file, 'utf8'))![1]);
    const other = minutes % 10 === 9 ? minutes - 1 : minutes + 1; // same number of digits: same size
    edit(file, `durationMinutes: ${minutes}`, `durationMinutes: ${other}`);
    utimesSync(file, mtime, mtime);
    const now = statSync(file, { bigint: true });
    expect([now.size, now.mtimeNs, now.ino, now.dev]).toEqual([before.size, before.mtimeNs, before.ino, before.dev]);
    expect(now.ctimeNs).not.toBe(before.ctimeNs);
    const after = await readsOf();
    expect(after.read).toEqual(['03-service-clusterip']);
    expect(after.result.fromCache).toBe(false);
    expect(after.result.lessons.find((l) => l.id === '03-service-clusterip')!.durationMinutes).toBe(other);
  });

  it('a file changed within RACY_MS of now is read on every list, not judged by its stamp', async () => {
    await readsOf(Date.now);
    expect((await readsOf(Date.now)).read).toEqual(['01-pod-network', '03-service-clusterip', '12-gateway-api']);
  });

  it('a new file, or a file replaced by another (new inode), is read again', async () => {
    await readsOf();
    writeFileSync(path.join(labs, '01-pod-network/notes.txt'), 'x');
    expect((await readsOf()).read).toEqual(['01-pod-network']);
    const file = path.join(labs, '12-gateway-api/lesson.yaml');
    const text = readFileSync(file);
    rmSync(file);
    writeFileSync(file, text);
    expect((await readsOf()).read).toEqual(['12-gateway-api']);
  });

  it('what the stamp vouches for is trusted: a hash damaged in the index, stamp kept, is believed (the documented limit)', async () => {
    await readsOf();
    const file = path.join(cache, LESSON_INDEX_FILE);
    const index = JSON.parse(readFileSync(file, 'utf8'));
    for (const entry of Object.values(index.entries) as { fingerprint: string; summary: { stepCount: number } }[]) {
      entry.fingerprint = 'not the hash';
      entry.summary.stepCount = 99;
    }
    writeFileSync(file, JSON.stringify(index));
    const r = await readsOf();
    expect(r.read).toEqual([]);
    expect(r.result.lessons.every((l) => l.stepCount === 99)).toBe(true);
  });
});
