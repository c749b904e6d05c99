// Facts shared by every profile: kind's address plan and kube-dns.
//
// kind defaults (kubernetes-sigs/kind, pkg/internal/apis/config/default.go):
//   podSubnet 10.244.0.0/16 when the default CNI is enabled; serviceSubnet 10.96.0.0/16
//   (kind deliberately uses /16, not kubeadm's /12: "a /12 subnet ... may allocate a 2^20 bitmap in etcd").
// kindlab states both explicitly in every profile, and keeps the Calico pool on 10.244.0.0/16 as
// well, so every profile shows Pods in the same range and only the routes differ. (Calico's own
// default, 192.168.0.0/16, would collide with many home and venue Wi-Fi networks.)
// kube-dns ClusterIP: kubeadm gives the DNS Service the 10th address of the service subnet,
// 10.96.0.10 on kind; that is the `nameserver` in every Pod's /etc/resolv.conf.
import type { NetworkingPatch } from './types.js';

export const POD_CIDR = '10.244.0.0/16';
export const SERVICE_CIDR = '10.96.0.0/16';
export const KUBE_DNS_IP = '10.96.0.10';

export function networking(disableDefaultCNI: boolean): NetworkingPatch {
  return { disableDefaultCNI, podSubnet: POD_CIDR, serviceSubnet: SERVICE_CIDR, kubeProxyMode: 'iptables' };
}

export const KIND_DEFAULTS_SOURCE =
  'kubernetes-sigs/kind pkg/internal/apis/config/default.go (podSubnet 10.244.0.0/16, serviceSubnet 10.96.0.0/16, kubeProxyMode iptables)';
