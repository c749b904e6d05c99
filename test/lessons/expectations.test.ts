// Every expectation of every lesson, evaluated against output in the real tools' formats.
//
// The items come straight from labs/*/lesson.yaml (steps[].checks[].expect[]), so this suite follows
// the lessons as they change. Each check's command is run, with the lesson's own argv after template
// substitution, in network namespaces shaped like the cluster the lesson expects:
//   world A (lessons 02-08): a "Pod" namespace (eth0, kubelet-style resolv.conf, kube-proxy-shaped
//     NAT rules loaded with iptables-restore, so ClusterIPs and kube-dns really DNAT) and a "node"
//     namespace holding dnsmasq (as the CoreDNS Pods), HTTP servers answering like agnhost netexec
//     (as the backend Pods) and the node IPs with the NodePort rules;
//   world B (lessons 01, 09): two "nodes" joined by their eth0, Pods behind veth/cali* links, and per
//     profile the kindnet routes, Calico BGP routes (proto bird), vxlan.calico with its static
//     neighbour, or tunl0 (an IPIP pcap read by tcpdump -r, since this kernel has no ipip module).
// World A's DNS is run twice, as CoreDNS behaves online and offline: cluster.local names are answered
// by dnsmasq itself (NXDOMAIN when missing); any other name is "forwarded", online to a resolver that
// says NXDOMAIN, offline to one that says SERVFAIL, as Docker's embedded DNS does with no upstream
// (moby libnetwork/resolver.go serveDNS). Every world-A check must hold in both.
// `read` checks get API-shaped objects (see expectations-world.ts); the Corefile is a recorded
// sample with its source beside it (samples/coredns-corefile.source.md).
//
// For each lesson and each expectation kind it uses: every item of that kind passes on the output its
// check produced, and one chosen failing case fails for the right reason (asserted on the verdict).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Cluster, ExecTarget } from '../../src/cluster/port.js';
import { runProcess } from '../../src/cluster/process.js';
import { evaluateJsonPath } from '../../src/core/jsonpath.js';
import { appliesToProfile, evaluateExpectation, expectationKey, runSamples } from '../../src/engine/checks.js';
import type { Observation } from '../../src/expectations/expectation-kind.js';
import { toObjectRef } from '../../src/engine/refs.js';
import { substitute, type Binding, type Bindings } from '../../src/engine/templating.js';
import { loadLesson } from '../../src/lessons/load.js';
import type { Lesson, Step } from '../../src/lessons/model.js';
import type { CheckFile, ExpectationFile } from '../../src/lessons/schema.js';
import { describeRealTools, dnsmasqArgv, must, Netns, netnsPair, uniqueName, writeResolvConf, type Daemon } from '../real-tools/harness.js';
import { LABS, lessonDirs, manifestObjects } from './lesson-helpers.js';
import {
  deployment,
  endpointSlice,
  ipipPcap,
  kubeProxyNatRules,
  NETEXEC,
  node,
  PING,
  pod,
  selectObjects,
  service,
  type Listener,
  type Obj,
  type ServicePort,
} from './expectations-world.js';

const PROGRAMS = ['ip', 'iptables', 'iptables-restore', 'nslookup', 'dig', 'dnsmasq', 'curl', 'ss', 'tcpdump', 'timeout', 'python3', 'node', 'sysctl'];
const ALL_PROFILES = ['kindnet', 'calico-vxlan', 'calico-ipip', 'calico-bgp'];

// ------------------------------------------------------------------ lessons as written

const lessons: Lesson[] = [];
for (const dir of lessonDirs()) {
  const loaded = await loadLesson(join(LABS, dir));
  if (!loaded.ok) throw new Error(`${dir}: ${loaded.errors.map((e) => e.message).join('; ')}`);
  lessons.push(loaded.lesson);
}

interface ItemRef {
  lesson: Lesson;
  step: Step;
  checkIndex: number;
  check: CheckFile;
  item: ExpectationFile;
  key: string;
}

const items: ItemRef[] = lessons.flatMap((lesson) =>
  lesson.steps.flatMap((step) =>
    (step.checks ?? []).flatMap((check, checkIndex) => check.expect.map((item) => ({ lesson, step, checkIndex, check, item, key: expectationKey(item) }))),
  ),
);
const pairs = [...new Set(items.map((i) => `${i.lesson.id} ${i.key}`))].map((p) => p.split(' ') as [string, string]);

// ------------------------------------------------------------------ the values the "cluster" holds

const CLUSTER = 'kindlab';
const DNS_IP = '10.96.0.10';
const COREDNS = ['10.244.0.3', '10.244.0.4'];
const NODE_IPS = { 'control-plane': '172.18.0.2', worker: '172.18.0.3', worker2: '172.18.0.4' };
const names = (prefix: string, n: number) => ['k2m4x', 'p9z7q', 'r5t8w', 'b3n6v', 'h7j2c'].slice(0, n).map((s) => `${prefix}-${s}`);
const range = (base: string, from: number, n: number) => Array.from({ length: n }, (_, i) => `${base}.${from + i}`);

const L03 = { clusterIP: '10.96.3.10', webIP: '10.96.3.11', ips: range('10.244.2', 11, 5), names: names('hello-6f7b8d9c4', 5) };
const L04 = { webIP: '10.96.4.10', ips: range('10.244.2', 21, 2), names: names('web-7c9d8f6b5', 2) };
const L05 = { clusterIP: '10.96.5.10', altIP: '10.96.5.11', ips: range('10.244.2', 31, 5) };
const L06 = { clusterIP: '10.96.6.10', fixedIP: '10.96.6.11', nodePort: 31080, ips: range('10.244.2', 41, 2), names: names('web-5b9c7d8f4', 2) };
const L07 = { ips: range('10.244.2', 51, 4), apiIP: '10.96.0.1' };
const L08 = { webIP: '10.96.8.10', ips: ['10.244.2.61'] };

/** What the kube-proxy-shaped rules hold; lessons change it step by step, as scaling does. */
interface RuleState {
  lab05Endpoints: number;
  lab05Alt: boolean;
  lab06Fixed: boolean;
  kubeDnsEndpoints: number;
}
const initialRules: RuleState = { lab05Endpoints: 3, lab05Alt: false, lab06Fixed: false, kubeDnsEndpoints: 2 };

function servicePorts(s: RuleState): ServicePort[] {
  const eps = (ips: string[], port = 8080) => ips.map((ip) => `${ip}:${port}`);
  const ports: ServicePort[] = [
    {
      namespace: 'default',
      name: 'kubernetes',
      port: 'https',
      protocol: 'tcp',
      clusterIP: L07.apiIP,
      servicePort: 443,
      endpoints: [`${NODE_IPS['control-plane']}:6443`],
    },
    {
      namespace: 'kube-system',
      name: 'kube-dns',
      port: 'dns',
      protocol: 'udp',
      clusterIP: DNS_IP,
      servicePort: 53,
      endpoints: eps(COREDNS.slice(0, s.kubeDnsEndpoints), 53),
    },
    { namespace: 'lab-03', name: 'hello-svc', port: 'http', protocol: 'tcp', clusterIP: L03.clusterIP, servicePort: 80, endpoints: eps(L03.ips) },
    { namespace: 'lab-03', name: 'hello-web', port: 'http', protocol: 'tcp', clusterIP: L03.webIP, servicePort: 80, endpoints: eps(L03.ips) },
    { namespace: 'lab-04-other', name: 'web', port: 'http', protocol: 'tcp', clusterIP: L04.webIP, servicePort: 80, endpoints: eps(L04.ips) },
    {
      namespace: 'lab-05',
      name: 'web',
      port: 'http',
      protocol: 'tcp',
      clusterIP: L05.clusterIP,
      servicePort: 80,
      endpoints: eps(L05.ips.slice(0, s.lab05Endpoints)),
    },
    {
      namespace: 'lab-06',
      name: 'web-np',
      port: 'http',
      protocol: 'tcp',
      clusterIP: L06.clusterIP,
      servicePort: 80,
      nodePort: L06.nodePort,
      endpoints: eps(L06.ips),
    },
    { namespace: 'lab-08', name: 'web', port: 'http', protocol: 'tcp', clusterIP: L08.webIP, servicePort: 80, endpoints: eps(L08.ips) },
  ];
  if (s.lab05Alt)
    ports.push({
      namespace: 'lab-05',
      name: 'web-alt',
      port: 'alt',
      protocol: 'tcp',
      clusterIP: L05.altIP,
      servicePort: 8080,
      endpoints: eps(L05.ips.slice(0, s.lab05Endpoints)),
    });
  if (s.lab06Fixed)
    ports.push({
      namespace: 'lab-06',
      name: 'web-fixed',
      port: 'http',
      protocol: 'tcp',
      clusterIP: L06.fixedIP,
      servicePort: 80,
      nodePort: 30607,
      endpoints: eps(L06.ips),
    });
  return ports;
}

/** dnsmasq arguments answering as CoreDNS would for the Services above (phase 2: after 04's and 07's challenges). */
function dnsRecords(phase: 1 | 2): string[] {
  const svc = (name: string, ns: string) => `${name}.${ns}.svc.cluster.local`;
  const host = (name: string, ip: string) => `--host-record=${name},${ip}`;
  const db = L07.ips.slice(0, phase === 2 ? 4 : 3);
  return [
    host(svc('kubernetes', 'default'), L07.apiIP),
    host(svc('kube-dns', 'kube-system'), DNS_IP),
    host(svc('hello-svc', 'lab-03'), L03.clusterIP),
    host(svc('hello-web', 'lab-03'), L03.webIP),
    host(svc('web', 'lab-04-other'), L04.webIP),
    `--srv-host=_http._tcp.${svc('web', 'lab-04-other')},${svc('web', 'lab-04-other')},80,0,100`,
    host(svc('web', 'lab-05'), L05.clusterIP),
    host(svc('web-np', 'lab-06'), L06.clusterIP),
    ...db.map((ip) => host(svc('db', 'lab-07'), ip)),
    ...db.map((ip, i) => host(`db-${i}.${svc('db', 'lab-07')}`, ip)),
    ...db.map((_, i) => `--srv-host=_http._tcp.${svc('db', 'lab-07')},db-${i}.${svc('db', 'lab-07')},8080,0,${Math.floor(100 / db.length)}`),
    host(`${L07.ips[0]!.replaceAll('.', '-')}.lab-07.pod.cluster.local`, L07.ips[0]!),
    `--cname=${svc('api-alias', 'lab-07')},${svc('kubernetes', 'default')}`,
    host(svc('web', 'lab-08'), L08.webIP),
    host(`${CLUSTER}-control-plane`, NODE_IPS['control-plane']),
    ...(phase === 2 ? [`--cname=${svc('web', 'lab-04')},${svc('web', 'lab-04-other')}`] : []),
  ];
}

/**
 * The DNS outside the cluster that CoreDNS forwards to: offline, Docker's embedded DNS has no upstream
 * and answers SERVFAIL (moby libnetwork/resolver.go: "unable to get an answer from any of the
 * upstream DNS servers" → RcodeServerFailure). The reply follows RFC 1035 §4.1.1 byte by byte.
 */
const UPSTREAM_PORT = { offline: 5354, nodata: 5355 };
/** An upstream that answers every query with one rcode and no records: 2 = SERVFAIL, 0 = NOERROR without data. */
const rcodeUpstream = (rcode: number, port: number) => `
const dgram = require('node:dgram');
const s = dgram.createSocket('udp4');
s.on('message', (q, from) => {
  let i = 12; while (i < q.length && q[i] !== 0) i += q[i] + 1; i += 5;
  const r = Buffer.from(q.slice(0, i));
  r[2] = 0x80 | (q[2] & 0x01); r[3] = 0x80 | ${rcode};
  r.writeUInt16BE(1, 4); r.writeUInt16BE(0, 6); r.writeUInt16BE(0, 8); r.writeUInt16BE(0, 10);
  s.send(r, from.port, from.address);
});
s.bind(${port}, '127.0.0.1', () => console.log('upstream ready'));
`;
/**
 * online: the internet's DNS says NXDOMAIN; offline: Docker's DNS says SERVFAIL; nodata: a name that
 * exists upstream without an address (e.g. a delegated top-level domain asked for an A record).
 */
type Upstream = 'online' | 'offline' | 'nodata';
/** dnsmasq's answer for names outside cluster.local: online NXDOMAIN itself, otherwise forwarded to that upstream. */
const upstreamArgs = (upstream: Upstream) =>
  upstream === 'online' ? ['--address=/#/'] : ['--address=/cluster.local/', `--server=127.0.0.1#${UPSTREAM_PORT[upstream]}`];
const UPSTREAMS: Upstream[] = ['online', 'offline'];
const inWorldA = (lessonId: string) => lessonId !== '01-pod-network' && lessonId !== '09-pod-to-pod-paths';

const resolvFor = (namespace: string) => `search ${namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver ${DNS_IP}\noptions ndots:5\n`;

// ------------------------------------------------------------------ per-lesson scenario

type Place = 'pod' | 'node' | 'podA' | 'podN' | 'podB' | 'nodeA' | 'nodeB';

interface Scenario {
  /** Profiles the lesson's checks are observed on (expectations without `when` see the same output). */
  profiles: string[];
  /** Values the captures would hold, per step (later steps inherit earlier ones). */
  bindings: Record<string, Record<string, Binding>>;
  /** Where each Pod / node named in the lesson runs its commands, and a Pod's resolv.conf. */
  pods: Record<string, { place: Place; resolv?: string }>;
  nodes: Record<string, Place>;
  /** API objects per step (later steps inherit earlier ones). */
  objects: Record<string, Obj[]>;
  /** Rule state / DNS phase / servers for a step. */
  rules?: Record<string, Partial<RuleState>>;
  dnsPhase?: Record<string, 1 | 2>;
  podServers?: Record<string, Listener[]>;
}

/** A Pod as the API server holds it after the lesson's own manifest was applied: its spec, placed on a node. */
const fromManifest = (lesson: string, file: string, extra: Parameters<typeof pod>[2] & { ownerReferences?: Obj['metadata']['ownerReferences'] } = {}): Obj => {
  const manifest = manifestObjects(lesson, file)[0]!;
  const made = pod(`lab-${lesson.slice(0, 2)}`, manifest.metadata.name, extra);
  return {
    ...made,
    metadata: { ...made.metadata, ...(extra.ownerReferences ? { ownerReferences: extra.ownerReferences } : {}) },
    spec: { ...manifest.spec, ...made.spec },
  };
};

const lab01Objects = [node('kindlab-worker', NODE_IPS.worker, '10.244.1.0/24'), node('kindlab-worker2', NODE_IPS.worker2, '10.244.2.0/24')];

const SCENARIOS: Record<string, Scenario> = {
  '01-pod-network': {
    profiles: ['kindnet', 'calico-bgp', 'calico-vxlan'],
    bindings: {
      'pods-and-ips': { clientIP: '10.244.1.5', serverIP: '10.244.2.6', clientNode: 'kindlab-worker', serverNode: 'kindlab-worker2' },
      'node-ips': { clientNodeIP: NODE_IPS.worker, serverNodeIP: NODE_IPS.worker2 },
      'same-node-path': { neighborIP: '10.244.1.7' },
    },
    pods: { netshoot: { place: 'podA' }, server: { place: 'podB' }, neighbor: { place: 'podN' } },
    nodes: { 'kindlab-worker': 'nodeA', 'kindlab-worker2': 'nodeB' },
    objects: {
      'pods-and-ips': [...lab01Objects, pod('lab-01', 'neighbor', { ip: '10.244.1.7', node: 'kindlab-worker' })],
      'same-node-neighbor': [fromManifest('01-pod-network', 'manifests/solution-neighbor.yaml', { ip: '10.244.1.7', node: 'kindlab-worker' })],
    },
  },
  '02-containers-in-a-pod': {
    profiles: ['kindnet'],
    bindings: { localhost: { duoIP: '10.244.1.2' } },
    pods: { duo: { place: 'pod' }, clash: { place: 'pod' }, fixed: { place: 'pod' } },
    nodes: {},
    objects: {
      localhost: [
        pod('lab-02', 'clash', {
          status: {
            containerStatuses: [
              { name: 'first', ready: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:00Z' } } },
              {
                name: 'second',
                ready: false,
                restartCount: 3,
                state: { waiting: { reason: 'CrashLoopBackOff' } },
                lastState: { terminated: { exitCode: 1, reason: 'Error' } },
              },
              { name: 'probe', ready: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:00Z' } } },
            ],
          },
        }),
        pod('lab-02', 'fixed', { ip: '10.244.1.2' }),
      ],
      'fix-clash': [fromManifest('02-containers-in-a-pod', 'manifests/solution-fixed.yaml', { ip: '10.244.1.2' })],
    },
    podServers: {
      localhost: [{ host: '0.0.0.0', port: 8080, name: 'duo' }],
      'port-clash': [{ host: '0.0.0.0', port: 8080, name: 'clash' }],
      'fix-clash': [
        { host: '0.0.0.0', port: 8080, name: 'fixed' },
        { host: '0.0.0.0', port: 8081, name: 'fixed' },
      ],
    },
  },
  '03-service-clusterip': {
    profiles: ['kindnet'],
    bindings: {
      deploy: { clusterIP: L03.clusterIP, dnsIP: DNS_IP },
      endpoints: { podIPs: L03.ips.slice(0, 1) },
      'scale-out': { podIPs: L03.ips, podNames: L03.names },
    },
    pods: { netshoot: { place: 'pod', resolv: resolvFor('lab-03') } },
    nodes: {},
    objects: {
      deploy: [service('lab-03', 'hello-svc', { clusterIP: L03.clusterIP }), endpointSlice('lab-03', 'hello-svc', L03.ips.slice(0, 1))],
      'scale-out': [service('lab-03', 'hello-svc', { clusterIP: L03.clusterIP }), endpointSlice('lab-03', 'hello-svc', L03.ips)],
      'fix-selector': [endpointSlice('lab-03', 'hello-svc', L03.ips), endpointSlice('lab-03', 'hello-web', L03.ips)],
    },
  },
  '04-dns-namespaces': {
    profiles: ['kindnet'],
    bindings: { 'resolv-conf': { dnsIP: DNS_IP, webIP: L04.webIP }, 'short-name-alias': { webPods: L04.names } },
    pods: { netshoot: { place: 'pod', resolv: resolvFor('lab-04') } },
    nodes: {},
    objects: { 'short-name-alias': [service('lab-04', 'web', manifestObjects('04-dns-namespaces', 'manifests/solution-externalname.yaml')[0]!.spec)] },
    dnsPhase: { 'short-name-alias': 2 },
  },
  '05-kube-proxy-iptables': {
    profiles: ['kindnet'],
    bindings: { deploy: { clusterIP: L05.clusterIP }, 'svc-and-sep': { podIPs: L05.ips.slice(0, 3) } },
    // node-netshoot* run with hostNetwork: true, so they are the node's network namespace
    pods: { netshoot: { place: 'pod', resolv: resolvFor('lab-05') }, 'node-netshoot': { place: 'node' }, 'node-netshoot-cp': { place: 'node' } },
    nodes: { 'kindlab-worker': 'node', 'kindlab-control-plane': 'node' },
    objects: { deploy: [endpointSlice('lab-05', 'web', L05.ips.slice(0, 3))] },
    rules: {
      deploy: { lab05Endpoints: 3 },
      scale: { lab05Endpoints: 5 },
      'scale-down': { lab05Endpoints: 1 },
      'second-service': { lab05Endpoints: 1, lab05Alt: true },
    },
  },
  '06-nodeport': {
    profiles: ['kindnet'],
    bindings: {
      deploy: {
        nodePort: L06.nodePort,
        podNames: L06.names,
        podNode: ['kindlab-worker', 'kindlab-worker'],
        controlPlaneIP: NODE_IPS['control-plane'],
        workerIP: NODE_IPS.worker,
        worker2IP: NODE_IPS.worker2,
      },
    },
    pods: { netshoot: { place: 'pod', resolv: resolvFor('lab-06') }, 'node-netshoot': { place: 'node' } },
    nodes: { 'kindlab-worker': 'node', 'kindlab-control-plane': 'node' },
    objects: {
      deploy: [
        service('lab-06', 'web-np', {
          type: 'NodePort',
          clusterIP: L06.clusterIP,
          ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: L06.nodePort }],
        }),
      ],
      'fixed-nodeport': [
        service('lab-06', 'web-fixed', { type: 'NodePort', clusterIP: L06.fixedIP, ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30607 }] }),
      ],
    },
    rules: { deploy: {}, 'fixed-nodeport': { lab06Fixed: true } },
  },
  '07-headless-statefulset': {
    profiles: ['kindnet'],
    bindings: {
      deploy: { dbIPs: L07.ips.slice(0, 3), db0IP: L07.ips[0]! },
      externalname: { apiIP: L07.apiIP },
      'fourth-member': { db3IP: L07.ips[3]! },
    },
    pods: { netshoot: { place: 'pod', resolv: resolvFor('lab-07') } },
    nodes: {},
    objects: {
      deploy: [
        service('lab-07', 'db', { clusterIP: 'None', clusterIPs: ['None'] }),
        ...[0, 1, 2].map((i) => pod('lab-07', `db-${i}`, { ip: L07.ips[i], labels: { app: 'db' } })),
        service('lab-07', 'api-alias', { type: 'ExternalName', externalName: 'kubernetes.default.svc.cluster.local' }),
      ],
      'fourth-member': [
        {
          ...pod('lab-07', 'db-3', { ip: L07.ips[3], labels: { app: 'db' } }),
          metadata: {
            name: 'db-3',
            namespace: 'lab-07',
            labels: { app: 'db' },
            ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', controller: true }],
          },
        },
      ],
    },
    dnsPhase: { 'fourth-member': 2 },
  },
  '08-coredns': {
    profiles: ['kindnet'],
    bindings: {
      'kube-dns': { dnsIP: DNS_IP, corednsIPs: COREDNS, webIP: L08.webIP },
      'dig-from-node': { corednsOne: COREDNS[0]! },
      forward: { controlPlaneIP: NODE_IPS['control-plane'] },
    },
    pods: {
      netshoot: { place: 'pod', resolv: resolvFor('lab-08') },
      nodeshell: { place: 'pod', resolv: resolvFor('lab-08') },
      'node-netshoot': { place: 'node' },
      'custom-dns': { place: 'pod', resolv: `search lab-08.svc.cluster.local\nnameserver ${DNS_IP}\noptions ndots:1\n` },
    },
    nodes: { 'kindlab-worker': 'node', 'kindlab-control-plane': 'node' },
    objects: {
      'kube-dns': [deployment('kube-system', 'coredns', 2, 2), endpointSlice('kube-system', 'kube-dns', COREDNS, 53)],
      'custom-dns': [fromManifest('08-coredns', 'manifests/solution-custom-dns.yaml', { ip: '10.244.1.9' })],
    },
  },
  '09-pod-to-pod-paths': {
    profiles: ALL_PROFILES,
    bindings: {
      deploy: { targetIP: '10.244.2.6', pingerIP: '10.244.1.5', targetNode: 'kindlab-worker2', pingerNode: 'kindlab-worker' },
      'cross-node-route': { targetNodeIP: NODE_IPS.worker2, targetPodCIDR: '10.244.2.0/24' },
      'same-node': { neighborIP: '10.244.1.7' },
    },
    pods: { pinger: { place: 'podA' }, target: { place: 'podB' }, neighbor: { place: 'podN' }, tap: { place: 'nodeA' } },
    nodes: { 'kindlab-worker': 'nodeA', 'kindlab-worker2': 'nodeB' },
    objects: {
      deploy: [
        ...lab01Objects,
        pod('lab-09', 'tap', { ip: NODE_IPS.worker, node: 'kindlab-worker' }),
        pod('lab-09', 'target', { ip: '10.244.2.6', node: 'kindlab-worker2' }),
        pod('lab-09', 'neighbor', { ip: '10.244.1.7', node: 'kindlab-worker' }),
      ],
      'same-node': [fromManifest('09-pod-to-pod-paths', 'manifests/solution-neighbor.yaml', { ip: '10.244.1.7', node: 'kindlab-worker' })],
    },
  },
};

/** A scenario's value for a step: the latest entry at or before it. */
function upTo<T>(lesson: Lesson, stepId: string, table: Record<string, T> | undefined, merge: (a: T, b: T) => T, start: T): T {
  let acc = start;
  for (const step of lesson.steps) {
    if (table?.[step.id] !== undefined) acc = merge(acc, table[step.id]!);
    if (step.id === stepId) break;
  }
  return acc;
}

function bindingsFor(lesson: Lesson, stepId: string, profile: string, extra: Record<string, Binding> = {}): Bindings {
  const values = upTo(lesson, stepId, SCENARIOS[lesson.id]!.bindings, (a, b) => ({ ...a, ...b }), {} as Record<string, Binding>);
  return new Map<string, Binding>(Object.entries({ namespace: lesson.namespace, cluster: CLUSTER, profile, ...values, ...extra }));
}

const objectsFor = (lesson: Lesson, stepId: string) =>
  upTo(
    lesson,
    stepId,
    SCENARIOS[lesson.id]!.objects,
    (a, b) => [...a.filter((o) => !b.some((n) => n.kind === o.kind && n.metadata.name === o.metadata.name)), ...b],
    [] as Obj[],
  );

// ------------------------------------------------------------------ failing cases, one per (lesson, kind)

interface FailCase {
  lesson: string;
  kind: string;
  /** Step whose item is evaluated: the first item of `kind` there that applies to `itemProfile` and uses a changed capture. */
  step: string;
  /** Narrows the candidates to the items whose check and parameters (as JSON) match, e.g. /-L/ or /"position":4/. */
  item?: RegExp;
  /** Why it fails, as a learner would be told. */
  because: string;
  /** Capture values that differ from the cluster's (a different ClusterIP, another namespace). */
  bindings?: Record<string, Binding>;
  /** Evaluate against the output of another check: [lesson, step, check index, profile?, upstream?]. */
  observe?: [string, string, number, string?, Upstream?];
  /** Objects as the API would return them in the failing state. */
  objects?: Obj[];
  /** Rule state while the command runs (e.g. 2 endpoints behind the Service). */
  rules?: Partial<RuleState>;
  /** The profile whose item is taken (when-filtered) and the one whose output is used. */
  itemProfile?: string;
  profile?: string;
  /** Verdict text (expected | observed | differs) must match. */
  why: RegExp;
}

const FAILS: FailCase[] = [
  // 01
  {
    lesson: '01-pod-network',
    kind: 'addr.has',
    step: 'pods-and-ips',
    because: 'the Pod holds another address',
    bindings: { clientIP: '10.244.1.99' },
    why: /10\.244\.1\.99[\s\S]*10\.244\.1\.5/,
  },
  {
    lesson: '01-pod-network',
    kind: 'equals',
    step: 'same-node-neighbor',
    because: 'neighbor runs on another node',
    bindings: { clientNode: 'kindlab-worker2' },
    why: /kindlab-worker2[\s\S]*kindlab-worker\b/,
  },
  {
    lesson: '01-pod-network',
    kind: 'exists',
    step: 'node-ips',
    because: 'the node has no podCIDR',
    objects: [{ ...lab01Objects[0]!, spec: {} }],
    why: /absent|missing|undefined|not/i,
  },
  { lesson: '01-pod-network', kind: 'exitCode', step: 'no-nat', because: 'no Pod answers at that IP', bindings: { serverIP: '10.244.2.99' }, why: /exit/i },
  {
    lesson: '01-pod-network',
    kind: 'stdout.matches',
    step: 'no-nat',
    because: 'the server saw another client address',
    bindings: { clientIP: '10.244.1.99' },
    why: /10\\?\.244\\?\.1\\?\.99[\s\S]*10\.244\.1\.5:/,
  },
  {
    lesson: '01-pod-network',
    kind: 'stdout.notContains',
    step: 'node-to-pod',
    because: 'on host routing the server sees the node IP',
    itemProfile: 'calico-vxlan',
    profile: 'kindnet',
    why: /172\.18\.0\.3:/,
  },
  {
    lesson: '01-pod-network',
    kind: 'route.get',
    step: 'same-node-path',
    because: 'Calico names the host side cali*, not veth*',
    itemProfile: 'kindnet',
    profile: 'calico-bgp',
    why: /cali/,
  },
  {
    lesson: '09-pod-to-pod-paths',
    kind: 'exists',
    step: 'same-node',
    because: 'wrong fix: neighbor on the host network',
    objects: [fromManifest('09-pod-to-pod-paths', 'manifests/wrong-neighbor-host-network.yaml', { ip: NODE_IPS.worker, node: 'kindlab-worker' })],
    why: /true/,
  },
  // 02
  {
    lesson: '02-containers-in-a-pod',
    kind: 'addr.has',
    step: 'localhost',
    because: 'the Pod holds another address',
    bindings: { duoIP: '10.244.1.99' },
    why: /10\.244\.1\.99[\s\S]*10\.244\.1\.2/,
  },
  {
    lesson: '02-containers-in-a-pod',
    kind: 'equals',
    step: 'localhost',
    because: 'localhost:8080 is served by another Pod',
    observe: ['02-containers-in-a-pod', 'port-clash', 1],
    why: /duo[\s\S]*clash/,
  },
  {
    lesson: '02-containers-in-a-pod',
    kind: 'stdout.matches',
    step: 'localhost',
    because: 'nothing listens on 8080',
    observe: ['03-service-clusterip', 'deploy', 99],
    why: /8080/,
  },
  // 03
  {
    lesson: '03-service-clusterip',
    kind: 'count',
    step: 'endpoints',
    because: 'the Service has 5 endpoints, not 1',
    objects: [endpointSlice('lab-03', 'hello-svc', L03.ips)],
    why: /5/,
  },
  {
    lesson: '03-service-clusterip',
    kind: 'distinct.atLeast',
    step: 'scale-out',
    because: 'one answer is one Pod',
    observe: ['03-service-clusterip', 'fix-selector', 1],
    why: /1/,
  },
  {
    lesson: '03-service-clusterip',
    kind: 'distinct.covers',
    step: 'scale-out',
    because: 'one answer cannot cover 5 Pods',
    observe: ['03-service-clusterip', 'fix-selector', 1],
    why: /hello-6f7b8d9c4/,
  },
  {
    lesson: '03-service-clusterip',
    kind: 'dns.addresses.exactly',
    step: 'resolve',
    because: 'a different ClusterIP',
    bindings: { clusterIP: '10.96.3.99' },
    why: /10\.96\.3\.99[\s\S]*10\.96\.3\.10/,
  },
  {
    lesson: '03-service-clusterip',
    kind: 'dns.name',
    step: 'resolve',
    because: 'the search list names another namespace',
    bindings: { namespace: 'lab-04' },
    why: /hello-svc\.lab-04[\s\S]*hello-svc\.lab-03/,
  },
  {
    lesson: '03-service-clusterip',
    kind: 'dns.server',
    step: 'resolve',
    because: 'another DNS Service IP',
    bindings: { dnsIP: '10.96.0.99' },
    why: /10\.96\.0\.99[\s\S]*10\.96\.0\.10/,
  },
  {
    lesson: '03-service-clusterip',
    kind: 'dns.status',
    step: 'resolve',
    because: 'NXDOMAIN instead of NOERROR',
    observe: ['04-dns-namespaces', 'short-name', 0],
    why: /NXDOMAIN/,
  },
  {
    lesson: '03-service-clusterip',
    kind: 'equals',
    step: 'deploy',
    because: 'a different ClusterIP',
    bindings: { clusterIP: '10.96.3.99' },
    why: /10\.96\.3\.99[\s\S]*10\.96\.3\.10/,
  },
  {
    lesson: '03-service-clusterip',
    kind: 'exitCode',
    step: 'fix-selector',
    because: 'the name does not resolve (curl exit 6)',
    observe: ['04-dns-namespaces', 'short-name', 4],
    why: /6/,
  },
  {
    lesson: '03-service-clusterip',
    kind: 'http.status',
    step: 'curl',
    because: 'no HTTP answer',
    observe: ['04-dns-namespaces', 'short-name', 4],
    why: /resolve/,
  },
  {
    lesson: '03-service-clusterip',
    kind: 'oneOf',
    step: 'fix-selector',
    because: 'answered by a Pod not behind this Service',
    bindings: { podNames: L04.names },
    why: /hello-6f7b8d9c4/,
  },
  // 04
  {
    lesson: '04-dns-namespaces',
    kind: 'curl.outcome',
    step: 'short-name',
    because: 'the name resolved and answered',
    observe: ['04-dns-namespaces', 'service-dot-namespace', 1],
    why: /ok/,
  },
  {
    lesson: '04-dns-namespaces',
    kind: 'dns.addresses.exactly',
    step: 'service-dot-namespace',
    because: 'a different ClusterIP',
    bindings: { webIP: '10.96.4.99' },
    why: /10\.96\.4\.99[\s\S]*10\.96\.4\.10/,
  },
  {
    lesson: '04-dns-namespaces',
    kind: 'dns.name',
    step: 'service-dot-namespace',
    because: 'the answer names another Service',
    observe: ['03-service-clusterip', 'resolve', 0],
    why: /hello-svc\.lab-03/,
  },
  {
    lesson: '04-dns-namespaces',
    kind: 'dns.srv',
    step: 'srv',
    because: 'the SRV answer is for another Service and port',
    observe: ['07-headless-statefulset', 'srv-per-pod', 0],
    why: /db-|8080/,
  },
  {
    lesson: '04-dns-namespaces',
    kind: 'dns.status',
    step: 'short-name',
    because: 'NOERROR instead of NXDOMAIN',
    observe: ['04-dns-namespaces', 'service-dot-namespace', 0],
    why: /NOERROR/,
  },
  {
    lesson: '04-dns-namespaces',
    kind: 'dns.server',
    step: 'short-name',
    because: 'another server answered than kube-dns',
    bindings: { dnsIP: '10.96.0.99' },
    why: /10\.96\.0\.99[\s\S]*10\.96\.0\.10/,
  },
  {
    lesson: '04-dns-namespaces',
    kind: 'stdout.matches',
    step: 'short-name',
    because: 'nslookup web gets an address (online)',
    observe: ['04-dns-namespaces', 'short-name', 98, 'kindnet', 'online'],
    why: /canonical name = web\.lab-04-other/,
  },
  {
    lesson: '04-dns-namespaces',
    kind: 'stdout.matches',
    step: 'short-name',
    because: 'nslookup web gets an address (offline)',
    observe: ['04-dns-namespaces', 'short-name', 98, 'kindnet', 'offline'],
    why: /canonical name = web\.lab-04-other/,
  },
  {
    lesson: '04-dns-namespaces',
    kind: 'stdout.notContains',
    step: 'short-name',
    because: 'nslookup web prints an answer (Name:)',
    observe: ['04-dns-namespaces', 'short-name', 98, 'kindnet', 'offline'],
    why: /Name:/,
  },
  {
    lesson: '04-dns-namespaces',
    kind: 'stdout.matches',
    step: 'short-name',
    because: 'the DNS server did not answer (TIMEOUT is not a failed name)',
    observe: ['04-dns-namespaces', 'short-name', 97, 'kindnet'],
    why: /timed out|no servers/,
  },
  {
    lesson: '04-dns-namespaces',
    kind: 'equals',
    step: 'short-name-alias',
    because: 'wrong fix: a Service web in lab-04 selecting app=web',
    objects: [service('lab-04', 'web', manifestObjects('04-dns-namespaces', 'manifests/wrong-selector-across-namespaces.yaml')[0]!.spec)],
    why: /ClusterIP/,
  },
  {
    lesson: '04-dns-namespaces',
    kind: 'exitCode',
    step: 'short-name-alias',
    because: 'before the alias exists the short name does not resolve',
    observe: ['04-dns-namespaces', 'short-name', 4],
    why: /6/,
  },
  {
    lesson: '04-dns-namespaces',
    kind: 'http.status',
    step: 'service-dot-namespace',
    because: 'no HTTP answer',
    observe: ['04-dns-namespaces', 'short-name', 4],
    why: /resolve/,
  },
  {
    lesson: '04-dns-namespaces',
    kind: 'oneOf',
    step: 'short-name-alias',
    because: 'answered by a Pod of another Service',
    bindings: { webPods: L03.names },
    why: /web-7c9d8f6b5/,
  },
  {
    lesson: '04-dns-namespaces',
    kind: 'resolv.nameserver',
    step: 'resolv-conf',
    because: 'another DNS Service IP',
    bindings: { dnsIP: '10.96.0.99' },
    why: /10\.96\.0\.99[\s\S]*10\.96\.0\.10/,
  },
  {
    lesson: '04-dns-namespaces',
    kind: 'resolv.ndots',
    step: 'resolv-conf',
    because: 'a Pod with dnsConfig ndots:1',
    observe: ['08-coredns', 'custom-dns', 0],
    why: /1/,
  },
  {
    lesson: '04-dns-namespaces',
    kind: 'resolv.search',
    step: 'resolv-conf',
    because: 'the Pod is in another namespace',
    bindings: { namespace: 'lab-03' },
    why: /lab-03[\s\S]*lab-04/,
  },
  // 05
  {
    lesson: '05-kube-proxy-iptables',
    kind: 'equals',
    step: 'svc-and-sep',
    because: 'the EndpointSlice lists other Pod IPs',
    bindings: { podIPs: L03.ips.slice(0, 3) },
    why: /10\.244\.2\.11[\s\S]*10\.244\.2\.31/,
  },
  {
    lesson: '05-kube-proxy-iptables',
    kind: 'http.status',
    step: 'deploy',
    because: 'no HTTP answer',
    observe: ['04-dns-namespaces', 'short-name', 4],
    why: /resolve/,
  },
  {
    lesson: '05-kube-proxy-iptables',
    kind: 'iptables.count',
    step: 'svc-and-sep',
    because: '5 endpoints after scaling, 3 expected',
    observe: ['05-kube-proxy-iptables', 'scale', 0],
    why: /5/,
  },
  {
    lesson: '05-kube-proxy-iptables',
    kind: 'iptables.fairSplit',
    step: 'svc-and-sep',
    because: 'probabilities of 2 endpoints when 3 are expected',
    rules: { lab05Endpoints: 2 },
    why: /2 endpoints, not 3/,
  },
  {
    lesson: '05-kube-proxy-iptables',
    kind: 'iptables.rule',
    step: 'kube-services',
    because: 'a different ClusterIP',
    bindings: { clusterIP: '10.96.5.99' },
    why: /10\.96\.5\.99[\s\S]*10\.96\.5\.10/,
  },
  {
    lesson: '05-kube-proxy-iptables',
    kind: 'iptables.rule',
    step: 'kube-services',
    item: /"-L"/,
    because: '-L lists a different ClusterIP',
    bindings: { clusterIP: '10.96.5.99' },
    why: /10\.96\.5\.99[\s\S]*KUBE-SERVICES #\d+: tcp dst 10\.96\.5\.10/,
  },
  {
    lesson: '05-kube-proxy-iptables',
    kind: 'iptables.rule',
    step: 'kube-services',
    item: /"-S"/,
    because: '-S shows a different ClusterIP',
    bindings: { clusterIP: '10.96.5.99' },
    why: /10\.96\.5\.99[\s\S]*KUBE-SERVICES #\d+: tcp dst 10\.96\.5\.10/,
  },
  {
    lesson: '05-kube-proxy-iptables',
    kind: 'iptables.rule',
    step: 'svc-and-sep',
    item: /"position":4/,
    because: 'with 2 endpoints the unconditional jump is on row 3 of -L --line-numbers',
    rules: { lab05Endpoints: 2 },
    why: /position=4[\s\S]*#3: .*-> KUBE-SEP-/,
  },
  // 06
  {
    lesson: '06-nodeport',
    kind: 'equals',
    step: 'deploy',
    because: 'the Service is a ClusterIP Service',
    objects: [service('lab-06', 'web-np', { clusterIP: L06.clusterIP })],
    why: /ClusterIP/,
  },
  {
    lesson: '06-nodeport',
    kind: 'exists',
    step: 'deploy',
    because: 'the Service has no ClusterIP',
    objects: [service('lab-06', 'web-np', { type: 'NodePort' })],
    why: /absent|missing|undefined|not/i,
  },
  {
    lesson: '06-nodeport',
    kind: 'iptables.count',
    step: 'kube-nodeports',
    because: 'another namespace has no such NodePort',
    bindings: { namespace: 'lab-05' },
    why: /0/,
  },
  {
    lesson: '06-nodeport',
    kind: 'iptables.rule',
    step: 'kube-nodeports',
    because: 'a different node port',
    bindings: { nodePort: 31999 },
    why: /31999[\s\S]*31080/,
  },
  {
    lesson: '06-nodeport',
    kind: 'oneOf',
    step: 'every-node',
    because: 'answered by a Pod not behind this Service',
    bindings: { podNames: L03.names },
    why: /web-5b9c7d8f4/,
  },
  // 07
  {
    lesson: '07-headless-statefulset',
    kind: 'dns.addresses.exactly',
    step: 'headless-answers',
    because: 'one Pod IP missing from the capture',
    bindings: { dbIPs: L07.ips.slice(0, 2) },
    why: /10\.244\.2\.53/,
  },
  {
    lesson: '07-headless-statefulset',
    kind: 'dns.addresses.include',
    step: 'externalname',
    because: 'a different kubernetes ClusterIP',
    bindings: { apiIP: '10.96.0.99' },
    why: /10\.96\.0\.99/,
  },
  {
    lesson: '07-headless-statefulset',
    kind: 'dns.cname',
    step: 'externalname',
    because: 'a headless name answers A records, no CNAME',
    observe: ['07-headless-statefulset', 'stable-names', 0],
    why: /kubernetes\.default/,
  },
  {
    lesson: '07-headless-statefulset',
    kind: 'dns.name',
    step: 'stable-names',
    because: 'the search list names another namespace',
    bindings: { namespace: 'lab-03' },
    why: /db-0\.db\.lab-03[\s\S]*db-0\.db\.lab-07/,
  },
  {
    lesson: '07-headless-statefulset',
    kind: 'dns.srv',
    step: 'srv-per-pod',
    because: 'the SRV target is in another namespace',
    bindings: { namespace: 'lab-03' },
    why: /db-0\.db\.lab-03/,
  },
  {
    lesson: '07-headless-statefulset',
    kind: 'dns.status',
    step: 'fourth-member',
    because: 'before scaling, db-3 does not exist (NXDOMAIN)',
    observe: ['07-headless-statefulset', 'headless-answers', 99],
    why: /NXDOMAIN/,
  },
  {
    lesson: '07-headless-statefulset',
    kind: 'equals',
    step: 'deploy',
    because: 'the Service got a ClusterIP',
    objects: [service('lab-07', 'db', { clusterIP: '10.96.7.10' })],
    why: /10\.96\.7\.10/,
  },
  {
    lesson: '07-headless-statefulset',
    kind: 'exists',
    step: 'externalname',
    because: 'the alias has a ClusterIP',
    objects: [service('lab-07', 'api-alias', { clusterIP: '10.96.7.11' })],
    why: /10\.96\.7\.11/,
  },
  // 08
  {
    lesson: '08-coredns',
    kind: 'dns.addresses.exactly',
    step: 'dig-from-node',
    because: 'a different ClusterIP',
    bindings: { webIP: '10.96.8.99' },
    why: /10\.96\.8\.99[\s\S]*10\.96\.8\.10/,
  },
  {
    lesson: '08-coredns',
    kind: 'dns.addresses.include',
    step: 'forward',
    because: 'a different node IP',
    bindings: { controlPlaneIP: '172.18.0.99' },
    why: /172\.18\.0\.99[\s\S]*172\.18\.0\.2/,
  },
  {
    lesson: '08-coredns',
    kind: 'dns.server',
    step: 'dig-from-node',
    because: 'the answer came from another server than the one captured',
    bindings: { corednsOne: COREDNS[1]! },
    observe: ['08-coredns', 'dig-from-node', 0],
    why: /10\.244\.0\.4[\s\S]*10\.244\.0\.3/,
  },
  {
    lesson: '08-coredns',
    kind: 'dns.status',
    step: 'custom-dns',
    because: 'NXDOMAIN instead of NOERROR',
    observe: ['04-dns-namespaces', 'short-name', 0],
    why: /NXDOMAIN/,
  },
  {
    lesson: '08-coredns',
    kind: 'equals',
    step: 'kube-dns',
    because: 'one CoreDNS Pod is not ready',
    objects: [deployment('kube-system', 'coredns', 2, 1)],
    why: /1/,
  },
  {
    lesson: '08-coredns',
    kind: 'iptables.count',
    step: 'kube-dns',
    because: 'kube-dns has one endpoint, 2 expected',
    rules: { kubeDnsEndpoints: 1 },
    why: /1 rule/,
  },
  { lesson: '08-coredns', kind: 'iptables.rule', step: 'kube-dns', because: 'another DNS Service IP', bindings: { dnsIP: '10.96.0.99' }, why: /10\.96\.0\.99/ },
  {
    lesson: '08-coredns',
    kind: 'resolv.nameserver',
    step: 'custom-dns',
    because: 'another DNS Service IP',
    bindings: { dnsIP: '10.96.0.99' },
    why: /10\.96\.0\.99[\s\S]*10\.96\.0\.10/,
  },
  {
    lesson: '08-coredns',
    kind: 'resolv.ndots',
    step: 'custom-dns',
    because: 'a Pod without dnsConfig has ndots:5',
    observe: ['04-dns-namespaces', 'resolv-conf', 0],
    why: /5/,
  },
  {
    lesson: '08-coredns',
    kind: 'resolv.search',
    step: 'custom-dns',
    because: 'a Pod without dnsConfig has the full search list',
    observe: ['04-dns-namespaces', 'resolv-conf', 0],
    why: /lab-04\.svc\.cluster\.local/,
  },
  {
    lesson: '08-coredns',
    kind: 'stdout.contains',
    step: 'corefile',
    because: 'that output is not a Corefile',
    observe: ['08-coredns', 'custom-dns', 0],
    why: /kubernetes cluster\.local/,
  },
  // 09
  {
    lesson: '09-pod-to-pod-paths',
    kind: 'encap.seen',
    step: 'on-the-wire',
    because: 'host routing sends no VXLAN',
    itemProfile: 'calico-vxlan',
    profile: 'kindnet',
    why: /vxlan/,
  },
  {
    lesson: '09-pod-to-pod-paths',
    kind: 'equals',
    step: 'deploy',
    because: 'tap runs on another node than pinger',
    bindings: { pingerNode: 'kindlab-worker2' },
    why: /kindlab-worker2[\s\S]*kindlab-worker\b/,
  },
  {
    lesson: '09-pod-to-pod-paths',
    kind: 'route.get',
    step: 'cross-node-route',
    because: 'the route goes through vxlan.calico, not tunl0',
    itemProfile: 'calico-ipip',
    profile: 'calico-vxlan',
    why: /vxlan\.calico/,
  },
  {
    lesson: '09-pod-to-pod-paths',
    kind: 'route.to',
    step: 'cross-node-route',
    because: 'Calico BGP routes a /26 block, not the node podCIDR',
    itemProfile: 'kindnet',
    profile: 'calico-bgp',
    why: /10\.244\.2\.0\/24/,
  },
  {
    lesson: '09-pod-to-pod-paths',
    kind: 'stdout.matches',
    step: 'cross-node-route',
    because: 'kindnet routes carry no proto bird',
    itemProfile: 'calico-bgp',
    profile: 'kindnet',
    why: /proto bird/,
  },
];

// ------------------------------------------------------------------ the suite

const lessonById = (id: string) => lessons.find((l) => l.id === id)!;

function failItem(f: FailCase, profile: string): ItemRef {
  const candidates = items.filter(
    (i) =>
      i.lesson.id === f.lesson &&
      i.step.id === f.step &&
      i.key === f.kind &&
      appliesToProfile(i.item, f.itemProfile ?? profile) &&
      (!f.item || f.item.test(JSON.stringify([i.check.run?.argv, i.item]))),
  );
  const changed = Object.keys(f.bindings ?? {});
  const uses = (i: ItemRef) => changed.some((name) => JSON.stringify(i.item).includes(`{{${name}}}`));
  const ref = candidates.find(uses) ?? candidates[0];
  if (!ref) throw new Error(`${f.lesson} ${f.step}: no ${f.kind} item for profile ${f.itemProfile ?? profile}`);
  return ref;
}
const key = (lesson: string, step: string, check: number, profile: string, upstream: Upstream = 'online') =>
  `${lesson}/${step}/${check}@${profile}${upstream === 'online' ? '' : ` ${upstream}`}`;

describe('lesson expectations cover every kind they use', () => {
  test('every (lesson, kind) pair has a failing case, and every failing case names an item that exists', () => {
    const covered = new Set(FAILS.map((f) => `${f.lesson} ${f.kind}`));
    expect(pairs.filter(([l, k]) => !covered.has(`${l} ${k}`)).map((p) => p.join(' '))).toEqual([]);
    for (const f of FAILS) {
      const found = items.some((i) => i.lesson.id === f.lesson && i.step.id === f.step && i.key === f.kind);
      expect(found, `${f.lesson} ${f.step} has no ${f.kind} item`).toBe(true);
    }
  });

  test('items with `when: { profile }` are skipped on the profiles they do not name', () => {
    const conditional = items.filter((i) => i.item.when);
    expect(conditional.length).toBeGreaterThan(5);
    for (const i of conditional) {
      const on = ALL_PROFILES.filter((p) => appliesToProfile(i.item, p));
      expect(on.length, `${i.lesson.id} ${i.step.id} ${i.key}`).toBeGreaterThan(0);
      expect(on.length, `${i.lesson.id} ${i.step.id} ${i.key}`).toBeLessThan(ALL_PROFILES.length);
    }
    const vxlan = items.find((i) => i.lesson.id === '09-pod-to-pod-paths' && i.key === 'encap.seen' && JSON.stringify(i.item).includes('"vxlan"'))!;
    expect(appliesToProfile(vxlan.item, 'calico-vxlan')).toBe(true);
    for (const p of ['kindnet', 'calico-bgp', 'calico-ipip']) expect(appliesToProfile(vxlan.item, p)).toBe(false);
  });
});

describeRealTools('lesson expectations against real tool output', PROGRAMS, () => {
  const observations = new Map<string, Observation>();
  const failObservations = new Map<FailCase, Observation>();
  const cleanups: (() => Promise<void>)[] = [];
  const places = {} as Record<Place, Netns>;
  const pcap = join(tmpdir(), `kindlab-lesson-ipip-${process.pid}.pcap`);

  // ---- world A
  let rules: RuleState = { ...initialRules };
  let dnsPhase: 1 | 2 = 1;
  let dnsUpstream: Upstream = 'online';
  let dnsDaemon: Daemon | undefined;
  let podDaemon: Daemon | undefined;

  async function restoreRules(state: RuleState): Promise<void> {
    const text = kubeProxyNatRules(servicePorts(state));
    for (const ns of [places.pod, places.node]) {
      const r = await runProcess(['ip', 'netns', 'exec', ns.name, 'iptables-restore'], { timeoutMs: 10_000, input: text });
      if (r.exitCode !== 0) throw new Error(`iptables-restore failed: ${r.stderr}`);
    }
    rules = state;
  }

  async function startDns(phase: 1 | 2, upstream: Upstream = 'online'): Promise<void> {
    if (dnsDaemon) {
      dnsDaemon.child.kill('SIGKILL');
      await dnsDaemon.finished(2_000);
    }
    dnsDaemon = await places.node.start(dnsmasqArgv(COREDNS, [...dnsRecords(phase), ...upstreamArgs(upstream)]), { readyText: 'started' });
    dnsPhase = phase;
    dnsUpstream = upstream;
  }

  async function setPodServers(listeners: Listener[] | undefined): Promise<void> {
    if (podDaemon) {
      podDaemon.child.kill('SIGKILL');
      await podDaemon.finished(2_000);
      podDaemon = undefined;
    }
    if (listeners) podDaemon = await places.pod.start(['node', '-e', NETEXEC, JSON.stringify(listeners)], { readyText: 'netexec ready' });
  }

  async function worldA(): Promise<void> {
    const pair = await netnsPair('xa', '10.244.1');
    places.pod = pair.a;
    places.node = pair.b;
    cleanups.push(
      () => pair.a.remove(),
      () => pair.b.remove(),
    );
    await must(['ip', '-n', pair.a.name, 'link', 'set', pair.vethA, 'down']);
    await must(['ip', '-n', pair.a.name, 'link', 'set', pair.vethA, 'name', 'eth0']);
    await must(['ip', '-n', pair.a.name, 'link', 'set', 'eth0', 'up']);
    for (const dst of ['10.96.0.0/12', '10.244.0.0/16', '172.18.0.0/16']) await must(['ip', '-n', pair.a.name, 'route', 'add', dst, 'via', '10.244.1.10']);
    const backends: Listener[] = [
      ...L03.ips.map((ip, i) => ({ host: ip, port: 8080, name: L03.names[i]! })),
      ...L04.ips.map((ip, i) => ({ host: ip, port: 8080, name: L04.names[i]! })),
      ...L05.ips.map((ip, i) => ({ host: ip, port: 8080, name: `web-8d7c6b5a4-${i}` })),
      ...L06.ips.map((ip, i) => ({ host: ip, port: 8080, name: L06.names[i]! })),
      ...L07.ips.map((ip, i) => ({ host: ip, port: 8080, name: `db-${i}` })),
      ...L08.ips.map((ip) => ({ host: ip, port: 8080, name: 'web-9f8e7d6c5-x1y2z' })),
    ];
    for (const ip of [...COREDNS, ...backends.map((b) => b.host), ...Object.values(NODE_IPS)]) {
      await must(['ip', '-n', pair.b.name, 'addr', 'add', `${ip}/32`, 'dev', pair.vethB]);
    }
    await restoreRules(initialRules);
    await places.node.start(['node', '-e', rcodeUpstream(2, UPSTREAM_PORT.offline)], { readyText: 'upstream ready' });
    await places.node.start(['node', '-e', rcodeUpstream(0, UPSTREAM_PORT.nodata)], { readyText: 'upstream ready' });
    await startDns(1);
    await places.node.start(['node', '-e', NETEXEC, JSON.stringify(backends)], { readyText: 'netexec ready' });
  }

  // ---- world B
  const podLinks: Record<string, { pod: Place; node: Place; ip: string; host: string }> = {};

  async function addNs(place: Place, tag: string): Promise<Netns> {
    const ns = new Netns(`${uniqueName('xb')}${tag}`);
    await must(['ip', 'netns', 'add', ns.name]);
    cleanups.push(() => ns.remove());
    places[place] = ns;
    await ns.must(['ip', 'link', 'set', 'lo', 'up']);
    await ns.exec(['sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1']);
    return ns;
  }

  async function linkPod(podPlace: Place, nodePlace: Place, ip: string, host: string): Promise<void> {
    const p = places[podPlace];
    const n = places[nodePlace];
    const tmp = `${uniqueName('t')}${podPlace}`.slice(0, 15);
    await must(['ip', 'link', 'add', host, 'netns', n.name, 'type', 'veth', 'peer', 'name', tmp, 'netns', p.name]);
    await p.must(['ip', 'link', 'set', tmp, 'name', 'eth0']);
    await p.must(['ip', 'addr', 'add', `${ip}/32`, 'dev', 'eth0']);
    await p.must(['ip', 'link', 'set', 'eth0', 'up']);
    await p.must(['ip', 'route', 'add', '169.254.1.1', 'dev', 'eth0', 'scope', 'link']);
    await p.must(['ip', 'route', 'add', 'default', 'via', '169.254.1.1', 'dev', 'eth0']);
    podLinks[podPlace] = { pod: podPlace, node: nodePlace, ip, host };
    await upHostSide(podPlace);
  }

  async function upHostSide(podPlace: Place): Promise<void> {
    const { node: nodePlace, ip, host } = podLinks[podPlace]!;
    const n = places[nodePlace];
    await n.must(['sysctl', '-qw', `net.ipv4.conf.${host}.proxy_arp=1`]);
    await n.must(['ip', 'link', 'set', host, 'up']);
    await n.must(['ip', 'route', 'replace', ip, 'dev', host, 'scope', 'link']);
  }

  /** kindnet names the host side veth<hex>, Calico cali<hex>. */
  async function renameHostSide(podPlace: Place, host: string): Promise<void> {
    const link = podLinks[podPlace]!;
    if (link.host === host) return;
    const n = places[link.node];
    await n.must(['ip', 'link', 'set', link.host, 'down']);
    await n.must(['ip', 'link', 'set', link.host, 'name', host]);
    link.host = host;
    await upHostSide(podPlace);
  }

  async function worldB(): Promise<void> {
    const nodeA = await addNs('nodeA', 'na');
    const nodeB = await addNs('nodeB', 'nb');
    await addNs('podA', 'pa');
    await addNs('podN', 'pn');
    await addNs('podB', 'pb');
    const tmp = uniqueName('e');
    await must(['ip', 'link', 'add', `${tmp}a`, 'netns', nodeA.name, 'type', 'veth', 'peer', 'name', `${tmp}b`, 'netns', nodeB.name]);
    for (const [ns, dev, ip] of [
      [nodeA, `${tmp}a`, NODE_IPS.worker],
      [nodeB, `${tmp}b`, NODE_IPS.worker2],
    ] as const) {
      await ns.must(['ip', 'link', 'set', dev, 'name', 'eth0']);
      await ns.must(['ip', 'addr', 'add', `${ip}/16`, 'dev', 'eth0']);
      await ns.must(['ip', 'link', 'set', 'eth0', 'up']);
      // kind nodes route everything else to the Docker network's gateway; proxy ARP for the Pods'
      // 169.254.1.1 gateway answers only for addresses the node has a route to
      await ns.must(['ip', 'route', 'add', 'default', 'via', '172.18.0.1', 'dev', 'eth0']);
      await ns.must(['sysctl', '-qw', 'net.ipv4.ip_forward=1']);
    }
    await linkPod('podA', 'nodeA', '10.244.1.5', 'veth1a2b3c4d');
    await linkPod('podN', 'nodeA', '10.244.1.7', 'veth5e6f7a8b');
    await linkPod('podB', 'nodeB', '10.244.2.6', 'veth9c0d1e2f');
    for (const [place, name] of [
      ['podB', 'server'],
      ['podN', 'neighbor'],
    ] as const) {
      await places[place].start(['node', '-e', NETEXEC, JSON.stringify([{ host: '0.0.0.0', port: 8080, name }])], { readyText: 'netexec ready' });
    }
  }

  const profileRoutes: { place: Place; argv: string[] }[] = [];
  let currentProfile = '';

  async function setProfile(profile: string): Promise<void> {
    if (profile === currentProfile) return;
    for (const r of profileRoutes.splice(0)) await places[r.place].exec(['ip', 'route', 'del', ...r.argv]);
    for (const place of ['nodeA', 'nodeB'] as const) {
      await places[place].exec(['ip', 'link', 'del', 'vxlan.calico']);
      await places[place].exec(['ip', 'link', 'del', 'tunl0']);
    }
    const route = async (place: Place, argv: string[]) => {
      await places[place].must(['ip', 'route', 'add', ...argv]);
      profileRoutes.push({ place, argv: argv.slice(0, 1) });
    };
    const calico = profile.startsWith('calico');
    await renameHostSide('podN', calico ? 'cali9f2a7c3d1e5' : 'veth5e6f7a8b');
    await renameHostSide('podA', calico ? 'cali1a2b3c4d5e6' : 'veth1a2b3c4d');
    await renameHostSide('podB', calico ? 'cali7e8f9a0b1c2' : 'veth9c0d1e2f');
    if (profile === 'kindnet') {
      await route('nodeA', ['10.244.2.0/24', 'via', NODE_IPS.worker2, 'dev', 'eth0']);
      await route('nodeB', ['10.244.1.0/24', 'via', NODE_IPS.worker, 'dev', 'eth0']);
    } else if (profile === 'calico-bgp') {
      await route('nodeA', ['10.244.2.0/26', 'via', NODE_IPS.worker2, 'dev', 'eth0', 'proto', 'bird']);
      await route('nodeB', ['10.244.1.0/26', 'via', NODE_IPS.worker, 'dev', 'eth0', 'proto', 'bird']);
    } else if (profile === 'calico-vxlan') {
      // Calico VXLAN: vxlan.calico (VNI 4096, UDP 4789) with an address from the node's block, a
      // static neighbour for the peer's tunnel address, and the peer's block routed via it onlink
      const sides = [
        { place: 'nodeA' as const, local: NODE_IPS.worker, remote: NODE_IPS.worker2, own: '10.244.1.0', peer: '10.244.2.0', block: '10.244.2.0/26' },
        { place: 'nodeB' as const, local: NODE_IPS.worker2, remote: NODE_IPS.worker, own: '10.244.2.0', peer: '10.244.1.0', block: '10.244.1.0/26' },
      ];
      const macs: Record<string, string> = {};
      for (const s of sides) {
        const ns = places[s.place];
        await ns.must([
          'ip',
          'link',
          'add',
          'vxlan.calico',
          'type',
          'vxlan',
          'id',
          '4096',
          'dstport',
          '4789',
          'local',
          s.local,
          'remote',
          s.remote,
          'dev',
          'eth0',
        ]);
        await ns.must(['ip', 'addr', 'add', `${s.own}/32`, 'dev', 'vxlan.calico']);
        await ns.must(['ip', 'link', 'set', 'vxlan.calico', 'up']);
        const link = JSON.parse((await ns.must(['ip', '-j', 'link', 'show', 'vxlan.calico'])).stdout) as { address: string }[];
        macs[s.own] = link[0]!.address;
      }
      for (const s of sides) {
        const ns = places[s.place];
        await ns.must(['ip', 'neigh', 'replace', s.peer, 'lladdr', macs[s.peer]!, 'dev', 'vxlan.calico', 'nud', 'permanent']);
        await ns.must(['ip', 'route', 'add', s.block, 'via', s.peer, 'dev', 'vxlan.calico', 'onlink']);
      }
    } else if (profile === 'calico-ipip') {
      // A real tunl0 when the ipip module exists; otherwise a veth named tunl0, because `ip route`
      // prints a route the same way whatever the device type (and this kernel has no ipip module).
      const a = places.nodeA;
      if ((await a.exec(['ip', 'link', 'add', 'tunl0', 'type', 'ipip'])).exitCode !== 0) {
        await a.must(['ip', 'link', 'add', 'tunl0', 'type', 'veth', 'peer', 'name', 'tunl0peer']);
        await a.must(['ip', 'link', 'set', 'tunl0peer', 'up']);
      }
      await a.must(['ip', 'link', 'set', 'tunl0', 'up']);
      await route('nodeA', ['10.244.2.0/26', 'via', NODE_IPS.worker2, 'dev', 'tunl0', 'proto', 'bird', 'onlink']);
      writeFileSync(pcap, ipipPcap([NODE_IPS.worker, NODE_IPS.worker2], ['10.244.1.5', '10.244.2.6']));
    }
    currentProfile = profile;
  }

  // ---- running a check where the lesson would run it
  function clusterFor(lesson: Lesson, profile: string): Cluster {
    const scenario = SCENARIOS[lesson.id]!;
    return {
      nodeName: (n: string) => (n.startsWith(`${CLUSTER}-`) ? n : `${CLUSTER}-${n}`),
      exec: async (target: ExecTarget, argv: string[], opts: { timeoutMs: number }) => {
        let placeName: Place | undefined;
        if ('pod' in target && target.pod) {
          const p = scenario.pods[target.pod];
          if (!p) throw new Error(`${lesson.id}: no place for pod ${target.pod}`);
          if (p.resolv) writeResolvConf(places[p.place], p.resolv);
          placeName = p.place;
        } else placeName = scenario.nodes[(target as { node: string }).node];
        if (!placeName) throw new Error(`${lesson.id}: no place for ${JSON.stringify(target)}`);
        const ns = places[placeName];
        let result;
        if (argv.includes('tcpdump') && profile === 'calico-ipip') {
          // no ipip module: tcpdump reads the IP-in-IP packets from a file, with the lesson's filter
          const i = argv.indexOf('tcpdump');
          const rest = argv.slice(i + 1);
          const dev = rest.indexOf('-i');
          rest.splice(dev, 2, '-r', pcap);
          result = await ns.exec(['tcpdump', ...rest], opts.timeoutMs);
        } else if (argv.includes('tcpdump')) {
          const dump = ns.exec(argv, opts.timeoutMs);
          await new Promise((r) => setTimeout(r, 1_000));
          await places.podA.must(['python3', '-c', PING, '10.244.2.6', '4'], 10_000);
          result = await dump;
        } else result = await ns.exec(argv, opts.timeoutMs);
        return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode, timedOut: result.timedOut, durationMs: result.durationMs };
      },
    } as unknown as Cluster;
  }

  async function observe(lesson: Lesson, stepId: string, check: CheckFile, profile: string, bindings: Bindings, objects: Obj[]): Promise<Observation> {
    if (check.run) {
      const { samples } = await runSamples(check.run, { cluster: clusterFor(lesson, profile), namespace: lesson.namespace, bindings });
      return { samples, profile };
    }
    // as runCheck reads: the objects the selector names, the path evaluated on each
    const read = substitute(check.read!, bindings);
    const ref = toObjectRef(read.from, read.selector, read.namespace ?? lesson.namespace);
    const values = selectObjects(objects, ref).map((o) => evaluateJsonPath(o, read.path));
    const value = ref.name ? values[0] : values.flat();
    const stdout = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    return { samples: [{ stdout, stderr: '', exitCode: 0, timedOut: false }], value, profile };
  }

  /** The Corefile check reads a ConfigMap with kubectl on the node: a recorded sample stands in. */
  const corefile = readFileSync(new URL('./samples/coredns-corefile.txt', import.meta.url), 'utf8');

  async function enterStep(lesson: Lesson, step: Step, profile: string, upstream: Upstream = 'online'): Promise<void> {
    const s = SCENARIOS[lesson.id]!;
    if (lesson.id === '01-pod-network' || lesson.id === '09-pod-to-pod-paths') await setProfile(profile);
    else {
      const wantRules = { ...initialRules, ...upTo(lesson, step.id, s.rules, (a, b) => ({ ...a, ...b }), {} as Partial<RuleState>) };
      if (JSON.stringify(wantRules) !== JSON.stringify(rules)) await restoreRules(wantRules);
      const wantDns = s.dnsPhase?.[step.id] ?? 1;
      if (wantDns !== dnsPhase || upstream !== dnsUpstream) await startDns(wantDns, upstream);
      if (s.podServers) await setPodServers(upTo(lesson, step.id, s.podServers, (_, b) => b, [] as Listener[]));
      else if (podDaemon) await setPodServers(undefined);
    }
  }

  beforeAll(async () => {
    try {
      await worldA();
      await worldB();
      for (const lesson of lessons) {
        const scenario = SCENARIOS[lesson.id];
        if (!scenario) throw new Error(`no scenario for lesson ${lesson.id}: add one to ${import.meta.filename}`);
        for (const profile of scenario.profiles) {
          for (const upstream of inWorldA(lesson.id) ? UPSTREAMS : (['online'] as Upstream[])) {
            for (const step of lesson.steps) {
              await enterStep(lesson, step, profile, upstream);
              const objects = objectsFor(lesson, step.id);
              for (const [index, check] of (step.checks ?? []).entries()) {
                if (!check.expect.some((item) => appliesToProfile(item, profile))) continue;
                const bindings = bindingsFor(lesson, step.id, profile);
                const obs = check.run?.argv.includes('kubectl')
                  ? { samples: [{ stdout: corefile, stderr: '', exitCode: 0, timedOut: false }], profile }
                  : await observe(lesson, step.id, check, profile, bindings, objects);
                observations.set(key(lesson.id, step.id, index, profile, upstream), obs);
              }
              if (upstream === 'offline') continue;
              // failing cases that need their own run: other capture values, other objects or rules
              for (const f of FAILS.filter(
                (x) => x.lesson === lesson.id && x.step === step.id && !x.observe && (x.profile ?? scenario.profiles[0]) === profile,
              )) {
                const ref = failItem(f, profile);
                if (f.rules) await restoreRules({ ...rules, ...f.rules });
                const obs = await observe(lesson, step.id, ref.check, profile, bindingsFor(lesson, step.id, profile, f.bindings), f.objects ?? objects);
                if (f.rules)
                  await restoreRules({ ...initialRules, ...upTo(lesson, step.id, scenario.rules, (a, b) => ({ ...a, ...b }), {} as Partial<RuleState>) });
                failObservations.set(f, obs);
              }
            }
          }
        }
      }
      // failing observations taken at another point of the course
      const p1 = lessonById('02-containers-in-a-pod');
      await setPodServers(undefined);
      await startDns(1);
      const ssCheck = items.find((i) => i.lesson.id === p1.id && i.key === 'stdout.matches')!;
      const ss = await observe(p1, ssCheck.step.id, ssCheck.check, 'kindnet', bindingsFor(p1, ssCheck.step.id, 'kindnet'), []);
      observations.set(key('03-service-clusterip', 'deploy', 99, 'kindnet'), ss);
      // lesson 04 short-name when the short name does resolve (the alias of the challenge exists), online and offline
      const l04 = lessonById('04-dns-namespaces');
      const shortName = l04.steps.find((s) => s.id === 'short-name')!;
      for (const [index] of shortName.checks!.entries()) {
        await startDns(1, 'nodata');
        observations.set(
          key(l04.id, shortName.id, index, 'kindnet', 'nodata'),
          await observe(l04, shortName.id, shortName.checks![index]!, 'kindnet', bindingsFor(l04, shortName.id, 'kindnet'), []),
        );
      }
      for (const upstream of UPSTREAMS) {
        await startDns(2, upstream);
        observations.set(
          key(l04.id, shortName.id, 98, 'kindnet', upstream),
          await observe(l04, shortName.id, shortName.checks![0]!, 'kindnet', bindingsFor(l04, shortName.id, 'kindnet'), []),
        );
      }
      // ... and when no DNS server answers at all
      dnsDaemon?.child.kill('SIGKILL');
      await dnsDaemon?.finished(2_000);
      observations.set(
        key(l04.id, shortName.id, 97, 'kindnet'),
        await observe(l04, shortName.id, shortName.checks![0]!, 'kindnet', bindingsFor(l04, shortName.id, 'kindnet'), []),
      );
      await startDns(1);
      const l07 = lessonById('07-headless-statefulset');
      const fourth = l07.steps.find((s) => s.id === 'fourth-member')!;
      observations.set(
        key(l07.id, 'headless-answers', 99, 'kindnet'),
        await observe(l07, fourth.id, fourth.checks![0]!, 'kindnet', bindingsFor(l07, fourth.id, 'kindnet'), []),
      );
    } catch (error) {
      for (const c of cleanups.reverse()) await c();
      cleanups.length = 0;
      throw error;
    }
  }, 600_000);

  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
    rmSync(pcap, { force: true });
  });

  test('04 short-name also holds when the bare name exists upstream without an address (NOERROR, no data)', () => {
    const lesson = lessonById('04-dns-namespaces');
    const step = lesson.steps.find((s) => s.id === 'short-name')!;
    for (const [index, check] of step.checks!.entries()) {
      const obs = observations.get(key(lesson.id, step.id, index, 'kindnet', 'nodata'));
      expect(obs, `no output for check ${index}`).toBeDefined();
      for (const item of check.expect) {
        const result = evaluateExpectation(item, obs!, bindingsFor(lesson, step.id, 'kindnet'));
        const out = obs!.samples.at(-1);
        expect(result.verdict.pass, `check ${index} ${expectationKey(item)}: ${result.verdict.differs}\n${out?.stdout}${out?.stderr}`).toBe(true);
      }
    }
  });

  for (const [lessonId, kind] of pairs) {
    describe(`${lessonId} · ${kind}`, () => {
      test(`passes on the output its check produces${inWorldA(lessonId) ? ', online and offline' : ''}`, () => {
        const lesson = lessonById(lessonId);
        let evaluated = 0;
        for (const ref of items.filter((i) => i.lesson.id === lessonId && i.key === kind)) {
          for (const profile of SCENARIOS[lessonId]!.profiles) {
            if (!appliesToProfile(ref.item, profile)) continue;
            for (const upstream of inWorldA(lessonId) ? UPSTREAMS : (['online'] as Upstream[])) {
              const obs = observations.get(key(lessonId, ref.step.id, ref.checkIndex, profile, upstream));
              expect(obs, `no output for ${ref.step.id} check ${ref.checkIndex} on ${profile} (${upstream})`).toBeDefined();
              const result = evaluateExpectation(ref.item, obs!, bindingsFor(lesson, ref.step.id, profile));
              const out = obs!.samples.at(-1);
              expect(
                result.verdict.pass,
                `${ref.step.id} on ${profile} (${upstream}): ${kind} ${JSON.stringify(result.params)}\nexpected: ${result.verdict.expected}\nobserved: ${result.verdict.observed}\ndiffers: ${result.verdict.differs}\noutput:\n${out?.stdout}${out?.stderr}`,
              ).toBe(true);
              evaluated++;
            }
          }
        }
        expect(evaluated).toBeGreaterThan(0);
      });

      for (const f of FAILS.filter((x) => x.lesson === lessonId && x.kind === kind)) {
        test(`fails when ${f.because}`, () => {
          const lesson = lessonById(lessonId);
          const scenario = SCENARIOS[lessonId]!;
          const profile = f.profile ?? scenario.profiles[0]!;
          const ref = failItem(f, profile);
          const obs = f.observe
            ? observations.get(
                key(
                  f.observe[0],
                  f.observe[1],
                  f.observe[2],
                  f.observe[3] ?? (f.observe[0] === lessonId ? profile : SCENARIOS[f.observe[0]]!.profiles[0]!),
                  f.observe[4],
                ),
              )
            : failObservations.get(f);
          expect(obs, 'the failing output was collected').toBeDefined();
          const result = evaluateExpectation(ref.item, { ...obs!, profile }, bindingsFor(lesson, f.step, profile, f.bindings));
          const text = `${result.verdict.expected} | ${result.verdict.observed} | ${result.verdict.differs ?? ''}`;
          expect(result.verdict.pass, text).toBe(false);
          expect(text).toMatch(f.why);
        });
      }
    });
  }
});
