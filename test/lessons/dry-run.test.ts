// Every lesson, on every profile it supports, prints its whole plan without a cluster.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lessonDirs, loadLesson } from '../../src/lessons/load.js';
import { expandProfiles } from '../../src/lessons/profile-names.js';
import { runCli, tempHome } from '../cli/run-cli.js';

const labs = path.resolve('labs');
const dirs = await lessonDirs(labs);
let home: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ home, cleanup } = await tempHome()));
afterAll(() => cleanup());

describe.each(dirs.map((d) => path.basename(d)))('lesson %s dry run', (id) => {
  it("prints every step's commands on each supported profile, with captures as placeholders", async () => {
    const loaded = await loadLesson(path.join(labs, id));
    expect(loaded.ok, loaded.ok ? '' : loaded.errors.join('\n')).toBe(true);
    if (!loaded.ok) return;
    for (const profile of expandProfiles(loaded.lesson.profiles)) {
      const run = await runCli(['start', id.slice(0, 2), '--dry-run', '--profile', profile, '--json'], { home, env: { KINDLAB_LABS: labs } });
      expect(run.code, run.stderr).toBe(0);
      const plan = JSON.parse(run.stdout);
      expect(plan.steps.map((s: { id: string }) => s.id)).toEqual(loaded.lesson.steps.map((s) => s.id));
      const commands: string[][] = [
        ...plan.setup,
        ...plan.steps.flatMap((s: { commands: string[][]; solution: string[][] }) => [...s.commands, ...s.solution]),
      ];
      for (const command of commands) expect(['kubectl', 'docker']).toContain(command[0]);
      // Every challenge shows the commands of its reference solution.
      for (const step of plan.steps.filter((s: { kind: string }) => s.kind === 'challenge')) expect(step.solution.length).toBeGreaterThan(0);
    }
  });
});

it('a plain dry run is readable and says it touches no cluster', async () => {
  const run = await runCli(['start', '03', '--dry-run'], { home, env: { KINDLAB_LABS: labs } });
  expect(run.stdout).toContain('Dry run: prints every command; touches no cluster');
  // Runnable as shown: the lab's context whatever the current one (issue 11.6).
  expect(run.stdout).toMatch(/\$ kubectl --context kind-kindlab exec -n lab-03 /);
  expect(run.stdout).toContain(
    '$ kubectl --context kind-kindlab apply --server-side --field-manager=kindlab --force-conflicts -n lab-03 -f labs/03-service-clusterip/manifests/hello.yaml',
  );
});
