// Issue 11: what a learner hits with interrupted sessions, damaged state and odd lesson folders.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PromptInterrupted, unattendedPrompts } from '../../src/ui/prompts.js';
import { FakeCluster } from '../fakes/fake-cluster.js';
import { runCli, tempHome } from './run-cli.js';

let home: string;
let cleanup: () => Promise<void>;
let cluster: FakeCluster;

beforeEach(async () => {
  ({ home, cleanup } = await tempHome());
  cluster = new FakeCluster('kindnet');
  cluster.onApply = () => {
    for (const o of cluster.objects) if (o.kind === 'Service') (o as any).spec.clusterIP ??= '10.96.41.7';
  };
  cluster.answer(['nslookup'], { stdout: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb.lab-03.svc.cluster.local\nAddress: 10.96.41.7\n', exitCode: 0 });
});
afterEach(() => cleanup());

const progressFile = () => readFile(path.join(home, 'state', 'progress.json'), 'utf8').then(JSON.parse);

describe('a passed step stays passed (issue 11.1)', () => {
  it('Ctrl-C at "Press Enter to go on" after a passed step keeps it passed and resumes at the next step', async () => {
    const prompts = { ...unattendedPrompts(), pressEnter: async () => { throw new PromptInterrupted(); } };
    const run = await runCli(['start', '03'], { home, cluster, prompts });
    expect(run.code).toBe(130);
    const lesson = (await progressFile()).clusters.kindlab.lessons['03-service-clusterip'];
    expect(lesson.steps.deploy.status).toBe('passed');
    expect(lesson.current).toBe('resolve');
    const status = await runCli(['status'], { home });
    expect(status.stdout).toMatch(/03-service-clusterip\s+in progress \(1\/3, → resolve\)/);
    const again = await runCli(['start', '03', '--yes'], { home, cluster });
    expect(again.stdout).toContain('Resuming at step resolve');
  });

  it('a later failing check of a passed step does not take the pass away', async () => {
    await runCli(['start', '03', '--yes'], { home, cluster });
    cluster.answer(['nslookup'], { stdout: '', stderr: 'timed out', exitCode: 1 });
    const run = await runCli(['check', '03', 'resolve'], { home, cluster });
    expect(run.code).toBe(1);
    expect((await progressFile()).clusters.kindlab.lessons['03-service-clusterip'].steps.resolve.status).toBe('passed');
  }, 20_000);
});
