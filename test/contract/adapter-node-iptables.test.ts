// A lesson's `iptables -t nat -S` on a node reads the backend kube-proxy wrote to. Fake docker
// answers are typed in iptables-save's format (the KUBE-IPTABLES-HINT chain kubelet creates).
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KindCluster } from '../../src/cluster/kind/adapter.js';
import { FakeApiServer } from './fakes/api-server.js';
import { fakeTools, type FakeTools } from './fakes/harness.js';

let api: FakeApiServer;
let tools: FakeTools;
let kubeconfig: string;
beforeEach(async () => {
  api = new FakeApiServer();
  await api.start();
  tools = fakeTools();
  kubeconfig = api.writeKubeconfig(path.join(tools.dir, 'kubeconfig'));
});
afterEach(async () => {
  await api.stop();
  tools.cleanup();
});

describe('iptables on a kind node', () => {
  it('detects the nft backend once, then reads the rules with iptables-nft', async () => {
    tools.setRules([
      { tool: 'docker', argv: ['exec', 'kl2-worker', 'iptables-nft-save', '-t', 'mangle'], stdout: '*mangle\n:KUBE-IPTABLES-HINT - [0:0]\n:KUBE-KUBELET-CANARY - [0:0]\nCOMMIT\n' },
      { tool: 'docker', argv: ['exec', 'kl2-worker', 'iptables-nft', '-t', 'nat', '...'], stdout: '-N KUBE-SERVICES\n' },
    ]);
    const cluster = new KindCluster({ clusterName: 'kl2', profile: 'kindnet', kubeconfig, env: tools.env });
    for (let i = 0; i < 2; i++) await cluster.exec({ node: 'worker' }, ['iptables', '-t', 'nat', '-S', 'KUBE-SERVICES'], { timeoutMs: 5000 });
    expect(tools.calls().map((c) => c.argv.join(' '))).toEqual([
      'exec kl2-worker iptables-nft-save -t mangle',
      'exec kl2-worker iptables-nft -t nat -S KUBE-SERVICES',
      'exec kl2-worker iptables-nft -t nat -S KUBE-SERVICES',
    ]);
  });

  it('other commands on a node run as written', async () => {
    tools.setRules([{ tool: 'docker', argv: ['exec', '...'], stdout: 'default via 172.18.0.1 dev eth0\n' }]);
    const cluster = new KindCluster({ clusterName: 'kl3', profile: 'kindnet', kubeconfig, env: tools.env });
    await cluster.exec({ node: 'worker' }, ['ip', 'route'], { timeoutMs: 5000 });
    expect(tools.calls().map((c) => c.argv.join(' '))).toEqual(['exec kl3-worker ip route']);
  });
});
