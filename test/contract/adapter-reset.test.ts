// Resetting a lesson deletes only what kindlab labelled as that lesson's: namespaces and
// cluster-scoped objects, found by label through the API, deleted with kubectl -l, awaited by
// watch. The fake kubectl only records; a small loop here plays the API server's part and
// removes what a real `kubectl delete -l` would have removed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KindCluster, lessonSelector } from '../../src/cluster/kind/adapter.js';
import { WaitTimedOut } from '../../src/cluster/kind/diagnose.js';
import { fakeApiAndTools } from './fake-api-and-tools.js';
import { labelsMatch, type FakeApiServer } from './fakes/api-server.js';
import { clusterScoped, namespace } from './fakes/objects.js';

const lesson3 = { 'kindlab.dev/lesson': '03-service-clusterip', 'app.kubernetes.io/managed-by': 'kindlab' };
const lesson4 = { 'kindlab.dev/lesson': '04-dns', 'app.kubernetes.io/managed-by': 'kindlab' };
const SEL = 'kindlab.dev/lesson=03-service-clusterip,app.kubernetes.io/managed-by=kindlab';
const KIND_OF: Record<string, string> = {
  namespaces: 'Namespace',
  'clusterroles.rbac.authorization.k8s.io': 'ClusterRole',
  'clusterrolebindings.rbac.authorization.k8s.io': 'ClusterRoleBinding',
  'ingressclasses.networking.k8s.io': 'IngressClass',
};

// Gateway API CRDs not installed: its GatewayClass type is not served.
const fake = fakeApiAndTools({ api: { unservedGroups: ['gateway.networking.k8s.io'] }, rules: [{ tool: 'kubectl', argvIncludes: ['delete'], stdout: '' }] });
let cluster: KindCluster;
let playing: ReturnType<typeof setInterval> | undefined;

beforeEach(async () => {
  cluster = new KindCluster({ profile: 'calico-vxlan', kubeconfig: fake.kubeconfig, env: fake.tools.env });
  fake.api.put(namespace('lab-03', lesson3));
  fake.api.put(namespace('lab-03-extra', lesson3));
  fake.api.put(namespace('lab-03-mine', { 'kindlab.dev/lesson': '03-service-clusterip' })); // not managed by kindlab
  fake.api.put(namespace('lab-04', lesson4));
  fake.api.put(namespace('default', {}));
  fake.api.put(clusterScoped('rbac.authorization.k8s.io/v1', 'ClusterRole', 'lab-03-reader', lesson3));
  fake.api.put(
    clusterScoped('rbac.authorization.k8s.io/v1', 'ClusterRole', 'system:aggregate-to-view', { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }),
  );
  fake.api.put(clusterScoped('networking.k8s.io/v1', 'IngressClass', 'nginx', lesson4));
});
afterEach(async () => {
  if (playing) clearInterval(playing);
});

/** Plays the API server: each recorded `kubectl delete RESOURCE -l SEL` removes (or marks) what it selects. */
function playApiServer(onDelete: (obj: ReturnType<FakeApiServer['list']>[number]) => void, delayMs = 150) {
  let handled = 0;
  playing = setInterval(() => {
    const calls = fake.tools.calls();
    for (; handled < calls.length; handled++) {
      const argv = calls[handled]!.argv;
      const at = argv.indexOf('delete');
      const kind = KIND_OF[argv[at + 1] ?? ''];
      const sel = argv[argv.indexOf('-l') + 1] ?? '';
      if (!kind) continue;
      const doomed = fake.api.list(kind).filter((o) => labelsMatch(o.metadata.labels ?? {}, sel));
      setTimeout(() => doomed.forEach(onDelete), delayMs);
    }
  }, 30);
}

describe('deleteLessonObjects', () => {
  it('deletes the lesson’s labelled namespaces and cluster-scoped objects, and nothing else', async () => {
    playApiServer((o) => fake.api.remove(o));
    await cluster.deleteLessonObjects('03-service-clusterip', { timeoutMs: 10_000 });

    expect(fake.tools.calls().map((c) => c.argv)).toEqual([
      ['--kubeconfig', expect.any(String), '--context', 'kind-kindlab', 'delete', 'namespaces', '-l', SEL, '--ignore-not-found', '--wait=false'],
      [
        '--kubeconfig',
        expect.any(String),
        '--context',
        'kind-kindlab',
        'delete',
        'clusterroles.rbac.authorization.k8s.io',
        '-l',
        SEL,
        '--ignore-not-found',
        '--wait=false',
      ],
    ]);
    expect(
      fake.api
        .list('Namespace')
        .map((n) => n.metadata.name)
        .sort(),
    ).toEqual(['default', 'lab-03-mine', 'lab-04']);
    expect(fake.api.list('ClusterRole').map((n) => n.metadata.name)).toEqual(['system:aggregate-to-view']);
    expect(fake.api.list('IngressClass').map((n) => n.metadata.name)).toEqual(['nginx']);
    // Every lookup asked for exactly the lesson's labels.
    const lookups = fake.api.requests.filter((r) => r.query.watch !== 'true' && r.query.labelSelector !== undefined);
    expect(lookups.length).toBeGreaterThanOrEqual(9);
    expect(new Set(lookups.map((r) => r.query.labelSelector))).toEqual(new Set([SEL]));
    // The Gateway API is not installed here: its GatewayClass lookup was a 404, not an error.
    expect(fake.api.requests.some((r) => r.path === '/apis/gateway.networking.k8s.io/v1/gatewayclasses')).toBe(true);
  });

  it('returns only when the namespaces are gone (watched, not slept)', async () => {
    playApiServer((o) => fake.api.remove(o), 500);
    const started = Date.now();
    await cluster.deleteLessonObjects('03-service-clusterip', { timeoutMs: 10_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(fake.api.has('Namespace', 'lab-03')).toBe(false);
    expect(fake.api.watchCount()).toBeGreaterThanOrEqual(2);
  });

  it('a namespace stuck in Terminating is reported with its finalizers and what remains inside', async () => {
    playApiServer((o) => {
      if (o.kind === 'Namespace') fake.api.put(namespace(o.metadata.name, o.metadata.labels ?? {}, { terminating: true, finalizers: ['kubernetes'] }));
      else fake.api.remove(o);
    });
    const err = (await cluster.deleteLessonObjects('03-service-clusterip', { timeoutMs: 1500 }).catch((e: unknown) => e)) as WaitTimedOut;
    expect(err).toBeInstanceOf(WaitTimedOut);
    expect(err.awaited).toBe(`namespace -l ${SEL} to be Deleted`);
    expect(err.lastSeen).toBe('namespace/lab-03: Terminating; namespace/lab-03-extra: Terminating');
    const text = err.diagnosis.join('\n');
    expect(text).toContain('finalizers: kubernetes');
    expect(text).toContain('NamespaceContentRemaining: Some resources are remaining: widgets.example.kindlab.dev has 1 resource instances');
    expect(text).toContain('NamespaceFinalizersRemaining: Some content in the namespace has finalizers remaining: example.kindlab.dev/hold');
    expect(err.hints.map((h) => h.en).join('\n')).toContain('kubectl get namespace lab-03 -o yaml');
  });

  it('a lesson with nothing left to delete makes no kubectl call', async () => {
    await cluster.deleteLessonObjects('07-headless', { timeoutMs: 5000 });
    expect(fake.tools.calls()).toEqual([]);
  });

  it('a lesson id that is not a label value is refused before any call', async () => {
    await expect(cluster.deleteLessonObjects('03,app.kubernetes.io/managed-by!=kindlab', { timeoutMs: 5000 })).rejects.toThrow(/not a valid lesson id/);
    await expect(cluster.deleteLessonObjects('', { timeoutMs: 5000 })).rejects.toThrow(/not a valid lesson id/);
    expect(fake.tools.calls()).toEqual([]);
    expect(fake.api.requests).toEqual([]);
  });

  it('the selector names both the lesson and kindlab', () => {
    expect(lessonSelector('05-kube-proxy')).toBe('kindlab.dev/lesson=05-kube-proxy,app.kubernetes.io/managed-by=kindlab');
  });
});
