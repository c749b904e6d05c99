// kind's own CNI. kindnetd adds one static route per other node: that node's podCIDR via its node IP.
// Fastest to start (nothing to install after `kind create`), no tunnel, no BGP.
import { KIND_DEFAULTS_SOURCE, KUBE_DNS_IP, POD_CIDR, SERVICE_CIDR, networking } from './common.js';
import type { ProfileFacts } from './types.js';

export const kindnet: ProfileFacts = {
  name: 'kindnet',
  title: { ja: 'kindnet（kind 標準、静的ルート）', en: "kindnet (kind's default, static routes)" },
  summary: {
    ja: 'kind 標準の CNI です。各ノードに「他ノードの podCIDR はそのノード IP へ」という静的ルートが入り、カプセル化はありません。',
    en: "kind's default CNI. Each node gets a static route \"other node's podCIDR via that node's IP\"; no encapsulation.",
  },
  cni: 'kindnet',
  networking: networking(false),
  podCidr: POD_CIDR,
  serviceCidr: SERVICE_CIDR,
  kubeDnsIp: KUBE_DNS_IP,
  encapsulation: 'none',
  tunnelDevice: null,
  crossNodeRoute: {
    // kindnetd (kubernetes-sigs/kind images/kindnetd/cmd/kindnetd/routes.go) adds
    // netlink.Route{Dst: <node podCIDR>, Gw: <node IP>}: no device, no protocol, so `ip route`
    // prints "<podCIDR> via <nodeIP> dev eth0". Each node's podCIDR is a /24 of 10.244.0.0/16
    // (kube-controller-manager --node-cidr-mask-size defaults to 24 for IPv4). Illustrative addresses.
    example: '10.244.1.0/24 via 172.18.0.3 dev eth0',
    pattern: String.raw`^(?<block>\d+\.\d+\.\d+\.\d+/24) via (?<via>\d+\.\d+\.\d+\.\d+) dev (?<dev>eth0)\s*$`,
    blockPrefix: 24,
  },
  onTheWire: {
    ja: 'ノードの eth0 では、送信元・宛先が Pod IP のままのパケットが見えます（外側ヘッダなし）。',
    en: "On a node's eth0: packets with Pod IPs as source and destination, no outer header.",
  },
  kernelModule: null,
  enforcesNetworkPolicy: true,
  sources: [
    'kubernetes-sigs/kind images/kindnetd/cmd/kindnetd/routes.go (syncRoute: Route{Dst: podCIDR, Gw: nodeIP})',
    'https://github.com/kubernetes-sigs/kind/pull/3612 (kindnet network policies, merged 2024-07-23; kind v0.24.0 and later)',
    KIND_DEFAULTS_SOURCE,
  ],
};
