// kindlab map through the real kind adapter: nodes, Pods, Services and EndpointSlices read from the
// API server (a local fake answering client-node), `ip -4 route show` on each node through docker
// exec (a fake executable on PATH recording argv). Fake answers are typed in the formats the real
// tools print; they are not recordings.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openLabCluster } from '../../src/cluster/open.js';
import { unattendedPrompts } from '../../src/ui/prompts.js';
import { tempHome } from '../cli/run-cli.js';
import { FakeApiServer } from './fakes/api-server.js';
import { fakeTools, type FakeTools } from './fakes/harness.js';
import { endpointSlice, node, pod, service } from './fakes/objects.js';

let api: FakeApiServer;
let tools: FakeTools;
let kubeconfig: string;
let home: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  api = new FakeApiServer();
  await api.start();
  tools = fakeTools();
  kubeconfig = api.writeKubeconfig(path.join(tools.dir, 'kubeconfig'));
  ({ home, cleanup } = await tempHome());
  api.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kindlab-info', namespace: 'kube-system' }, data: { profile: 'kindnet', nodeImage: 'kindest/node:v1.33.4' } } as never);
});
afterEach(async () => {
  await api.stop();
  tools.cleanup();
  await cleanup();
});

describe('kindlab map through the real adapter', () => {
  it('reads the cluster through the API and docker exec, and draws it', async () => {
    api.put(node('kindlab-control-plane', true, '172.18.0.2', '10.244.0.0/24'));
    api.put(node('kindlab-worker', true, '172.18.0.3', '10.244.1.0/24'));
    api.put(pod('web-7c5ddbdf54-abcde', 'lab-03', { app: 'web', phase: 'Running', ready: true, podIP: '10.244.1.5', node: 'kindlab-worker' }));
    api.put(service('web', 'lab-03', '10.96.41.7'));
    api.put(endpointSlice('web', 'lab-03', ['10.244.1.5']));
    tools.setRules([
      { tool: 'docker', argv: ['exec', 'kindlab-control-plane', 'ip', '-4', 'route', 'show'], stdout: 'default via 172.18.0.1 dev eth0\n10.244.1.0/24 via 172.18.0.3 dev eth0\n172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.2\n' },
      { tool: 'docker', argv: ['exec', 'kindlab-worker', 'ip', '-4', 'route', 'show'], stdout: 'default via 172.18.0.1 dev eth0\n10.244.0.0/24 via 172.18.0.2 dev eth0\n10.244.1.5 dev veth3f2a9c1d scope host\n172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3\n' },
    ]);
    let stdout = '';
    let stderr = '';
    const code = await main(['map', '-n', 'lab-03', '--plain'], {
      env: { KINDLAB_HOME: home, LANG: 'en_US.UTF-8', KINDLAB_LABS: path.resolve('test/fixtures/labs'), KUBECONFIG: kubeconfig },
      stdout: { write: (t: string) => void (stdout += t), isTTY: false },
      stderr: { write: (t: string) => void (stderr += t) },
      stdinIsTTY: false,
      signal: new AbortController().signal,
      prompts: unattendedPrompts(),
      openCluster: (app) => openLabCluster({ clusterName: app.clusterName, kubeconfig, env: tools.env, signal: app.signal }),
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('* web-7c5ddbdf54-abcde 10.244.1.5 <-> veth3f2a9c1d');
    expect(stdout).toContain('-> 10.244.1.0/24 via 172.18.0.3 dev eth0 -> kindlab-worker');
    expect(stdout).toContain('-> 10.244.1.5:80 web-7c5ddbdf54-abcde @ kindlab-worker');
    const docker = tools.calls().filter((c) => c.tool === 'docker').map((c) => c.argv.join(' '));
    expect(docker).toEqual(['exec kindlab-control-plane ip -4 route show', 'exec kindlab-worker ip -4 route show']);
  });
});
