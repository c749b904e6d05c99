// kindlab class: reports handed in by learners (made here by the product itself: check, hint, solve,
// report --format json --name), added up per lesson and step; damaged and foreign reports are named
// and skipped, never fatal; a terminal table, and an HTML page to project; ja and en.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeCluster } from '../fakes/fake-cluster.js';
import { unattendedPrompts } from '../../src/ui/prompts.js';
import { runCli, tempHome } from './run-cli.js';

let home: string;
let cleanup: () => Promise<void>;
let reports: string;

function clusterWithService(type: string): FakeCluster {
  const cluster = new FakeCluster('calico-vxlan');
  cluster.objects.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'lab-03', labels: { 'kindlab.dev/lesson': '03-service-clusterip' } },
    spec: { type, clusterIP: '10.96.41.7' },
  } as any);
  cluster.onApply = () => {
    for (const o of cluster.objects) if (o.kind === 'Service') (o as any).spec.clusterIP ??= '10.96.41.7';
  };
  return cluster;
}

/** One learner's own run of the fixture challenge, then the report they hand in. */
async function learner(file: string, run: (home: string) => Promise<void>, name?: string): Promise<void> {
  const own = await tempHome();
  try {
    await run(own.home);
    const report = await runCli(['report', '--format', 'json', ...(name ? ['--name', name] : [])], { home: own.home });
    expect(report.code, report.stderr).toBe(0);
    await writeFile(path.join(reports, file), report.stdout);
  } finally {
    await own.cleanup();
  }
}

beforeEach(async () => {
  ({ home, cleanup } = await tempHome());
  reports = path.join(home, 'reports');
  await mkdir(reports);
  // Aiko checks too early (the check fails), asks for two hints, then uses the solution.
  await learner(
    'aiko.json',
    async (h) => {
      const cluster = clusterWithService('ClusterIP');
      expect((await runCli(['check', '03', 'nodeport'], { home: h, cluster })).code).toBe(1);
      await runCli(['hint', '03', 'nodeport'], { home: h, cluster });
      await runCli(['hint', '03', 'nodeport'], { home: h, cluster });
      expect((await runCli(['solve', '03', 'nodeport'], { home: h, cluster, prompts: unattendedPrompts() })).code).toBe(0);
    },
    'Aiko',
  );
  // The second learner reads one hint and solves it themselves; no name given.
  await learner('b.json', async (h) => {
    await runCli(['hint', '03', 'nodeport'], { home: h, cluster: clusterWithService('ClusterIP') });
    expect((await runCli(['check', '03', 'nodeport'], { home: h, cluster: clusterWithService('NodePort') })).code).toBe(0);
  });
}, 60_000);
afterEach(() => cleanup());

describe('kindlab class', () => {
  it('adds up a folder of reports per lesson and step: finished, median time, the check that failed most, hint levels', async () => {
    const html = path.join(home, 'class.html');
    const run = await runCli(['class', reports, '--html', html], { home });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('2 report(s)');
    expect(run.stdout).toContain('Names: Aiko');
    expect(run.stdout).toMatch(/Lesson\s+Step\s+Finished\s+Median\s+Hints 1\/2\/3\s+Checks that failed most/);
    expect(run.stdout).toMatch(/03-service-clusterip\s+nodeport ★\s+2\/2 \(1 solved\)\s+\S+\s+1\/1\/0\s+check 1 ×1/);
    expect(run.stdout).toMatch(/03-service-clusterip\s+deploy\s+0\/2\s+-\s+0\/0\/0\s+-/);
    const page = await readFile(html, 'utf8');
    expect(page).toContain('<title>kindlab class record (2 learners)</title>');
    expect(page).toContain('<td>nodeport ★</td><td>2/2 (1 solved)</td>');
    expect(page).not.toMatch(/<script|https?:\/\//);
  });

  it('a damaged report and reports of other formats are named with the reason and skipped; the rest is read', async () => {
    await writeFile(path.join(reports, 'broken.json'), '{"kindlab": "0.1.0", "reportFormat": 1, "lessons": [');
    await writeFile(path.join(reports, 'future.json'), JSON.stringify({ kindlab: '9.0.0', reportFormat: 2, lessons: [] }));
    await writeFile(path.join(reports, 'old.json'), JSON.stringify({ cluster: 'kindlab', lessons: [{ id: '03-service-clusterip', state: 'done' }] }));
    await writeFile(path.join(reports, 'odd.json'), JSON.stringify({ kindlab: '0.1.0', reportFormat: 1, lessons: [{ id: 3 }] }));
    const run = await runCli(['class', reports], { home });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 report(s)');
    expect(run.stderr).toMatch(/skipped .*broken\.json: not readable as JSON/);
    expect(run.stderr).toMatch(/skipped .*future\.json: report format 2 from kindlab 9\.0\.0; this kindlab \S+ reads format 1/);
    expect(run.stderr).toMatch(
      /skipped .*old\.json: an older kindlab's report without step records; ask for it again from kindlab \S+ \(kindlab report --format json\)/,
    );
    expect(run.stderr).toMatch(/skipped .*odd\.json: not in the shape of a kindlab report \(lessons\.0\.id: /);
  });

  it('no readable report at all is bad input (exit 2), still naming each one', async () => {
    const only = path.join(home, 'only-broken.json');
    await writeFile(only, 'not json');
    const run = await runCli(['class', only, path.join(home, 'missing.json')], { home });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/skipped .*only-broken\.json: not readable as JSON/);
    expect(run.stderr).toMatch(/skipped .*missing\.json: no such file or folder/);
    expect(run.stderr).toContain('No report could be read');
  });

  it('in Japanese', async () => {
    await writeFile(path.join(reports, 'future.json'), JSON.stringify({ kindlab: '9.0.0', reportFormat: 2, lessons: [] }));
    const html = path.join(home, 'class.html');
    const run = await runCli(['class', reports, '--html', html, '--lang', 'ja'], { home });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('レポート 2 件');
    expect(run.stdout).toMatch(/レッスン\s+ステップ\s+完了\s+中央値\s+ヒント 1\/2\/3\s+よく失敗した確認/);
    expect(run.stdout).toMatch(/nodeport ★\s+2\/2 \(解答 1\)/);
    expect(run.stderr).toMatch(/飛ばしました: .*future\.json: kindlab 9\.0\.0 のレポート形式 2 です。この kindlab \S+ が読めるのは形式 1 です/);
    expect(await readFile(html, 'utf8')).toContain('<html lang="ja">');
  });
});
