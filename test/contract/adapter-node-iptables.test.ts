// A lesson's `iptables -t nat -S` on a node reads the backend kube-proxy wrote to. Fake docker
// answers are typed in iptables-save's format (the KUBE-IPTABLES-HINT chain kubelet creates).
import { describe, expect, it } from 'vitest';
import { KindCluster } from '../../src/cluster/kind/adapter.js';
import { fakeApiAndTools } from './fake-api-and-tools.js';

const fake = fakeApiAndTools();

describe('iptables on a kind node', () => {
  it('detects the nft backend once, then reads the rules with iptables-nft', async () => {
    fake.tools.setRules([
      {
        tool: 'docker',
        argv: ['exec', 'kl2-worker', 'iptables-nft-save', '-t', 'mangle'],
        stdout: '*mangle\n:KUBE-IPTABLES-HINT - [0:0]\n:KUBE-KUBELET-CANARY - [0:0]\nCOMMIT\n',
      },
      { tool: 'docker', argv: ['exec', 'kl2-worker', 'iptables-nft', '-t', 'nat', '...'], stdout: '-N KUBE-SERVICES\n' },
    ]);
    const cluster = new KindCluster({ clusterName: 'kl2', profile: 'kindnet', kubeconfig: fake.kubeconfig, env: fake.tools.env });
    for (let i = 0; i < 2; i++) await cluster.exec({ node: 'worker' }, ['iptables', '-t', 'nat', '-S', 'KUBE-SERVICES'], { timeoutMs: 5000 });
    expect(fake.tools.calls().map((c) => c.argv.join(' '))).toEqual([
      'exec kl2-worker iptables-nft-save -t mangle',
      'exec kl2-worker iptables-nft -t nat -S KUBE-SERVICES',
      'exec kl2-worker iptables-nft -t nat -S KUBE-SERVICES',
    ]);
  });

  it('other commands on a node run as written', async () => {
    fake.tools.setRules([{ tool: 'docker', argv: ['exec', '...'], stdout: 'default via 172.18.0.1 dev eth0\n' }]);
    const cluster = new KindCluster({ clusterName: 'kl3', profile: 'kindnet', kubeconfig: fake.kubeconfig, env: fake.tools.env });
    await cluster.exec({ node: 'worker' }, ['ip', 'route'], { timeoutMs: 5000 });
    expect(fake.tools.calls().map((c) => c.argv.join(' '))).toEqual(['exec kl3-worker ip route']);
  });
});
