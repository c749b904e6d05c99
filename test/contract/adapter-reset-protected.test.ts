// Issue 11.9: reset never deletes a system or shared namespace, even one that carries the lesson's
// labels (a lesson that named `namespace: kube-system` before validate refused it, or a hand-made label).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KindCluster } from '../../src/cluster/kind/adapter.js';
import { fakeApiAndTools } from './fake-api-and-tools.js';
import { labelsMatch } from './fakes/api-server.js';
import { namespace } from './fakes/objects.js';

const lesson3 = { 'kindlab.dev/lesson': '03-service-clusterip', 'app.kubernetes.io/managed-by': 'kindlab' };

const fake = fakeApiAndTools({ api: { unservedGroups: ['gateway.networking.k8s.io'] }, rules: [{ tool: 'kubectl', argvIncludes: ['delete'], stdout: '' }] });
let cluster: KindCluster;
let playing: ReturnType<typeof setInterval> | undefined;

beforeEach(async () => {
  cluster = new KindCluster({ profile: 'kindnet', kubeconfig: fake.kubeconfig, env: fake.tools.env });
  for (const name of ['lab-03', 'lab-03-extra', 'kube-system', 'default', 'kube-flannel', 'local-path-storage', 'calico-system', 'tigera-operator'])
    fake.api.put(namespace(name, lesson3));
});
afterEach(async () => {
  if (playing) clearInterval(playing);
});

/** Plays the API server for `kubectl delete namespaces` by label (-l) or by name. */
function playApiServer() {
  let handled = 0;
  playing = setInterval(() => {
    const calls = fake.tools.calls();
    for (; handled < calls.length; handled++) {
      const argv = calls[handled]!.argv;
      const at = argv.indexOf('delete');
      if (argv[at + 1] !== 'namespaces') continue;
      const sel = argv.includes('-l') ? argv[argv.indexOf('-l') + 1]! : undefined;
      const names = sel ? [] : argv.slice(at + 2).filter((a) => !a.startsWith('-'));
      const doomed = fake.api.list('Namespace').filter((o) => (sel ? labelsMatch(o.metadata.labels ?? {}, sel) : names.includes(o.metadata.name)));
      setTimeout(() => doomed.forEach((o) => fake.api.remove(o)), 100);
    }
  }, 30);
}

describe('deleteLessonObjects and namespaces kindlab did not make', () => {
  it('deletes the lesson namespaces by name and leaves kube-system, default, kube-* and the CNI/storage namespaces', async () => {
    playApiServer();
    await cluster.deleteLessonObjects('03-service-clusterip', { timeoutMs: 10_000 });
    const deletes = fake.tools.calls().map((c) => c.argv.slice(c.argv.indexOf('delete')));
    expect(deletes).toEqual([['delete', 'namespaces', 'lab-03', 'lab-03-extra', '--ignore-not-found', '--wait=false']]);
    expect(
      fake.api
        .list('Namespace')
        .map((n) => n.metadata.name)
        .sort(),
    ).toEqual(['calico-system', 'default', 'kube-flannel', 'kube-system', 'local-path-storage', 'tigera-operator']);
  });
});
