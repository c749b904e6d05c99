// Calico with no encapsulation: BGP (BIRD) routes each node's Pod blocks straight to that node's IP.
// Works on kind because all nodes share one L2 Docker network, so every node IP is a direct next hop.
import { KIND_DEFAULTS_SOURCE, KUBE_DNS_IP, POD_CIDR, SERVICE_CIDR, networking } from './common.js';
import type { ProfileFacts } from './types.js';

export const calicoBgp: ProfileFacts = {
  name: 'calico-bgp',
  title: { ja: 'Calico（BGP、カプセル化なし）', en: 'Calico (BGP, no encapsulation)' },
  summary: {
    ja: 'カプセル化はありません。BGP（BIRD）が各ノードの Pod ブロックへの経路をノード IP 経由で配り、パケットはそのまま eth0 から出ます。',
    en: "No encapsulation. BGP (BIRD) announces each node's Pod blocks via its node IP; packets leave eth0 unchanged.",
  },
  cni: 'calico',
  networking: networking(true),
  podCidr: POD_CIDR,
  serviceCidr: SERVICE_CIDR,
  kubeDnsIp: KUBE_DNS_IP,
  encapsulation: 'none',
  tunnelDevice: null,
  crossNodeRoute: {
    // Recorded shape in projectcalico/calico#1387 ("172.30.244.0/26 via 10.171.236.201 dev eth0 proto bird")
    // and projectcalico/calicoctl#716. Addresses below are illustrative.
    example: '10.244.120.64/26 via 172.18.0.3 dev eth0 proto bird',
    pattern: String.raw`^(?<block>\d+\.\d+\.\d+\.\d+/26) via (?<via>\d+\.\d+\.\d+\.\d+) dev (?<dev>eth0) proto bird\b(?! onlink)`,
    blockPrefix: 26,
  },
  onTheWire: {
    ja: 'ノードの eth0 では、送信元・宛先が Pod IP のままのパケットが見えます（外側ヘッダなし）。',
    en: "On a node's eth0: packets with Pod IPs as source and destination, no outer header.",
  },
  kernelModule: null,
  calico: {
    env: { CALICO_IPV4POOL_CIDR: POD_CIDR, CALICO_IPV4POOL_IPIP: 'Never', CALICO_IPV4POOL_VXLAN: 'Never' },
    backend: 'bird',
  },
  enforcesNetworkPolicy: true,
  sources: [
    'https://docs.tigera.io/calico/latest/getting-started/kubernetes/self-managed-onprem/config-options (Manifest tab: IP pool encapsulation Never)',
    'https://github.com/projectcalico/calico/issues/1387 (ip route: "... via <node> dev eth0 proto bird")',
    'https://github.com/projectcalico/calicoctl/issues/716 (ip route with "proto bird" and "blackhole <local block> proto bird")',
    KIND_DEFAULTS_SOURCE,
  ],
};
