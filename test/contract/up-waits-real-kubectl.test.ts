// The waits `kindlab up` runs (kubectl wait for nodes, rollout status for the CNI and CoreDNS, the
// kindlab-info apply) with their exact argv, run by the machine's real kubectl against the fake API
// server. kind stays a fake: no kind cluster can run here. A usage or client-side error fails.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { planUp } from '../../src/cluster/kind/lifecycle.js';
import { runQuietly as runTasks } from '../fakes/run-quietly.js';
import { recordRealClient } from '../real-clients.js';
import { FakeApiServer } from './fakes/api-server.js';
import { deployment, namespace, node } from './fakes/objects.js';
import { describeWithRealKubectl, REPO_ROOT } from './fakes/real-kubectl.js';
import { fakeTools, upOptions } from './fakes/harness.js';

/** A DaemonSet whose rollout is complete on three nodes, as kubectl rollout status reads it. */
const daemonSet = (name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: 'kube-system', generation: 1, uid: `uid-${name}`, creationTimestamp: '2026-11-25T10:00:00Z', resourceVersion: '1' },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: `${name}:test` }] } },
    updateStrategy: { type: 'RollingUpdate' },
  },
  status: {
    observedGeneration: 1,
    desiredNumberScheduled: 3,
    currentNumberScheduled: 3,
    updatedNumberScheduled: 3,
    numberReady: 3,
    numberAvailable: 3,
    numberMisscheduled: 0,
  },
});

let api: FakeApiServer;
let work: string;
beforeEach(async () => {
  api = new FakeApiServer();
  await api.start();
  work = mkdtempSync(join(tmpdir(), 'kindlab-up-waits-'));
});
afterEach(async () => {
  await api.stop();
  rmSync(work, { recursive: true, force: true });
});

describeWithRealKubectl('kindlab up waits, run by the real kubectl', (kubectl) => {
  it('kindnet: nodes Ready, kindnet and CoreDNS rolled out, kindlab-info applied — every command accepted as built', async () => {
    for (const [i, name] of ['kindlab-control-plane', 'kindlab-worker', 'kindlab-worker2'].entries())
      api.put(node(name, true, `172.18.0.${i + 2}`, `10.244.${i}.0/24`));
    api.put(namespace('kube-system', {}));
    api.put(daemonSet('kindnet') as never);
    api.put(deployment('coredns', 'kube-system', { replicas: 2, ready: 2 }));
    // The learner's current context is another cluster's; every wait must still go to the lab.
    const kubeconfig = api.writeKubeconfig(join(work, 'kubeconfig'), { currentContext: 'work', extra: [{ name: 'work', server: 'https://127.0.0.1:9' }] });
    const fake = fakeTools([
      { tool: 'kind', argv: ['get', 'clusters'], stdout: '', stderr: 'No kind clusters found.\n' },
      { tool: 'kind', argv: ['create', 'cluster', '...'] },
      { tool: 'kubectl', argv: ['...'], passThrough: kubectl },
    ]);
    const plan = await planUp(
      upOptions({ ...fake.env, KUBECONFIG: kubeconfig, HOME: work }, fake.runner, { workDir: work, addonsDir: join(REPO_ROOT, 'addons') }),
    );
    expect(plan.action).toBe('create');
    if (plan.action !== 'create') return;
    await runTasks(plan.tasks);
    const kubectlCalls = fake.commands().filter((argv) => argv[0] === 'kubectl');
    for (const argv of kubectlCalls) recordRealClient('kubectl', argv);
    // In the order kindlab started them (the waits run side by side, so the log's order among them is a race).
    const startedKubectl = fake.timeouts.map((t) => t.argv).filter((argv) => argv[0] === 'kubectl');
    expect([...kubectlCalls].sort()).toEqual([...startedKubectl].sort());
    const byVerb = startedKubectl.map((argv) => argv.slice(argv[1] === '--context' ? 3 : 1).join(' '));
    expect(byVerb).toEqual([
      'config current-context',
      'config use-context work',
      'wait --for=condition=Ready node --all --timeout=300s',
      '-n kube-system rollout status daemonset/kindnet --timeout=300s',
      '-n kube-system rollout status deployment/coredns --timeout=180s',
      '-n kube-system apply -f -',
    ]);
    expect(plan.timings.every((t) => t.outcome === 'done')).toBe(true);
    const info = await fetch(`${api.url}/api/v1/namespaces/kube-system/configmaps/kindlab-info`, {
      headers: { authorization: 'Bearer token-for-kind-kindlab' },
    });
    expect(info.status).toBe(200);
    expect(((await info.json()) as { data: { profile: string } }).data.profile).toBe('kindnet');
  });
});
