// Reads and waits of the kind adapter through client-node against the fake API server:
// GET/LIST shapes, watches that deliver the awaited state, watches that drop or expire, and
// the explanation a learner gets when a wait reaches its deadline.
import { beforeEach, describe, expect, it } from 'vitest';
import { KindCluster } from '../../src/cluster/kind/adapter.js';
import { WaitTimedOut } from '../../src/cluster/kind/diagnose.js';
import { ClusterUnreachable, DeadlineExceeded } from '../../src/cluster/port.js';
import { fakeApiAndTools } from './fake-api-and-tools.js';
import { deployment, endpointSlice, event, node, pod, service } from './fakes/objects.js';

const fake = fakeApiAndTools();

let cluster: KindCluster;

beforeEach(async () => {
  cluster = new KindCluster({ profile: 'calico-vxlan', kubeconfig: fake.kubeconfig, env: fake.tools.env });
});

const later = (ms: number, fn: () => void) => setTimeout(fn, ms);
const lists = () => fake.api.requests.filter((r) => r.query.watch !== 'true' && !/^\/(api|apis)(\/[^/]+(\/[^/]+)?)?$/.test(r.path));

describe('read', () => {
  it('returns a named object as the API server sent it, unknown fields and timestamps untouched', async () => {
    const d = deployment('web', 'lab-03', { replicas: 2, ready: 2 });
    (d.status as Record<string, unknown>).someFieldFromANewerRelease = { kept: true };
    fake.api.put(d);
    const [got] = await cluster.read({ kind: 'deploy', name: 'web', namespace: 'lab-03' }, { timeoutMs: 5000 });
    expect(got).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', creationTimestamp: '2026-01-10T09:00:00Z' } });
    expect((got!.status as Record<string, unknown>).someFieldFromANewerRelease).toEqual({ kept: true });
    expect(fake.api.requests.map((r) => r.path)).toEqual(['/apis/apps/v1/namespaces/lab-03/deployments/web']);
  });

  it('an absent object reads as an empty list, not an error', async () => {
    expect(await cluster.read({ kind: 'svc', name: 'nope', namespace: 'lab-03' }, { timeoutMs: 5000 })).toEqual([]);
  });

  it('lists by label selector and gives each item its apiVersion and kind back', async () => {
    fake.api.put(service('nginx-svc', 'lab-03', '10.96.12.34'));
    fake.api.put(endpointSlice('nginx-svc', 'lab-03', ['10.244.1.5', '10.244.2.7']));
    fake.api.put(endpointSlice('other', 'lab-03', ['10.244.1.9']));
    const slices = await cluster.read({ kind: 'endpointslice', selector: 'kubernetes.io/service-name=nginx-svc', namespace: 'lab-03' }, { timeoutMs: 5000 });
    expect(slices).toHaveLength(1);
    expect(slices[0]).toMatchObject({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      endpoints: [{ addresses: ['10.244.1.5'] }, { addresses: ['10.244.2.7'] }],
    });
    expect(fake.api.requests.at(-1)).toMatchObject({
      path: '/apis/discovery.k8s.io/v1/namespaces/lab-03/endpointslices',
      query: { labelSelector: 'kubernetes.io/service-name=nginx-svc' },
    });
  });

  it('reads cluster-scoped nodes, CRDs by kind.group, and kinds only discovery knows', async () => {
    fake.api.put(node('kindlab-worker', true, '172.18.0.3', '10.244.1.0/24'));
    fake.api.put({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'split', namespace: 'lab-12' }, spec: { rules: [] } });
    fake.api.put({ apiVersion: 'example.kindlab.dev/v1alpha1', kind: 'Widget', metadata: { name: 'w1', namespace: 'lab-12' } });
    expect(await cluster.read({ kind: 'node', name: 'kindlab-worker' }, { timeoutMs: 5000 })).toMatchObject([{ spec: { podCIDR: '10.244.1.0/24' } }]);
    expect(await cluster.read({ kind: 'httproute.gateway.networking.k8s.io', name: 'split', namespace: 'lab-12' }, { timeoutMs: 5000 })).toHaveLength(1);
    expect(await cluster.read({ kind: 'wdg', namespace: 'lab-12' }, { timeoutMs: 5000 })).toMatchObject([{ kind: 'Widget', metadata: { name: 'w1' } }]);
    expect(fake.api.requests.map((r) => r.path)).toContain('/apis/example.kindlab.dev/v1alpha1');
  });

  it('an unknown kind is a clear error at once', async () => {
    await expect(cluster.read({ kind: 'frobnicator', namespace: 'x' }, { timeoutMs: 5000 })).rejects.toThrow(/the cluster has no resource type "frobnicator"/);
  });

  it('an API server that is not there is ClusterUnreachable with a fix', async () => {
    const url = fake.api.url;
    await fake.api.stop();
    const err = await cluster.read({ kind: 'pod', namespace: 'x' }, { timeoutMs: 3000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterUnreachable);
    expect((err as Error).message).toContain(url);
    expect((err as ClusterUnreachable).fix).toMatch(/kindlab/);
  });

  it('a context missing from the kubeconfig is ClusterUnreachable naming the kind command that restores it', async () => {
    const c = new KindCluster({ profile: 'kindnet', clusterName: 'elsewhere', kubeconfig: fake.kubeconfig });
    const err = await c.read({ kind: 'pod', namespace: 'x' }, { timeoutMs: 3000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterUnreachable);
    expect((err as Error).message).toMatch(/no context "kind-elsewhere" \(it has: kind-kindlab\)/);
    expect((err as ClusterUnreachable).fix).toContain('kind export kubeconfig --name elsewhere');
  });
});

describe('wait', () => {
  it('resolves when the watch delivers the Deployment as Available, without polling', async () => {
    fake.api.put(deployment('web', 'lab-03', { replicas: 2, ready: 0 }));
    later(200, () => fake.api.put(deployment('web', 'lab-03', { replicas: 2, ready: 1 })));
    later(400, () => fake.api.put(deployment('web', 'lab-03', { replicas: 2, ready: 2 })));
    const started = Date.now();
    await cluster.wait({ ref: { kind: 'deployment', name: 'web', namespace: 'lab-03' }, condition: 'Available', timeoutMs: 10_000 }, {});
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(lists()).toHaveLength(1);
    const watch = fake.api.requests.find((r) => r.query.watch === 'true');
    expect(watch).toMatchObject({ path: '/apis/apps/v1/namespaces/lab-03/deployments', query: { fieldSelector: 'metadata.name=web', resourceVersion: '101' } });
  });

  it('an object that does not exist yet is "not yet", not a failure', async () => {
    later(300, () => fake.api.put(pod('netshoot', 'lab-03', { app: 'netshoot', phase: 'Running', ready: true })));
    await cluster.wait({ ref: { kind: 'pod', name: 'netshoot', namespace: 'lab-03' }, condition: 'Ready', timeoutMs: 10_000 }, {});
  });

  it('Ready by selector waits for every matching Pod', async () => {
    fake.api.put(pod('web-1', 'lab-03', { app: 'web', phase: 'Running', ready: true }));
    fake.api.put(pod('web-2', 'lab-03', { app: 'web', phase: 'Pending', ready: false }));
    let done = false;
    const waiting = cluster
      .wait({ ref: { kind: 'pod', selector: 'app=web', namespace: 'lab-03' }, condition: 'Ready', timeoutMs: 10_000 }, {})
      .then(() => (done = true));
    await new Promise((r) => setTimeout(r, 400));
    expect(done).toBe(false);
    fake.api.put(pod('web-2', 'lab-03', { app: 'web', phase: 'Running', ready: true }));
    await waiting;
  });

  it('Deleted resolves when the watch reports the deletion', async () => {
    fake.api.put(pod('old', 'lab-03', { app: 'old', phase: 'Running', ready: true }));
    later(200, () => fake.api.remove({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'old', namespace: 'lab-03' } }));
    await cluster.wait({ ref: { kind: 'pod', name: 'old', namespace: 'lab-03' }, condition: 'Deleted', timeoutMs: 10_000 }, {});
  });

  it('a watch cut by the network is re-established until the deadline', async () => {
    fake.api.put(deployment('web', 'lab-03', { replicas: 1, ready: 0 }));
    later(300, () => fake.api.dropWatches());
    later(600, () => fake.api.put(deployment('web', 'lab-03', { replicas: 1, ready: 1 })));
    await cluster.wait({ ref: { kind: 'deployment', name: 'web', namespace: 'lab-03' }, condition: 'Available', timeoutMs: 10_000 }, {});
    expect(fake.api.watchCount()).toBeGreaterThanOrEqual(2);
  });

  it('a watch that expires with ERROR 410 Gone in the stream lists again and keeps waiting', async () => {
    fake.api.put(deployment('web', 'lab-03', { replicas: 1, ready: 0 }));
    later(250, () => fake.api.expireWatches());
    later(600, () => fake.api.put(deployment('web', 'lab-03', { replicas: 1, ready: 1 })));
    await cluster.wait({ ref: { kind: 'deployment', name: 'web', namespace: 'lab-03' }, condition: 'Available', timeoutMs: 10_000 }, {});
    expect(lists()).toHaveLength(2);
    expect(fake.api.watchCount()).toBe(2);
  });

  it('a watch answered with HTTP 410, or from a compacted resourceVersion, is retried from a fresh list', async () => {
    fake.api.put(deployment('web', 'lab-03', { replicas: 1, ready: 0 }));
    fake.api.failWatches(2);
    later(500, () => fake.api.put(deployment('web', 'lab-03', { replicas: 1, ready: 1 })));
    await cluster.wait({ ref: { kind: 'deployment', name: 'web', namespace: 'lab-03' }, condition: 'Available', timeoutMs: 10_000 }, {});
    // Both refused watches were followed by a fresh list (with a back-off, not a tight loop).
    expect(fake.api.watchCount()).toBeGreaterThanOrEqual(2);
    expect(lists().length).toBeGreaterThanOrEqual(3);
  });

  it('past its deadline, a wait explains ImagePullBackOff with the event message and suggests kindlab images load', async () => {
    fake.api.put(deployment('web', 'lab-03', { replicas: 1, ready: 0 }));
    fake.api.put(
      pod('web-7c5ddbdf54-x2x9q', 'lab-03', {
        app: 'web',
        phase: 'Pending',
        ready: false,
        image: 'nginx:1.27',
        state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:1.27"' } },
      }),
    );
    fake.api.put(
      event(
        'lab-03',
        { kind: 'Pod', name: 'web-7c5ddbdf54-x2x9q' },
        {
          type: 'Warning',
          reason: 'Failed',
          message:
            'Failed to pull image "nginx:1.27": failed to resolve reference "docker.io/library/nginx:1.27": dial tcp: lookup registry-1.docker.io: no such host',
          at: '2026-01-10T09:01:00Z',
          count: 3,
        },
      ),
    );
    const started = Date.now();
    const err = await cluster
      .wait({ ref: { kind: 'deployment', name: 'web', namespace: 'lab-03' }, condition: 'Available', timeoutMs: 1200 }, {})
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1150);
    expect(err).toBeInstanceOf(DeadlineExceeded);
    expect(err).toBeInstanceOf(WaitTimedOut);
    const e = err as WaitTimedOut;
    expect(e.awaited).toBe('deployment/web in lab-03 to be Available');
    expect(e.lastSeen).toBe('deployment/web: 0/1 ready, 1 up to date, Available=False (MinimumReplicasUnavailable)');
    const text = e.diagnosis.join('\n');
    expect(text).toContain('container web: waiting, ImagePullBackOff: Back-off pulling image "nginx:1.27"');
    expect(text).toContain('event Warning Failed on pod/web-7c5ddbdf54-x2x9q (x3): Failed to pull image "nginx:1.27"');
    expect(text).toContain('kindlab images load');
    expect(e.hints.find((h) => h.en.includes('kindlab images load'))?.ja).toContain('kindlab images load');
    // The Pods were found through the Deployment's selector.
    expect(fake.api.requests.some((r) => r.path === '/api/v1/namespaces/lab-03/pods' && r.query.labelSelector === 'app=web')).toBe(true);
  });

  it('explains CrashLoopBackOff with the container’s last log lines', async () => {
    fake.api.put(
      pod('api-0', 'lab-03', {
        app: 'api',
        phase: 'Running',
        ready: false,
        restartCount: 4,
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=api pod=api-0_lab-03' } },
        lastState: { terminated: { exitCode: 1, reason: 'Error' } },
      }),
    );
    const lines = Array.from({ length: 15 }, (_, i) => `line ${i + 1}`);
    lines[14] = 'nginx: [emerg] host not found in upstream "backend" in /etc/nginx/conf.d/default.conf:3';
    fake.api.setLog('lab-03', 'api-0', 'api', lines.join('\n') + '\n', true);
    const err = (await cluster
      .wait({ ref: { kind: 'pod', name: 'api-0', namespace: 'lab-03' }, condition: 'Ready', timeoutMs: 800 }, {})
      .catch((e: unknown) => e)) as WaitTimedOut;
    const text = err.diagnosis.join('\n');
    expect(text).toContain('container api: waiting, CrashLoopBackOff');
    expect(text).toContain('restarted 4 times, last exit: Error (exit code 1)');
    expect(text).toContain('last log lines of api-0/api:');
    expect(text).toContain('| nginx: [emerg] host not found in upstream "backend"');
    expect(text).not.toContain('| line 5\n');
    expect(err.diagnosis.filter((l) => l.startsWith('    | '))).toHaveLength(10);
    expect(text).toContain('kubectl logs -n lab-03 api-0 --previous');
  });

  it('a node that is not Ready points at the CNI', async () => {
    fake.api.put(node('kindlab-worker', false, '172.18.0.3', '10.244.1.0/24'));
    const err = (await cluster
      .wait({ ref: { kind: 'node', name: 'kindlab-worker' }, condition: 'Ready', timeoutMs: 600 }, {})
      .catch((e: unknown) => e)) as WaitTimedOut;
    expect(err.lastSeen).toBe('node/kindlab-worker: Ready=False (KubeletNotReady)');
    expect(err.diagnosis.join('\n')).toMatch(/cni plugin not initialized[\s\S]*calico-node/);
  });

  it('Exists that never happens says nothing matched and what to check', async () => {
    const err = (await cluster
      .wait({ ref: { kind: 'service', name: 'nginx-svc', namespace: 'lab-03' }, condition: 'Exists', timeoutMs: 500 }, {})
      .catch((e: unknown) => e)) as WaitTimedOut;
    expect(err.lastSeen).toBe('no matching object');
    expect(err.hints[0]?.en).toMatch(/Nothing matching service\/nginx-svc in lab-03 exists/);
  });

  it('Complete waits for a Job to finish', async () => {
    const job = (complete: boolean) => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'probe', namespace: 'lab-08' },
      spec: { template: { spec: { containers: [{ name: 'dig', image: 'nicolaka/netshoot:v0.13' }], restartPolicy: 'Never' } } },
      status: complete ? { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] } : { active: 1 },
    });
    fake.api.put(job(false));
    later(200, () => fake.api.put(job(true)));
    await cluster.wait({ ref: { kind: 'job', name: 'probe', namespace: 'lab-08' }, condition: 'Complete', timeoutMs: 5000 }, {});
  });

  it('Ctrl-C (AbortSignal) ends a wait at once', async () => {
    const ac = new AbortController();
    later(200, () => ac.abort(new Error('interrupted')));
    const started = Date.now();
    await expect(
      cluster.wait({ ref: { kind: 'pod', name: 'never', namespace: 'x' }, condition: 'Ready', timeoutMs: 20_000 }, { signal: ac.signal }),
    ).rejects.toThrow('interrupted');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('with no API server at all, a wait says so at once instead of waiting out its deadline', async () => {
    await fake.api.stop();
    const started = Date.now();
    await expect(cluster.wait({ ref: { kind: 'pod', name: 'a', namespace: 'lab-03' }, condition: 'Ready', timeoutMs: 20_000 }, {})).rejects.toBeInstanceOf(
      ClusterUnreachable,
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('makes no kubectl or docker call', async () => {
    fake.api.put(pod('a', 'lab-03', { app: 'a', phase: 'Running', ready: true }));
    await cluster.wait({ ref: { kind: 'pod', name: 'a', namespace: 'lab-03' }, condition: 'Ready', timeoutMs: 5000 }, {});
    expect(fake.tools.calls()).toEqual([]);
  });
});
