// Pieces of the small "cluster" the lesson-expectation tests build from network namespaces with the
// real tools: kube-proxy-shaped NAT rules, an HTTP server that answers like agnhost netexec, an
// ICMP echo sender, an IP-in-IP pcap, and API-shaped objects for `read` checks.
import { createHash } from 'node:crypto';

// ---------------------------------------------------------------- kube-proxy-shaped NAT rules

/**
 * kube-proxy's chain-name hash: sha256 of servicePortName + protocol, base32 (RFC 4648 standard
 * alphabet), first 16 characters. kubernetes/kubernetes pkg/proxy/iptables/proxier.go portProtoHash
 * and servicePortEndpointChainName (the endpoint chain adds the "ip:port" string).
 */
export function portProtoHash(...parts: string[]): string {
  const bytes = createHash('sha256').update(parts.join('')).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.slice(0, 16);
}

export interface ServicePort {
  namespace: string;
  name: string;
  /** The Service port's name (`http`, `dns`). */
  port: string;
  protocol: 'tcp' | 'udp';
  clusterIP: string;
  servicePort: number;
  nodePort?: number;
  /** `ip:port` of each ready endpoint. */
  endpoints: string[];
}

const q = (s: string) => (s.includes(' ') ? `"${s}"` : s);

/**
 * The nat table kube-proxy (iptables mode) writes for these Service ports, in iptables-restore
 * form: comments "ns/svc:port cluster IP" and "ns/svc:port -> ip:port", probabilities 1/(n-i) with
 * ten decimals (computeProbability), KUBE-MARK-MASQ for traffic from outside the Pod CIDR and for
 * NodePort traffic. Shape from kubernetes/kubernetes pkg/proxy/iptables/proxier.go; the tests load
 * it with the real iptables-restore and read it back with the lesson's own argv.
 */
export function kubeProxyNatRules(ports: ServicePort[], podCIDR = '10.244.0.0/16'): string {
  const chains = ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ'];
  const rules: string[] = [
    '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
    '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
    '-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000',
    '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000',
  ];
  for (const sp of ports) {
    const spn = `${sp.namespace}/${sp.name}:${sp.port}`;
    const hash = portProtoHash(spn, sp.protocol);
    const svc = `KUBE-SVC-${hash}`;
    const ext = `KUBE-EXT-${hash}`;
    const match = `-m ${sp.protocol} -p ${sp.protocol}`;
    chains.push(svc);
    rules.push(`-A KUBE-SERVICES -m comment --comment "${spn} cluster IP" ${match} -d ${sp.clusterIP}/32 --dport ${sp.servicePort} -j ${svc}`);
    if (sp.nodePort !== undefined) {
      chains.push(ext);
      rules.push(`-A KUBE-NODEPORTS -m comment --comment ${spn} ${match} --dport ${sp.nodePort} -j ${ext}`);
      rules.push(`-A ${ext} -m comment --comment "masquerade traffic for ${spn} external destinations" -j KUBE-MARK-MASQ`);
      rules.push(`-A ${ext} -j ${svc}`);
    }
    rules.push(`-A ${svc} -m comment --comment "${spn} cluster IP" ${match} -d ${sp.clusterIP}/32 --dport ${sp.servicePort} ! -s ${podCIDR} -j KUBE-MARK-MASQ`);
    sp.endpoints.forEach((ep, i) => {
      const sep = `KUBE-SEP-${portProtoHash(spn, sp.protocol, ep)}`;
      chains.push(sep);
      const left = sp.endpoints.length - i;
      const statistic = left > 1 ? ` -m statistic --mode random --probability ${(1 / left).toFixed(10)}` : '';
      rules.push(`-A ${svc} -m comment --comment ${q(`${spn} -> ${ep}`)}${statistic} -j ${sep}`);
      rules.push(`-A ${sep} -m comment --comment ${spn} -s ${ep.split(':')[0]}/32 -j KUBE-MARK-MASQ`);
      rules.push(`-A ${sep} -m comment --comment ${spn} ${match} -j DNAT --to-destination ${ep}`);
    });
  }
  // the NodePort jump is the last rule of KUBE-SERVICES
  rules.push(
    '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
  );
  const declared = ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'].map((c) => `:${c} ACCEPT [0:0]`);
  return ['*nat', ...declared, ...chains.map((c) => `:${c} - [0:0]`), ...rules, 'COMMIT', ''].join('\n');
}

// ---------------------------------------------------------------- programs started in namespaces

/**
 * An HTTP server answering like agnhost netexec (kubernetes/kubernetes
 * test/images/agnhost/netexec/netexec.go): `/hostname` -> fmt.Fprint(w, os.Hostname()) (no
 * newline), `/clientip` -> r.RemoteAddr ("ip:port"), `/` -> "NOW: <time>". One listener per
 * {host, port, name}; `name` is the hostname that Pod would have. Arg: JSON list of listeners.
 */
export const NETEXEC = `
const http = require('node:http');
const spec = JSON.parse(process.argv[1]);
let ready = 0;
for (const { host, port, name } of spec) {
  http.createServer((req, res) => {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    if (req.url === '/hostname') res.end(name);
    else if (req.url === '/clientip') res.end(req.socket.remoteAddress + ':' + req.socket.remotePort);
    else res.end('NOW: ' + new Date().toString());
  }).listen(port, host, () => { if (++ready === spec.length) console.log('netexec ready'); });
}
`;

export interface Listener {
  host: string;
  port: number;
  name: string;
}

/** Sends `count` ICMP echo requests (as `ping` would) from a raw socket; python3 is in the CI image. */
export const PING = `
import socket, struct, sys, time
dst, count = sys.argv[1], int(sys.argv[2])
def csum(b):
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
for seq in range(1, count + 1):
    payload = b'kindlab-ping-%03d' % seq  # even length for the checksum
    head = struct.pack('!BBHHH', 8, 0, 0, 0x4b4c, seq)
    sock.sendto(struct.pack('!BBHHH', 8, 0, csum(head + payload), 0x4b4c, seq) + payload, (dst, 0))
    time.sleep(0.3)
`;

export { ipipPcap } from '../real-tools/pcap.js';

// ---------------------------------------------------------------- API-shaped objects for `read` checks

// `read` checks get objects from the API server, not a tool's text. These are built here in the
// shape of the Kubernetes API types (k8s.io/api core/v1 Pod, Service, Node; apps/v1 Deployment;
// discovery.k8s.io/v1 EndpointSlice), with the fields the lessons read; they are not recordings.
export type Obj = Record<string, any> & {
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; ownerReferences?: Array<Record<string, unknown>>; [k: string]: unknown };
};

export const pod = (
  namespace: string,
  name: string,
  extra: { ip?: string; node?: string; labels?: Record<string, string>; status?: Record<string, unknown> } = {},
): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels: extra.labels ?? {} },
  spec: { nodeName: extra.node ?? 'kindlab-worker' },
  status: {
    phase: 'Running',
    podIP: extra.ip,
    podIPs: extra.ip ? [{ ip: extra.ip }] : [],
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True' })),
    ...extra.status,
  },
});

export const service = (namespace: string, name: string, spec: Record<string, unknown>): Obj => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec: { type: 'ClusterIP', ...spec },
});

export const endpointSlice = (namespace: string, service: string, addresses: string[], port = 8080): Obj => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: `${service}-x7k2p`, namespace, labels: { 'kubernetes.io/service-name': service } },
  addressType: 'IPv4',
  ports: [{ name: 'http', port, protocol: 'TCP' }],
  endpoints: addresses.map((ip) => ({ addresses: [ip], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'kindlab-worker' })),
});

export const node = (name: string, internalIP: string, podCIDR: string): Obj => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  spec: { podCIDR, podCIDRs: [podCIDR] },
  status: {
    addresses: [
      { type: 'InternalIP', address: internalIP },
      { type: 'Hostname', address: name },
    ],
  },
});

export const deployment = (namespace: string, name: string, replicas: number, ready: number): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: { replicas },
  status: { replicas, readyReplicas: ready, availableReplicas: ready, updatedReplicas: replicas },
});

/** Objects matching a read: kind (lower-case), name, namespace, `key=value` selector. */
export function selectObjects(objects: Obj[], ref: { kind: string; name?: string; namespace?: string; selector?: string }): Obj[] {
  const wanted = ref.selector?.split(',').map((kv) => kv.split('=') as [string, string]) ?? [];
  return objects.filter(
    (o) =>
      o.kind.toLowerCase() === ref.kind &&
      (ref.name === undefined || o.metadata.name === ref.name) &&
      (ref.namespace === undefined || o.metadata.namespace === ref.namespace) &&
      wanted.every(([k, v]) => o.metadata.labels?.[k] === v),
  );
}
