// The machine's REAL kubectl (test/contract/fakes/real-kubectl.ts picks kubectl.<pinned minor>)
// runs, against the fake API server, (1) the exact argv the kind adapter builds for every lesson's
// writes — server-side apply with --validate left on, delete, scale, exec, the reset's deletes —
// and (2) every kubectl command kindlab SHOWS a learner (the dry run: namespaces, apply, wait, get,
// exec, scale), typed as shown in the repo folder with a kubeconfig whose current-context is another
// cluster. A kubectl usage or client-side error fails the test; only the server's own NotFound for
// an object the fake does not hold (kube-system's Services, nodes, EndpointSlices) is accepted.
//
// What is still fake here, and why: the API server (test/contract/fakes/api-server.ts: it records
// fieldValidation=Strict but does not check schemas; it plays the controllers so waits end), and
// `docker exec` on nodes (not kubectl; the Docker engine tests cover docker). Nothing here uses the
// fake kubectl: exec runs through the real kubectl over the fake server's WebSocket endpoint.
import path from 'node:path';
import YAML from 'yaml';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { KindCluster } from '../../src/cluster/kind/adapter.js';
import { displayCommand } from '../../src/cluster/shown-commands.js';
import { dryRun } from '../../src/engine/dry-run.js';
import { systemClock } from '../../src/engine/clock.js';
import { resetTask } from '../../src/engine/lesson-reset.js';
import { actionTasks, initialBindings, namespaceTasks, type EngineContext } from '../../src/engine/step.js';
import { expandProfiles } from '../../src/lessons/profile-names.js';
import { lessonDirs, loadLesson } from '../../src/lessons/load.js';
import type { Lesson } from '../../src/lessons/model.js';
import { FakeApiServer, type FakeObject } from './fakes/api-server.js';
import { describeWithRealKubectl, RealKubectl, REPO_ROOT } from './fakes/real-kubectl.js';

const labs = path.join(REPO_ROOT, 'labs');
const lessonIds = (await lessonDirs(labs)).map((d) => path.basename(d));

async function lesson(id: string): Promise<Lesson> {
  const loaded = await loadLesson(path.join(labs, id));
  if (!loaded.ok) throw new Error(loaded.errors.map(String).join('\n'));
  return loaded.lesson;
}

const identity = (o: { kind?: unknown; metadata: { namespace?: unknown; name?: unknown } }) =>
  `${String(o.kind)}/${String(o.metadata.namespace ?? '')}/${String(o.metadata.name)}`;

/** What a cluster holds that a learner's command decides: no server-set fields, no status, no Pods the fake controllers made. */
function comparable(objects: FakeObject[]): unknown[] {
  return objects
    .filter((o) => !(o.metadata.annotations as Record<string, string> | undefined)?.['fake.kindlab.dev/owner'])
    .map((o) => {
      const { resourceVersion: _rv, uid: _uid, creationTimestamp: _ct, generation: _g, ...metadata } = o.metadata;
      const { status: _s, ...rest } = o;
      const spec = rest.spec && typeof rest.spec === 'object' ? { ...(rest.spec as Record<string, unknown>) } : rest.spec;
      if (spec && typeof spec === 'object') {
        delete (spec as Record<string, unknown>).clusterIP;
        delete (spec as Record<string, unknown>).nodeName;
      }
      return { ...rest, ...(spec === undefined ? {} : { spec }), metadata };
    })
    .sort((a, b) => identity(a).localeCompare(identity(b)));
}

const ALL_KINDS = ['Namespace', 'Pod', 'Service', 'Deployment', 'StatefulSet', 'NetworkPolicy', 'Ingress', 'Gateway', 'HTTPRoute', 'ConfigMap'];
const everything = (api: FakeApiServer) => comparable(ALL_KINDS.flatMap((k) => api.list(k)));

/** What every kind cluster holds before a lesson: kube-system, kube-dns, CoreDNS, the nodes, default/kubernetes. */
function putKindClusterBasics(api: FakeApiServer): void {
  for (const name of ['default', 'kube-system']) api.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  api.put({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default' },
    spec: { clusterIP: '10.96.0.1', ports: [{ port: 443 }] },
  });
  api.put({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kube-dns', namespace: 'kube-system' },
    spec: { clusterIP: '10.96.0.10', ports: [{ port: 53 }] },
  });
  api.put({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system' },
    spec: { replicas: 2 },
    status: { readyReplicas: 2 },
  });
  for (const [i, role] of ['control-plane', 'worker', 'worker2'].entries()) {
    api.put({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `kindlab-${role}` },
      spec: { podCIDR: `10.244.${i}.0/24` },
      status: {
        addresses: [
          { type: 'InternalIP', address: `172.18.0.${i + 2}` },
          { type: 'Hostname', address: `kindlab-${role}` },
        ],
      },
    });
  }
}

describeWithRealKubectl('the real kubectl', (binary) => {
  let api: FakeApiServer;
  let other: FakeApiServer;
  let kubectl: RealKubectl;
  let kubeconfig: string;
  let userKubeconfig: string;

  beforeEach(async () => {
    api = new FakeApiServer({ controllers: true });
    other = new FakeApiServer({ controllers: true });
    await api.start();
    await other.start();
    kubectl = new RealKubectl(binary);
    kubeconfig = api.writeKubeconfig(path.join(kubectl.dir, 'kubeconfig'));
    // A learner's own kubeconfig: the current context is another cluster ("prod").
    userKubeconfig = api.writeKubeconfig(path.join(kubectl.dir, 'user-kubeconfig'), { currentContext: 'prod', extra: [{ name: 'prod', server: other.url }] });
  });
  afterEach(async () => {
    kubectl.newCalls(); // every command the adapter ran through the real kubectl goes into the ledger
    await api.stop();
    await other.stop();
    kubectl.cleanup();
  });

  const lab = (cluster = new KindCluster({ profile: 'kindnet', kubeconfig, env: kubectl.env() })) => cluster;
  const engine = (l: Lesson, cluster = lab()): EngineContext => ({ lesson: l, cluster, clock: systemClock, bindings: initialBindings(l, cluster) });

  /** Runs the adapter's part of a lesson — namespaces, setup, every step's and solution's actions — and then its reset. */
  async function runLessonThroughAdapter(l: Lesson, cluster = lab()): Promise<void> {
    const ctx = engine(l, cluster);
    const controller = new AbortController();
    const tasks = [
      ...namespaceTasks(ctx),
      ...actionTasks(l.setup ?? {}, ctx),
      ...l.steps.flatMap((s) => [...actionTasks(s, ctx), ...actionTasks(s.solve ?? {}, ctx)]),
    ];
    for (const task of tasks) {
      if (task.skip && (await task.skip())) continue;
      try {
        await task.run(controller.signal);
      } catch (err) {
        throw new Error(`${task.title.en} ($ ${task.shown ? displayCommand(task.shown) : '-'}) failed: ${(err as Error).message}`);
      }
    }
  }

  it('refuses -n lab-04 for an object that names lab-04-other: why a manifest file may not mix the two', async () => {
    api.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lab-04' } });
    const object = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'lab-04-other' }, spec: { ports: [{ port: 80 }] } };
    const r = await kubectl.run(
      ['kubectl', '--context', 'kind-kindlab', 'apply', '--server-side', '--field-manager=kindlab', '--force-conflicts', '-n', 'lab-04', '-f', '-'],
      { kubeconfig, input: YAML.stringify(object) },
    );
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(
      `the namespace from the provided object "lab-04-other" does not match the namespace "lab-04". You must pass '--namespace=lab-04-other' to perform this operation.`,
    );
  });

  it('lesson 04’s first step applies web-other.yaml: its objects land in lab-04-other', async () => {
    const l = await lesson('04-dns-namespaces');
    const ctx = engine(l);
    for (const task of [...namespaceTasks(ctx), ...actionTasks(l.steps[0]!, ctx)]) {
      if (task.skip && (await task.skip())) continue;
      await task.run(new AbortController().signal);
    }
    kubectl.newCalls();
    expect(api.has('Deployment', 'web', 'lab-04-other')).toBe(true);
    expect(api.has('Service', 'web', 'lab-04-other')).toBe(true);
    expect(api.has('Pod', 'netshoot', 'lab-04')).toBe(true);
  });

  it('lesson 10’s first step applies clients.yaml: monitor lands in lab-10-other, frontend and intruder in lab-10', async () => {
    const l = await lesson('10-networkpolicy');
    const ctx = engine(l);
    for (const task of [...namespaceTasks(ctx), ...actionTasks(l.steps[0]!, ctx)]) {
      if (task.skip && (await task.skip())) continue;
      await task.run(new AbortController().signal);
    }
    kubectl.newCalls();
    expect(api.has('Pod', 'monitor', 'lab-10-other')).toBe(true);
    expect(api.has('Pod', 'frontend', 'lab-10')).toBe(true);
    expect(api.has('Pod', 'intruder', 'lab-10')).toBe(true);
  });

  it('server-side apply keeps validation on: each object is PATCHed with fieldManager=kindlab, force and fieldValidation=Strict', async () => {
    const l = await lesson('03-service-clusterip');
    await runLessonThroughAdapter(l);
    const calls = kubectl.newCalls();
    expect(calls.some((argv) => argv.includes('--validate=false') || argv.some((a) => a.startsWith('--validate=') && a !== '--validate=strict'))).toBe(false);
    const patches = api.requests.filter((r) => r.method === 'PATCH' && !r.path.endsWith('/scale'));
    expect(patches.length).toBeGreaterThan(0);
    for (const p of patches) expect(p.query).toMatchObject({ fieldManager: 'kindlab', force: 'true', fieldValidation: 'Strict' });
  });

  it('delete -f - of objects that name their namespace removes them and waits until they are gone', async () => {
    const l = await lesson('04-dns-namespaces');
    await runLessonThroughAdapter(l);
    const objects = l.manifests.get('manifests/web-other.yaml')!;
    const cluster = lab();
    await cluster.delete(objects, undefined, { timeoutMs: 20_000 });
    const calls = kubectl.newCalls();
    expect(calls.at(-1)).toEqual(['--kubeconfig', kubeconfig, '--context', 'kind-kindlab', 'delete', '--ignore-not-found', '--wait=false', '-f', '-']);
    expect(api.has('Deployment', 'web', 'lab-04-other')).toBe(false);
    expect(api.has('Service', 'web', 'lab-04-other')).toBe(false);
    // Deleting again: absent objects are not an error (--ignore-not-found).
    await cluster.delete(objects, undefined, { timeoutMs: 20_000 });
    kubectl.newCalls();
  });

  it('exec keeps stdout, stderr and the remote exit code apart, without kubectl’s own "command terminated" line', async () => {
    api.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lab-03' } });
    api.put({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'netshoot', namespace: 'lab-03' },
      spec: { containers: [{ name: 'netshoot', image: 'nicolaka/netshoot:v0.14' }] },
      status: { phase: 'Running' },
    });
    api.onExec = ({ command }) =>
      command[0] === 'fail' ? { stdout: 'partial\n', stderr: 'no route to host\n', exitCode: 3 } : { stdout: `ran ${command.join(' ')}\n` };
    const cluster = lab();
    const ok = await cluster.exec({ pod: 'netshoot', namespace: 'lab-03' }, ['nslookup', 'hello svc'], { timeoutMs: 20_000 });
    expect(ok).toMatchObject({ stdout: 'ran nslookup hello svc\n', stderr: '', exitCode: 0 });
    const bad = await cluster.exec({ pod: 'netshoot', namespace: 'lab-03', container: 'netshoot' }, ['fail'], { timeoutMs: 20_000 });
    expect(bad).toMatchObject({ stdout: 'partial\n', stderr: 'no route to host\n', exitCode: 3 });
    expect(api.execs.map((e) => e.command)).toEqual([['nslookup', 'hello svc'], ['fail']]);
    expect(api.execs[1]!.container).toBe('netshoot');
    expect(kubectl.newCalls()).toEqual([
      ['--kubeconfig', kubeconfig, '--context', 'kind-kindlab', 'exec', '-n', 'lab-03', 'netshoot', '--', 'nslookup', 'hello svc'],
      ['--kubeconfig', kubeconfig, '--context', 'kind-kindlab', 'exec', '-n', 'lab-03', 'netshoot', '-c', 'netshoot', '--', 'fail'],
    ]);
  });

  it('a failed apply reports the real kubectl’s own words (the namespace does not exist)', async () => {
    const l = await lesson('03-service-clusterip');
    const objects = l.manifests.get('manifests/hello.yaml')!;
    await expect(lab().apply(objects, 'lab-03', { timeoutMs: 20_000 })).rejects.toThrow(/kubectl apply failed \(exit code 1\).*namespaces "lab-03" not found/s);
    kubectl.newCalls();
  });

  it('exec in a Pod that does not exist keeps the real kubectl’s message and exit code', async () => {
    api.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lab-03' } });
    const r = await lab().exec({ pod: 'nope', namespace: 'lab-03' }, ['true'], { timeoutMs: 20_000 });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('Error from server (NotFound): pods "nope" not found');
    kubectl.newCalls();
  });

  it('scale by selector is accepted as the adapter writes it, and PATCHes the scale subresource of each match', async () => {
    const l = await lesson('03-service-clusterip');
    await runLessonThroughAdapter(l);
    await lab().scale({ kind: 'deployment', selector: 'app=hello', namespace: 'lab-03' }, 4, { timeoutMs: 20_000 });
    expect(kubectl.newCalls().at(-1)).toEqual([
      '--kubeconfig',
      kubeconfig,
      '--context',
      'kind-kindlab',
      'scale',
      '-n',
      'lab-03',
      'deployment',
      '-l',
      'app=hello',
      '--replicas=4',
    ]);
    expect(api.list('Deployment').find((d) => d.metadata.name === 'hello')?.spec).toMatchObject({ replicas: 4 });
  });

  it('the shown delete of a manifest and the shown reset run as typed and remove what kindlab’s own calls remove', async () => {
    const l = await lesson('04-dns-namespaces');
    await runLessonThroughAdapter(l);
    const [del] = actionTasks({ delete: ['manifests/web-other.yaml'] }, engine(l));
    expect(del!.shown).toEqual([
      'kubectl',
      '--context',
      'kind-kindlab',
      'delete',
      '--ignore-not-found',
      '-f',
      'labs/04-dns-namespaces/manifests/web-other.yaml',
    ]);
    const r1 = await kubectl.run(del!.shown!, { kubeconfig: userKubeconfig, cwd: REPO_ROOT });
    expect(r1.exitCode, r1.stderr).toBe(0);
    expect(api.has('Deployment', 'web', 'lab-04-other')).toBe(false);
    const reset = resetTask(l.id, lab());
    const r2 = await kubectl.run(reset.shown!, { kubeconfig: userKubeconfig, cwd: REPO_ROOT });
    expect(r2.exitCode, r2.stderr).toBe(0);
    expect(api.list('Namespace').map((n) => n.metadata.name)).toEqual([]);
    expect(other.requests).toEqual([]);
    kubectl.newCalls();
  });

  it.each(lessonIds)('lesson %s: the adapter’s writes, then the reset, are accepted by the real kubectl', async (id) => {
    const l = await lesson(id);
    await runLessonThroughAdapter(l);
    await lab().deleteLessonObjects(l.id, { timeoutMs: 20_000 });
    const calls = kubectl.newCalls();
    expect(calls.length).toBeGreaterThan(0);
    for (const name of [l.namespace, ...(l.extraNamespaces ?? [])]) expect(api.has('Namespace', name)).toBe(false);
  });

  it.each(lessonIds)('lesson %s: every kubectl command the dry run shows runs as typed, on the lab cluster, and does what kindlab does', async (id) => {
    const l = await lesson(id);
    const plan = dryRun(l, expandProfiles(l.profiles)[0]!);
    // In a lesson's order: a challenge's checks run after the learner solved it, so its solution
    // comes after the step's own writes and before its reads.
    const isWrite = (c: string[]) => ['apply', 'delete', 'scale', 'create', 'label'].includes(c[3] ?? '');
    const inOrder = plan.steps.flatMap((s) =>
      s.kind === 'challenge' ? [...s.commands.filter(isWrite), ...s.solution, ...s.commands.filter((c) => !isWrite(c))] : [...s.commands, ...s.solution],
    );
    const commands = [...plan.setup, ...inOrder].filter((c) => c[0] === 'kubectl');
    expect(commands.length).toBeGreaterThan(0);
    // What kindlab knows without a cluster is filled in: a learner cannot type {{cluster}}.
    const builtins = [...plan.setup, ...inOrder].filter((c) => c.some((a) => /\{\{\s*(cluster|namespace|profile)\b/.test(a)));
    expect(builtins.map(displayCommand)).toEqual([]);
    putKindClusterBasics(api);
    const failures: string[] = [];
    for (const argv of commands) {
      // The learner types it in the repo folder; their kubeconfig's current context is "prod".
      const r = await kubectl.run(argv, { kubeconfig: userKubeconfig, cwd: REPO_ROOT, timeoutMs: 30_000 });
      // Only a value read while the lesson runs ({{capture}}) or an add-on's object may be absent here.
      const mayBeAbsent = argv.some((a) => a.includes('{{')) || argv.some((a) => /cloud-provider-kind|kind-ingress-gateway/.test(a));
      const serverSaysAbsent = mayBeAbsent && argv.includes('get') && /^Error from server \(NotFound\)/m.test(r.stderr);
      if (r.exitCode !== 0 && !serverSaysAbsent) failures.push(`$ ${displayCommand(argv)}\n  exit ${r.exitCode}: ${(r.stderr || r.stdout).trim()}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(other.requests, 'a shown command reached the current context, not the lab cluster').toEqual([]);
    // The same lesson run by kindlab itself, on a second fake cluster: both hold the same objects.
    const mine = new FakeApiServer({ controllers: true });
    await mine.start();
    try {
      putKindClusterBasics(mine);
      const kc = mine.writeKubeconfig(path.join(kubectl.dir, 'kindlab-kubeconfig'));
      await runLessonThroughAdapter(l, new KindCluster({ profile: 'kindnet', kubeconfig: kc, env: kubectl.env() }));
      kubectl.newCalls();
      expect(everything(api)).toEqual(everything(mine));
    } finally {
      await mine.stop();
    }
  });
});
