import { describe, expect, it } from 'vitest';
import { PROFILES } from '../../../lessons/profile-names.js';
import { PROFILE_FACTS, matchCrossNodeRoute, profileFacts } from './index.js';

describe('profile facts', () => {
  it('every profile named in lab/profiles.ts has facts, and the names agree', () => {
    for (const name of PROFILES) expect(profileFacts(name).name).toBe(name);
    expect(Object.keys(PROFILE_FACTS).sort()).toEqual([...PROFILES].sort());
  });

  it('all profiles share kind address plan and kube-dns 10.96.0.10', () => {
    for (const name of PROFILES) {
      const f = profileFacts(name);
      expect([f.podCidr, f.serviceCidr, f.kubeDnsIp]).toEqual(['10.244.0.0/16', '10.96.0.0/16', '10.96.0.10']);
      expect(f.networking.kubeProxyMode).toBe('iptables');
      expect(f.sources.length).toBeGreaterThan(0);
    }
  });

  it('Calico profiles disable kindnet and set the pool to the pod subnet', () => {
    for (const name of ['calico-vxlan', 'calico-ipip', 'calico-bgp'] as const) {
      const f = profileFacts(name);
      expect(f.networking.disableDefaultCNI).toBe(true);
      expect(f.calico?.env.CALICO_IPV4POOL_CIDR).toBe(f.networking.podSubnet);
    }
    expect(profileFacts('kindnet').networking.disableDefaultCNI).toBe(false);
    expect(profileFacts('kindnet').calico).toBeUndefined();
  });

  it('tunnel devices: vxlan.calico for VXLAN, tunl0 for IPIP, none for BGP and kindnet', () => {
    expect(PROFILES.map((p) => [p, profileFacts(p).tunnelDevice])).toEqual([
      ['calico-vxlan', 'vxlan.calico'],
      ['calico-ipip', 'tunl0'],
      ['calico-bgp', null],
      ['kindnet', null],
    ]);
  });

  it("each profile's route pattern matches its own example and none of the others'", () => {
    for (const name of PROFILES) {
      for (const other of PROFILES) {
        const hit = matchCrossNodeRoute(name, profileFacts(other).crossNodeRoute.example);
        if (other === name) expect(hit, `${name} own example`).not.toBeNull();
        else expect(hit, `${name} must not match ${other}'s example`).toBeNull();
      }
    }
  });

  it('reads block, next hop and device from an IPIP route line', () => {
    expect(matchCrossNodeRoute('calico-ipip', '10.244.33.128/26 via 172.18.0.4 dev tunl0 proto bird onlink')).toEqual({
      block: '10.244.33.128/26',
      via: '172.18.0.4',
      dev: 'tunl0',
    });
    expect(matchCrossNodeRoute('kindnet', '10.244.2.0/24 via 172.18.0.2 dev eth0')).toEqual({ block: '10.244.2.0/24', via: '172.18.0.2', dev: 'eth0' });
  });
});
