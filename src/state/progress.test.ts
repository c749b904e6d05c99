import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProgressStore } from './progress.js';

let home: string;
beforeEach(async () => (home = await mkdtemp(path.join(os.tmpdir(), 'kindlab-state-'))));
afterEach(async () => rm(home, { recursive: true, force: true }));

describe('progress', () => {
  it('records steps per cluster and lesson and reads them back', async () => {
    const store = new ProgressStore({ KINDLAB_HOME: home });
    await store.update('kindlab', '03-service-clusterip', (l) => {
      l.steps.deploy = { status: 'passed', at: 'now' };
      l.current = 'resolve';
    });
    const { progress } = await store.load();
    expect(progress.clusters.kindlab?.lessons['03-service-clusterip']).toMatchObject({ current: 'resolve', steps: { deploy: { status: 'passed' } } });
  });

  it('a corrupt progress file is set aside and reported, never a crash', async () => {
    const store = new ProgressStore({ KINDLAB_HOME: home });
    await mkdir(path.dirname(store.file), { recursive: true });
    await writeFile(store.file, '{"version": 1, "clusters": {"kindlab": ');
    const loaded = await store.load();
    expect(loaded.progress.clusters).toEqual({});
    expect(loaded.warning?.en).toMatch(/progress file was unreadable .* kept it as .*progress\.json\.corrupt-/);
    const files = await readdir(path.dirname(store.file));
    expect(files.some((f) => f.startsWith('progress.json.corrupt-'))).toBe(true);
  });

  it('writes leave no temporary files behind and always a complete JSON document', async () => {
    const store = new ProgressStore({ KINDLAB_HOME: home });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.update('kindlab', '01-pod-network', (l) => void (l.steps[`s${i}`] = { status: 'passed', at: 'now' }))),
    );
    const files = await readdir(path.dirname(store.file));
    expect(files).toEqual(['progress.json']);
    const saved = JSON.parse(await readFile(store.file, 'utf8'));
    expect(Object.keys(saved.clusters.kindlab.lessons['01-pod-network'].steps)).toHaveLength(20);
  });
});
