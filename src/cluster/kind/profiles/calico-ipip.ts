// Calico with IP-in-IP encapsulation (CALICO_IPV4POOL_IPIP=Always), routes distributed by BGP (BIRD).
// Needs the host kernel's ipip module: kind nodes are containers sharing the host kernel.
import { KIND_DEFAULTS_SOURCE, KUBE_DNS_IP, POD_CIDR, SERVICE_CIDR, networking } from './common.js';
import type { ProfileFacts } from './types.js';

export const calicoIpip: ProfileFacts = {
  name: 'calico-ipip',
  title: { ja: 'Calico（IPIP オーバーレイ）', en: 'Calico (IP-in-IP overlay)' },
  summary: {
    ja: 'ノードをまたぐ Pod 間通信は tunl0 デバイスで IP-in-IP（IP プロトコル 4）にカプセル化されます。経路は BGP（BIRD）が配ります。',
    en: 'Pod traffic between nodes is wrapped in IP-in-IP (IP protocol 4) by tunl0; BGP (BIRD) distributes the routes.',
  },
  cni: 'calico',
  networking: networking(true),
  podCidr: POD_CIDR,
  serviceCidr: SERVICE_CIDR,
  kubeDnsIp: KUBE_DNS_IP,
  encapsulation: 'ipip',
  tunnelDevice: 'tunl0',
  crossNodeRoute: {
    // BIRD installs "<block>/26 via <nodeIP> dev tunl0 proto bird onlink". Recorded shape in
    // projectcalico/calico#1387 ("172.30.63.192/26 via 10.171.42.46 dev tunl0 proto bird onlink")
    // and projectcalico/bird#22. Addresses below are illustrative (kind's docker network 172.18.0.0/16).
    example: '10.244.120.64/26 via 172.18.0.3 dev tunl0 proto bird onlink',
    pattern: String.raw`^(?<block>\d+\.\d+\.\d+\.\d+/26) via (?<via>\d+\.\d+\.\d+\.\d+) dev (?<dev>tunl0) proto bird onlink`,
    blockPrefix: 26,
  },
  onTheWire: {
    ja: 'ノードの eth0 では、外側がノード IP 同士の IP プロトコル 4（IPIP）、内側に Pod IP 同士のパケットが見えます。',
    en: "On a node's eth0: an outer IP protocol 4 (IPIP) packet between node IPs carrying the Pod-to-Pod packet.",
  },
  kernelModule: 'ipip',
  calico: {
    env: { CALICO_IPV4POOL_CIDR: POD_CIDR, CALICO_IPV4POOL_IPIP: 'Always', CALICO_IPV4POOL_VXLAN: 'Never' },
    backend: 'bird',
  },
  enforcesNetworkPolicy: true,
  sources: [
    'https://docs.tigera.io/calico/latest/getting-started/kubernetes/self-managed-onprem/config-options (Manifest tab: IP-in-IP)',
    'https://github.com/projectcalico/calico/issues/1387 (ip route: "... dev tunl0 proto bird onlink" and "... dev eth0 proto bird")',
    'https://github.com/projectcalico/bird/issues/22 (ip route: "... via <node> dev tunl0 proto bird onlink")',
    'projectcalico/calico manifests/calico.yaml (CALICO_IPV4POOL_IPIP "Always" is the manifest default)',
    KIND_DEFAULTS_SOURCE,
  ],
};
