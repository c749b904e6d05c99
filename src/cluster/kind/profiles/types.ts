// What a cluster profile is: the CNI, the networking patch it makes to kind-config.yaml, and the
// facts a learner observes on a node (tunnel device, the shape of a route to another node's Pods).
import type { Text } from '../../../core/text.js';
import type { ProfileName } from '../../../lessons/profile-names.js';

export type Encapsulation = 'vxlan' | 'ipip' | 'none';
/** Calico's IP pool modes (CALICO_IPV4POOL_IPIP / CALICO_IPV4POOL_VXLAN). */
export type CalicoPoolMode = 'Always' | 'CrossSubnet' | 'Never';

/** The `networking` keys a profile sets in kind-config.yaml; nothing else is patched. */
export interface NetworkingPatch {
  disableDefaultCNI: boolean;
  podSubnet: string;
  serviceSubnet: string;
  kubeProxyMode: 'iptables';
}

export interface CrossNodeRoute {
  /** What `ip route` on a node prints for another node's Pod block, with example addresses. */
  example: string;
  /**
   * The same line as a regular expression (source text), so lessons and tests can match real output.
   * Named groups: `block` (the other node's Pod CIDR), `via` (next hop), `dev`.
   */
  pattern: string;
  /** Prefix length of a node's Pod block: Calico IPAM blocks are /26, kindnet uses the node's podCIDR /24. */
  blockPrefix: number;
}

export interface CalicoInstall {
  /** Environment of the calico-node container, set on the parsed manifest. */
  env: { CALICO_IPV4POOL_CIDR: string; CALICO_IPV4POOL_IPIP: CalicoPoolMode; CALICO_IPV4POOL_VXLAN: CalicoPoolMode };
  /** calico-config ConfigMap `calico_backend`: `bird` runs BGP; `vxlan` disables BIRD. */
  backend: 'bird' | 'vxlan';
}

export interface ProfileFacts {
  name: ProfileName;
  title: Text;
  summary: Text;
  cni: 'calico' | 'kindnet';
  networking: NetworkingPatch;
  podCidr: string;
  serviceCidr: string;
  kubeDnsIp: string;
  encapsulation: Encapsulation;
  /** Tunnel device on every node, or null when packets leave by eth0 unencapsulated. */
  tunnelDevice: string | null;
  crossNodeRoute: CrossNodeRoute;
  /** Wire view: what a capture on a node's eth0 shows for Pod-to-Pod traffic across nodes. */
  onTheWire: Text;
  /** Kernel module the host must provide (kind nodes share the host kernel). */
  kernelModule: string | null;
  /** Present for Calico profiles. */
  calico?: CalicoInstall;
  /** Does this profile enforce NetworkPolicy? */
  enforcesNetworkPolicy: boolean;
  /** Where each fact comes from (repo+path or URL). */
  sources: string[];
}
