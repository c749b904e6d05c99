// Calico with VXLAN encapsulation on every hop (CALICO_IPV4POOL_VXLAN=Always), BGP off.
// Portable: VXLAN is plain UDP (port 4789) and needs no extra kernel module beyond vxlan, which
// every Docker host kernel (including Docker Desktop's VM) ships.
import { KIND_DEFAULTS_SOURCE, KUBE_DNS_IP, POD_CIDR, SERVICE_CIDR, networking } from './common.js';
import type { ProfileFacts } from './types.js';

export const calicoVxlan: ProfileFacts = {
  name: 'calico-vxlan',
  title: { ja: 'Calico（VXLAN オーバーレイ）', en: 'Calico (VXLAN overlay)' },
  summary: {
    ja: 'ノードをまたぐ Pod 間通信は vxlan.calico デバイスで UDP（4789）にカプセル化されます。BGP は使いません。',
    en: 'Pod traffic between nodes is wrapped in UDP (port 4789) by the vxlan.calico device. No BGP.',
  },
  cni: 'calico',
  networking: networking(true),
  podCidr: POD_CIDR,
  serviceCidr: SERVICE_CIDR,
  kubeDnsIp: KUBE_DNS_IP,
  encapsulation: 'vxlan',
  tunnelDevice: 'vxlan.calico',
  crossNodeRoute: {
    // Felix routes another node's /26 block through vxlan.calico, next hop = that node's VXLAN
    // tunnel address (taken from its own block), marked onlink. Recorded shape in
    // projectcalico/felix#2953: "192.168.142.128/26 via 192.168.142.128 dev vxlan.calico onlink".
    // The addresses below are illustrative, not recorded output.
    example: '10.244.120.64/26 via 10.244.120.64 dev vxlan.calico onlink',
    pattern: String.raw`^(?<block>\d+\.\d+\.\d+\.\d+/26) via (?<via>\d+\.\d+\.\d+\.\d+) dev (?<dev>vxlan\.calico)(?: proto \S+)? onlink`,
    blockPrefix: 26,
  },
  onTheWire: {
    ja: 'ノードの eth0 では、外側がノード IP 同士の UDP 4789、内側に Pod IP 同士のパケットが見えます。',
    en: "On a node's eth0: an outer UDP 4789 packet between node IPs carrying the Pod-to-Pod packet inside.",
  },
  kernelModule: null,
  calico: {
    env: { CALICO_IPV4POOL_CIDR: POD_CIDR, CALICO_IPV4POOL_IPIP: 'Never', CALICO_IPV4POOL_VXLAN: 'Always' },
    // Calico's manifest guide: for VXLAN everywhere, set calico_backend to "vxlan" (BIRD off) and
    // drop -bird-live/-bird-ready from the calico-node probes. Upstream's own VXLAN variant does
    // exactly that: projectcalico/calico@v3.31.3:manifests/calico-vxlan.yaml has calico_backend
    // "vxlan", CALICO_IPV4POOL_IPIP "Never" and probes "-felix-live" / "-felix-ready" only. It uses
    // CALICO_IPV4POOL_VXLAN "CrossSubnet"; kindlab uses "Always" because all kind nodes share one
    // Docker subnet, where CrossSubnet would encapsulate nothing and there would be no overlay to
    // observe. Checked field by field on the real manifest: calico-upstream.test.ts.
    backend: 'vxlan',
  },
  enforcesNetworkPolicy: true,
  sources: [
    'https://docs.tigera.io/calico/latest/getting-started/kubernetes/self-managed-onprem/config-options (Manifest tab: VXLAN, calico_backend vxlan, bird probes)',
    'projectcalico/calico@v3.31.3:manifests/calico-vxlan.yaml: calico_backend "vxlan", IPIP Never, VXLAN CrossSubnet, felix-only probes',
    'https://github.com/projectcalico/felix/issues/2953 (ip route: "... via ... dev vxlan.calico onlink")',
    'projectcalico/calico manifests/calico.yaml (env CALICO_IPV4POOL_VXLAN, CALICO_IPV4POOL_IPIP, commented CALICO_IPV4POOL_CIDR)',
    KIND_DEFAULTS_SOURCE,
  ],
};
