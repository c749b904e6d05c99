import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeClock, FakeCluster } from '../../test/fakes/fake-cluster.js';
import { loadLesson } from '../lessons/load.js';
import type { Lesson } from '../lessons/model.js';
import { actionTasks, checkStep, initialBindings, stepTasks, tasksToReach, type EngineContext } from './step.js';

const fixture = path.resolve('test/fixtures/labs/03-service-clusterip');
let lesson: Lesson;
let cluster: FakeCluster;
let clock: FakeClock;
let ctx: EngineContext;

const nslookupAnswer = (ip: string) => ({
  stdout: `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb.lab-03.svc.cluster.local\nAddress: ${ip}\n\n`,
  exitCode: 0,
});

beforeEach(async () => {
  const loaded = await loadLesson(fixture);
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  lesson = loaded.lesson;
  cluster = new FakeCluster();
  // The API server gives a Service its ClusterIP on creation.
  cluster.onApply = () => {
    for (const o of cluster.objects) if (o.kind === 'Service') (o as any).spec.clusterIP ??= '10.96.41.7';
  };
  clock = new FakeClock();
  ctx = { lesson, cluster, clock, bindings: initialBindings(lesson, cluster) };
});

async function runAll(tasks: { run(signal: AbortSignal): Promise<unknown> }[]) {
  for (const task of tasks) await task.run(new AbortController().signal);
}

describe('running a guided step', () => {
  it('creates the labelled namespace first, applies labelled objects into it, waits, then reads the capture', async () => {
    await runAll(tasksToReach(0, ctx));
    await runAll(stepTasks(lesson.steps[0]!, ctx));
    // Shown as kubectl create and kubectl label; kindlab creates it labelled, so the label task has nothing left to do.
    expect(cluster.ops()).toEqual(['apply', 'apply', 'wait', 'read']);
    const [createCall, applyCall] = cluster.calls.map((c) => c.detail as any);
    expect(createCall.names).toEqual(['Namespace/lab-03']);
    expect(applyCall.namespace).toBe('lab-03');
    for (const object of applyCall.objects) {
      expect(object.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'kindlab', 'kindlab.dev/lesson': '03-service-clusterip' });
    }
    expect((cluster.calls[2]!.detail as any).timeoutMs).toBe(60_000);
  });

  it('passes when nslookup returns the ClusterIP that was just captured', async () => {
    await runAll(stepTasks(lesson.steps[0]!, ctx));
    cluster.answer(['nslookup'], nslookupAnswer('10.96.41.7'));
    const outcome = await checkStep(lesson.steps[1]!, ctx);
    expect(outcome.pass).toBe(true);
    expect(outcome.tries).toBe(1);
    const exec = cluster.calls.find((c) => c.op === 'exec')!.detail as any;
    expect(exec).toEqual({ target: { pod: 'netshoot', namespace: 'lab-03' }, argv: ['nslookup', 'web'], timeoutMs: 15_000 });
  });

  it('fails at the deadline showing the expected ClusterIP and what nslookup printed', async () => {
    await runAll(stepTasks(lesson.steps[0]!, ctx));
    cluster.answer(['nslookup'], nslookupAnswer('10.96.0.99'));
    const outcome = await checkStep(lesson.steps[1]!, ctx);
    expect(outcome.pass).toBe(false);
    const failed = outcome.checks[0]!.results.find((r) => !r.verdict.pass)!;
    expect(failed.key).toBe('stdout.contains');
    expect(failed.verdict.expected).toContain('10.96.41.7');
    expect(failed.verdict.observed).toContain('10.96.0.99');
    // eventually: 5s — polls back off from 200ms, and the last try lands on the deadline.
    expect(clock.sleeps.slice(0, 3)).toEqual([200, 320, 512]);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(5000);
  });

  it('retries until the answer converges, then passes', async () => {
    await runAll(stepTasks(lesson.steps[0]!, ctx));
    let tries = 0;
    cluster.answer(['nslookup'], () =>
      ++tries < 3 ? { stdout: '', stderr: ';; connection timed out; no servers could be reached', exitCode: 1 } : nslookupAnswer('10.96.41.7'),
    );
    const outcome = await checkStep(lesson.steps[1]!, ctx);
    expect(outcome).toMatchObject({ pass: true, tries: 3 });
  });

  it('re-reads captures on resume, so a later step works in a new process', async () => {
    await runAll(stepTasks(lesson.steps[0]!, ctx));
    const fresh: EngineContext = { ...ctx, bindings: initialBindings(lesson, cluster) };
    const tasks = stepTasks(lesson.steps[1]!, fresh);
    expect(tasks.map((t) => t.title.en)).toEqual(['Read clusterIP']);
    await runAll(tasks);
    expect(fresh.bindings.get('clusterIP')).toBe('10.96.41.7');
  });

  it('stops at once when interrupted', async () => {
    await runAll(stepTasks(lesson.steps[0]!, ctx));
    cluster.answer(['nslookup'], nslookupAnswer('10.96.0.99'));
    const controller = new AbortController();
    controller.abort(new Error('interrupted'));
    await expect(checkStep(lesson.steps[1]!, { ...ctx, signal: controller.signal })).rejects.toThrow('interrupted');
  });
});

describe('a challenge step', () => {
  it('fails on one try before the solution and passes after it', async () => {
    await runAll(tasksToReach(2, ctx));
    const challenge = lesson.steps[2]!;
    const before = await checkStep(challenge, ctx, { windowMs: 0 });
    expect(before).toMatchObject({ pass: false, tries: 1 });
    expect(before.checks[0]!.results[0]!.verdict).toMatchObject({ expected: 'NodePort', observed: '(absent)' });
    await runAll(actionTasks(challenge.solve!, ctx));
    const after = await checkStep(challenge, ctx);
    expect(after.pass).toBe(true);
  });
});

describe('lesson add-ons', () => {
  it('are ensured through the port before the namespace and setup, with a deadline', async () => {
    await runAll(tasksToReach(0, { ...ctx, lesson: { ...lesson, addons: ['ingress-nginx'] } }));
    expect(cluster.ops().slice(0, 2)).toEqual(['ensureAddon', 'apply']);
    expect(cluster.calls[0]!.detail).toEqual({ name: 'ingress-nginx', timeoutMs: 300_000 });
  });
});

describe('list captures inside expectation lists', () => {
  it('oneOf and distinct.covers accept ["{{podNames}}"], which substitutes to a nested list', async () => {
    const { evaluateExpectation } = await import('./checks.js');
    const bindings = new Map<string, any>([['podNames', ['hello-a', 'hello-b']]]);
    const sample = (stdout: string) => ({ stdout, stderr: '', exitCode: 0, timedOut: false });
    const oneOf = evaluateExpectation({ oneOf: ['{{podNames}}'] } as any, { samples: [sample('hello-b\n')], profile: 'kindnet' }, bindings);
    expect(oneOf.verdict).toMatchObject({ pass: true });
    const covers = evaluateExpectation(
      { 'distinct.covers': ['{{podNames}}'] } as any,
      { samples: [sample('hello-a'), sample('hello-b')], profile: 'kindnet' },
      bindings,
    );
    expect(covers.verdict).toMatchObject({ pass: true });
    const missing = evaluateExpectation({ 'distinct.covers': ['{{podNames}}'] } as any, { samples: [sample('hello-a')], profile: 'kindnet' }, bindings);
    expect(missing.verdict).toMatchObject({ pass: false, differs: 'never seen: hello-b' });
  });
});
