// kindlab map through the real kind adapter: nodes, Pods, Services and EndpointSlices read from the
// API server (a local fake answering client-node), `ip -4 route show` on each node through docker
// exec (a fake executable on PATH recording argv). Fake answers are typed in the formats the real
// tools print; they are not recordings.
import { describe, expect, it } from 'vitest';
import { endpointSlice, node, pod, service } from './fakes/objects.js';
import { kindlabThroughAdapter } from './through-adapter.js';

const lab = kindlabThroughAdapter();

describe('kindlab map through the real adapter', () => {
  it('reads the cluster through the API and docker exec, and draws it', async () => {
    lab.api.put(node('kindlab-control-plane', true, '172.18.0.2', '10.244.0.0/24'));
    lab.api.put(node('kindlab-worker', true, '172.18.0.3', '10.244.1.0/24'));
    lab.api.put(pod('web-7c5ddbdf54-abcde', 'lab-03', { app: 'web', phase: 'Running', ready: true, podIP: '10.244.1.5', node: 'kindlab-worker' }));
    lab.api.put(service('web', 'lab-03', '10.96.41.7'));
    lab.api.put(endpointSlice('web', 'lab-03', ['10.244.1.5']));
    lab.tools.setRules([
      {
        tool: 'docker',
        argv: ['exec', 'kindlab-control-plane', 'ip', '-4', 'route', 'show'],
        stdout: 'default via 172.18.0.1 dev eth0\n10.244.1.0/24 via 172.18.0.3 dev eth0\n172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.2\n',
      },
      {
        tool: 'docker',
        argv: ['exec', 'kindlab-worker', 'ip', '-4', 'route', 'show'],
        stdout:
          'default via 172.18.0.1 dev eth0\n10.244.0.0/24 via 172.18.0.2 dev eth0\n10.244.1.5 dev veth3f2a9c1d scope host\n172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3\n',
      },
    ]);
    const { code, stdout, stderr } = await lab.kindlab(['map', '-n', 'lab-03', '--plain']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('* web-7c5ddbdf54-abcde 10.244.1.5 <-> veth3f2a9c1d');
    expect(stdout).toContain('-> 10.244.1.0/24 via 172.18.0.3 dev eth0 -> kindlab-worker');
    expect(stdout).toContain('-> 10.244.1.5:80 web-7c5ddbdf54-abcde @ kindlab-worker');
    const docker = lab.tools
      .calls()
      .filter((c) => c.tool === 'docker')
      .map((c) => c.argv.join(' '));
    expect(docker).toEqual(['exec kindlab-control-plane ip -4 route show', 'exec kindlab-worker ip -4 route show']);
  });
});
