import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, FakeCluster } from '../../test/fakes/fake-cluster.js';
import { DeadlineExceeded, type CallOptions } from '../cluster/port.js';
import { loadLesson } from '../lessons/load.js';
import type { Lesson } from '../lessons/model.js';
import { selfTestLesson } from './self-test.js';
import { fromScratchTasks, lessonResetTasks } from './lesson-reset.js';
import { initialBindings, type EngineContext } from './step.js';
import type { Task } from '../core/task.js';

/**
 * The cluster after a Docker or laptop restart: the nodes are back, cloud-provider-kind is not
 * until kindlab ensures it. Lesson 13's LoadBalancer Services carry the finalizer
 * service.kubernetes.io/load-balancer-cleanup, which only the provider removes, so deleting the
 * lesson's namespace cannot finish while the provider is down (the reset waited 180 s and failed).
 */
class RestartedCluster extends FakeCluster {
  private providerUp = false;
  override async ensureAddon(name: string, opts: CallOptions) {
    await super.ensureAddon(name, opts);
    if (name === 'cloud-provider-kind') this.providerUp = true;
  }
  override async deleteLessonObjects(lessonId: string, opts: CallOptions) {
    await super.deleteLessonObjects(lessonId, opts);
    if (!this.providerUp) {
      throw new DeadlineExceeded('namespace -l kindlab.dev/lesson=13 to be Deleted', 'lab-13 Terminating', [
        'service/web in lab-13 has finalizer service.kubernetes.io/load-balancer-cleanup',
      ]);
    }
  }
}

let lesson13: Lesson;
beforeAll(async () => {
  const loaded = await loadLesson(path.resolve('labs/13-loadbalancer-external-traffic'));
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  lesson13 = loaded.lesson;
});

const contextFor = (lesson: Lesson, cluster: FakeCluster): EngineContext => ({
  lesson,
  cluster,
  clock: new FakeClock(),
  bindings: initialBindings(lesson, cluster),
});

async function runAll(tasks: Task[]) {
  for (const task of tasks) await task.run(new AbortController().signal);
}

const firstOps = (cluster: FakeCluster) => cluster.ops().filter((op) => op === 'ensureAddon' || op === 'deleteLessonObjects');

describe('resetting a lesson whose objects only an add-on can finalize', () => {
  it('kindlab reset 13 after a Docker restart starts cloud-provider-kind before deleting the lesson, so the namespace can go', async () => {
    expect(lesson13.addons).toEqual(['cloud-provider-kind']);
    const cluster = new RestartedCluster('kindnet');
    await runAll(lessonResetTasks(contextFor(lesson13, cluster)));
    expect(firstOps(cluster)).toEqual(['ensureAddon', 'deleteLessonObjects']);
    // then the lesson's start state again: its namespace is applied after the delete
    expect(cluster.ops().lastIndexOf('apply')).toBeGreaterThan(cluster.ops().indexOf('deleteLessonObjects'));
  });

  it('start 13 --from-scratch ensures the add-on first, and only once', async () => {
    const cluster = new RestartedCluster('kindnet');
    await runAll(fromScratchTasks(0, contextFor(lesson13, cluster), []));
    expect(firstOps(cluster)).toEqual(['ensureAddon', 'deleteLessonObjects']);
  });

  it("the instructors' self-test resets lesson 13 only after the add-on runs", async () => {
    const cluster = new RestartedCluster('kindnet');
    const result = await selfTestLesson(contextFor(lesson13, cluster), { runTasks: runAll, now: () => 0 });
    expect(result.failure?.step).not.toBe('(setup)');
    expect(firstOps(cluster).slice(0, 2)).toEqual(['ensureAddon', 'deleteLessonObjects']);
  });

  it('a lesson without add-ons resets with the delete alone (nothing started)', async () => {
    const loaded = await loadLesson(path.resolve('labs/03-service-clusterip'));
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const cluster = new FakeCluster('kindnet');
    const tasks = lessonResetTasks(contextFor(loaded.lesson, cluster));
    await runAll(tasks);
    expect(firstOps(cluster)).toEqual(['deleteLessonObjects']);
    // the first task shown is the delete (no add-on task before it)
    expect(tasks[0]!.shown?.join(' ')).toMatch(new RegExp(`^kubectl .*delete .*kindlab\\.dev/lesson=${loaded.lesson.id}`));
  });
});
