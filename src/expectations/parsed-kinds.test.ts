// The lesson-facing keys of the parsed-output expectations exist and accept the parameters lesson
// authors write (with {{captures}} still in them), as docs/parsers.md shows; wrong ones are refused.
import { describe, expect, test } from 'vitest';
import { kindByKey } from './index.js';

const accepted: [string, unknown][] = [
  ['dns.status', 'NXDOMAIN'],
  ['dns.server', '10.96.0.10'],
  ['dns.name', 'web.lab-03.svc.cluster.local'],
  ['dns.addresses.include', ['{{clusterIP}}']],
  ['dns.addresses.include', '{{clusterIP}}'],
  ['dns.addresses.exactly', '{{podIPs}}'],
  ['dns.cname', 'web.example.com'],
  ['dns.srv', { target: 'web.lab-03.svc.cluster.local', port: '{{port}}' }],
  ['http.status', 200],
  ['http.status', '{{code}}'],
  ['http.header', { name: 'X-Served-By', contains: 'web' }],
  ['curl.outcome', 'timeout'],
  ['iptables.chain', 'KUBE-SERVICES'],
  ['iptables.chain', { name: 'FORWARD', policy: 'DROP' }],
  ['iptables.rule', { chain: 'KUBE-SERVICES', destination: '{{clusterIP}}/32', dport: 80, jumpPrefix: 'KUBE-SVC-' }],
  ['iptables.rule', { commentContains: 'lab-05/web', absent: true }],
  ['iptables.count', { chainPrefix: 'KUBE-SEP-', target: 'DNAT', commentContains: 'lab-05/web:http', equals: '{{replicas}}' }],
  ['iptables.fairSplit', { commentContains: 'lab-05/web:http', endpoints: 3 }],
  ['route.to', { dst: '10.244.1.0/26', dev: 'vxlan.calico' }],
  ['route.to', { dst: 'default', via: '172.18.0.1' }],
  ['route.get', { dev: 'tunl0', src: '{{ip}}' }],
  ['addr.has', { address: '{{podIP}}', dev: 'eth0' }],
  ['resolv.nameserver', '10.96.0.10'],
  ['resolv.search', ['lab-04.svc.cluster.local', 'svc.cluster.local', 'cluster.local']],
  ['resolv.ndots', 5],
  ['encap.seen', 'vxlan'],
  ['encap.seen', { type: 'ipip', innerSrc: '{{a}}', innerDst: '{{b}}' }],
];

const refused: [string, unknown][] = [
  ['dns.status', 'NODATA'],
  ['http.status', 'two hundred'],
  ['curl.outcome', 'blocked'],
  ['iptables.rule', { chian: 'KUBE-SERVICES' }],
  ['iptables.count', { chain: 'KUBE-SERVICES' }],
  ['route.to', { via: '10.0.0.1' }],
  ['encap.seen', 'gre'],
  ['resolv.search', []],
];

describe('parsed-output expectation parameters at lesson load time', () => {
  test.each(accepted)('%s accepts %j', (key, params) => {
    const kind = kindByKey(key);
    expect(kind, key).toBeDefined();
    expect(kind!.params.safeParse(params).success).toBe(true);
  });

  test.each(refused)('%s refuses %j', (key, params) => {
    expect(kindByKey(key)!.params.safeParse(params).success).toBe(false);
  });

  test('an empty observation is a failing verdict, never an exception', () => {
    for (const [key, params] of accepted) {
      const v = kindByKey(key)!.evaluate(params, { samples: [], profile: 'kindnet' });
      expect(v.pass, key).toBe(false);
      expect(v.expected, key).not.toBe('');
    }
  });
});
