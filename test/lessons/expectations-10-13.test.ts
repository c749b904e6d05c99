// Every expectation of lessons 10-13, evaluated against output of the real programs.
//
// The checks come straight from labs/1[0-3]-*/lesson.yaml. Each `run` check runs the lesson's own
// argv (templates substituted) with the real curl / iptables in network namespaces:
//   "client" (every Pod and node of the lessons; it is also the load balancer's side in lesson 13)
//   and "server", joined by a veth. In "server" one HTTP server stands for what answers in the
//   cluster: agnhost netexec (/hostname, /clientip), agnhost serve-hostname behind an Ingress or a
//   Gateway (Host header, path and X-Canary routing, a 90/10 or 50/50 split dealt out in a fixed
//   order so the share is exact, 404 for no rule), and kube-proxy's health check node port (200 on
//   the Pod's node address, 503 on another). A NetworkPolicy that drops a client is an iptables DROP
//   in "server", so curl really times out. The kube-proxy rules of lesson 13 are loaded with the
//   real iptables-restore in kube-proxy's shape (kubernetes/kubernetes pkg/proxy/iptables/proxier.go:
//   "masquerade traffic for NS/SVC:PORT external destinations", "NS/SVC:PORT -> IP:PORT"); they were
//   typed here, not recorded from a cluster. `read` checks get API-shaped objects.
// For each lesson and expectation kind: every item passes in its step's world, and one chosen
// failing world fails it for the right reason. The same file also checks what lesson-files.test.ts
// checks for 01-09 (that suite's folder list stops at 09).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import type { Cluster, ExecTarget } from '../../src/cluster/port.js';
import { evaluateJsonPath } from '../../src/core/jsonpath.js';
import { evaluateExpectation, expectationKey, runSamples } from '../../src/engine/checks.js';
import type { Observation } from '../../src/expectations/expectation-kind.js';
import { toObjectRef } from '../../src/engine/refs.js';
import { substitute, type Binding, type Bindings } from '../../src/engine/templating.js';
import { loadLesson } from '../../src/lessons/load.js';
import type { Lesson, Step } from '../../src/lessons/model.js';
import type { CheckFile } from '../../src/lessons/schema.js';
import { addonInfo } from '../../src/lessons/addons.js';
import { describeRealTools, must, netnsPair, type Netns } from '../real-tools/harness.js';
import { selectObjects, type Obj } from './expectations-world.js';
import { LABS, manifestObjects, rawLesson } from './lesson-helpers.js';

const DIRS = ['10-networkpolicy', '11-ingress', '12-gateway-api', '13-loadbalancer-external-traffic'];
const lessons: Lesson[] = [];
for (const dir of DIRS) {
  const loaded = await loadLesson(join(LABS, dir));
  if (!loaded.ok) throw new Error(`${dir}: ${loaded.errors.map((e) => e.message).join('; ')}`);
  lessons.push(loaded.lesson);
}

// ------------------------------------------------------------------ lesson files hang together

describe('lesson files 10-13', () => {
  for (const dir of DIRS) {
    const l = rawLesson(dir);
    it(`${dir}: id, namespace, manifests, images, solutions and add-ons are consistent`, () => {
      expect(l.id).toBe(dir);
      expect(l.namespace).toBe(`lab-${dir.slice(0, 2)}`);
      const files = new Set<string>();
      for (const s of [l.setup ?? {}, ...l.steps, ...l.steps.map((s) => s.solve ?? {})])
        for (const f of [...(s.apply ?? []), ...(s.delete ?? [])]) files.add(f);
      for (const f of files) {
        expect(existsSync(join(LABS, dir, f)), f).toBe(true);
        for (const obj of manifestObjects(dir, f)) {
          expect(obj.kind, f).not.toBe('Namespace');
          if (obj.metadata?.namespace) expect([l.namespace, ...(l.extraNamespaces ?? [])]).toContain(obj.metadata.namespace);
          const spec = obj.spec?.template?.spec ?? obj.spec;
          for (const c of spec?.containers ?? []) {
            expect(c.imagePullPolicy, `${f} ${c.name}`).toBe('IfNotPresent');
            expect(l.images ?? [], `${c.image} missing from images:`).toContain(c.image);
          }
        }
      }
      const challenges = l.steps.filter((s) => s.kind === 'challenge');
      expect(challenges.length).toBeGreaterThanOrEqual(1);
      for (const s of challenges) for (const f of s.solve?.apply ?? []) expect(f).toMatch(/^manifests\/solution-[a-z0-9-]+\.yaml$/);
      for (const name of l.addons ?? []) expect(addonInfo(name), name).toBeDefined();
      expect(l.addons ?? []).toEqual(dir.startsWith('10') ? [] : ['cloud-provider-kind']);
    });
  }
});

// ------------------------------------------------------------------ the "cluster"

const SUBNET = '10.96.213';
const SERVER = `${SUBNET}.10`; // entry points (Ingress, Gateway, LoadBalancer), web, the Pod's node
const CP = `${SUBNET}.11`; // the control-plane node's address (no echo Pod there)
// ${SUBNET}.2: Pods and nodes
// echo-local's external IP: a load balancer connects to the Pod from its own address, so a request
// to this address is sent from the server namespace itself, where the kernel uses it as the source.
const LOCAL_LB = `${SUBNET}.12`;
const HC_PORT = 31999;

interface World {
  /** Which clients a NetworkPolicy drops (lesson 10), by the Pod the check runs in. */
  dropped: string[];
  /** Share of echo-v1 for requests without X-Canary (lesson 12). */
  v1Share: 0.9 | 0.5;
  /** Whether the Ingress www (lesson 11's challenge) exists. */
  www: boolean;
  /** Whether the HTTPRoute's X-Canary rule is in place (lesson 12). */
  canary: boolean;
}

const SERVER_JS = `
const http = require('node:http');
const fs = require('node:fs');
const worldFile = process.argv[1];
let n = 0;
const route = (req) => {
  const w = JSON.parse(fs.readFileSync(worldFile, 'utf8'));
  const host = (req.headers.host || '').split(':')[0];
  const port = req.socket.localPort;
  if (port === ${HC_PORT}) return req.socket.localAddress.endsWith('${SERVER}') ? [200, '{"localEndpoints":1}'] : [503, '{"localEndpoints":0}'];
  if (host === 'shop.example.test') return [200, 'shop-7d9f8c6b5-k2m4x'];
  if (host === 'blog.example.test') return [200, 'blog-5c8d7f9b6-p9z7q'];
  if (host === 'www.example.test' && w.www && req.url.startsWith('/shop')) return [200, 'shop-7d9f8c6b5-k2m4x'];
  if (host === 'www.example.test' && w.www && req.url.startsWith('/blog')) return [200, 'blog-5c8d7f9b6-p9z7q'];
  if (host === 'app.example.test') {
    if (w.canary && req.headers['x-canary'] === 'true') return [200, 'echo-v2'];
    n++;
    const v2 = w.v1Share === 0.9 ? n % 10 === 0 : n % 2 === 0;
    return [200, v2 ? 'echo-v2' : 'echo-v1'];
  }
  if (req.url === '/hostname' && host !== 'nobody.example.test') return [200, host.startsWith('web') ? 'web-6b7c8d9f5-r5t8w' : 'echo-5f6d7c8b9-b3n6v'];
  if (req.url === '/clientip') return [200, req.socket.remoteAddress + ':' + req.socket.remotePort];
  return [404, 'route not found'];
};
let ready = 0;
for (const port of [80, ${HC_PORT}]) {
  http.createServer((req, res) => { const [code, body] = route(req); res.statusCode = code; res.end(body); })
    .listen(port, '0.0.0.0', () => { if (++ready === 2) console.log('server ready'); });
}
`;

// kube-proxy's nat rules for lab-13 in iptables-restore form (typed in proxier.go's shape; see top).
const KUBE_PROXY_LAB13 = `*nat
:KUBE-SERVICES - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-EXT-QHG5BWWD5JGHOVM5 - [0:0]
:KUBE-SVC-QHG5BWWD5JGHOVM5 - [0:0]
:KUBE-EXT-UJ3ZUKFDG4UKKM6P - [0:0]
:KUBE-SVL-UJ3ZUKFDG4UKKM6P - [0:0]
:KUBE-SVC-UJ3ZUKFDG4UKKM6P - [0:0]
:KUBE-SEP-XC4YPYVYA6PIDPBV - [0:0]
-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
-A KUBE-SERVICES -d ${SERVER}/32 -p tcp -m comment --comment "lab-13/echo-lb:http loadbalancer IP" -m tcp --dport 80 -j KUBE-EXT-QHG5BWWD5JGHOVM5
-A KUBE-EXT-QHG5BWWD5JGHOVM5 -m comment --comment "masquerade traffic for lab-13/echo-lb:http external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-QHG5BWWD5JGHOVM5 -j KUBE-SVC-QHG5BWWD5JGHOVM5
-A KUBE-SVC-QHG5BWWD5JGHOVM5 -m comment --comment "lab-13/echo-lb:http -> 10.244.1.5:8080" -j KUBE-SEP-XC4YPYVYA6PIDPBV
-A KUBE-EXT-UJ3ZUKFDG4UKKM6P -s 10.244.0.0/16 -m comment --comment "pod traffic for lab-13/echo-local:http external destinations" -j KUBE-SVC-UJ3ZUKFDG4UKKM6P
-A KUBE-EXT-UJ3ZUKFDG4UKKM6P -m comment --comment "masquerade LOCAL traffic for lab-13/echo-local:http external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ
-A KUBE-EXT-UJ3ZUKFDG4UKKM6P -m comment --comment "route LOCAL traffic for lab-13/echo-local:http external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-UJ3ZUKFDG4UKKM6P
-A KUBE-EXT-UJ3ZUKFDG4UKKM6P -j KUBE-SVL-UJ3ZUKFDG4UKKM6P
-A KUBE-SVL-UJ3ZUKFDG4UKKM6P -m comment --comment "lab-13/echo-local:http -> 10.244.1.5:8080" -j KUBE-SEP-XC4YPYVYA6PIDPBV
-A KUBE-SEP-XC4YPYVYA6PIDPBV -p tcp -m comment --comment "lab-13/echo-lb:http" -m tcp -j DNAT --to-destination 10.244.1.5:8080
COMMIT
`;

const cond = (type: string, status = 'True') => ({ type, status, reason: type, message: '', lastTransitionTime: '2026-01-01T00:00:00Z' });
const OBJECTS: Obj[] = [
  { kind: 'NetworkPolicy', metadata: { name: 'default-deny-ingress', namespace: 'lab-10' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } },
  { kind: 'IngressClass', metadata: { name: 'cloud-provider-kind' }, spec: { controller: 'kind.sigs.k8s.io/ingress-controller' } },
  { kind: 'Ingress', metadata: { name: 'sites', namespace: 'lab-11' }, status: { loadBalancer: { ingress: [{ ip: SERVER }] } } },
  {
    kind: 'Ingress',
    metadata: { name: 'www', namespace: 'lab-11' },
    spec: manifestObjects('11-ingress', 'manifests/solution-paths.yaml')[0]!.spec,
    status: { loadBalancer: { ingress: [{ ip: SERVER }] } },
  },
  { kind: 'Gateway', metadata: { name: 'kind-ingress-gateway', namespace: 'lab-11' }, spec: { gatewayClassName: 'cloud-provider-kind' } },
  {
    kind: 'GatewayClass',
    metadata: { name: 'cloud-provider-kind' },
    spec: { controllerName: 'kind.sigs.k8s.io/gateway-controller' },
    status: { conditions: [cond('Accepted'), cond('SupportedVersion')] },
  },
  {
    kind: 'Gateway',
    metadata: { name: 'lab-gw', namespace: 'lab-12' },
    status: { addresses: [{ type: 'IPAddress', value: SERVER }], conditions: [cond('Accepted'), cond('Programmed')] },
  },
  {
    kind: 'HTTPRoute',
    metadata: { name: 'echo', namespace: 'lab-12' },
    status: {
      parents: [{ parentRef: { name: 'lab-gw' }, controllerName: 'kind.sigs.k8s.io/gateway-controller', conditions: [cond('Accepted'), cond('ResolvedRefs')] }],
    },
  },
  // the node-network netshoot, placed on echo's node by podAffinity
  {
    kind: 'Pod',
    metadata: { name: 'node-netshoot', namespace: 'lab-13', labels: { app: 'node-netshoot' } },
    spec: { nodeName: 'kindlab-worker', hostNetwork: true },
  },
  {
    kind: 'Service',
    metadata: { name: 'echo-lb', namespace: 'lab-13' },
    spec: { type: 'LoadBalancer', externalTrafficPolicy: 'Cluster', ports: [{ name: 'http', port: 80, nodePort: 31380 }] },
    status: { loadBalancer: { ingress: [{ ip: SERVER, ipMode: 'VIP' }] } },
  },
  {
    kind: 'Service',
    metadata: { name: 'echo-local', namespace: 'lab-13' },
    spec: { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: HC_PORT, ports: [{ name: 'http', port: 80, nodePort: 31381 }] },
    status: { loadBalancer: { ingress: [{ ip: LOCAL_LB, ipMode: 'VIP' }] } },
  },
];

/** What the captures hold (names as the engine would read them). */
const BINDINGS: Record<string, Bindings> = Object.fromEntries(
  Object.entries({
    '10-networkpolicy': { namespace: 'lab-10', cluster: 'kindlab', webPod: ['web-6b7c8d9f5-r5t8w'] },
    '11-ingress': {
      namespace: 'lab-11',
      cluster: 'kindlab',
      shopPods: ['shop-7d9f8c6b5-k2m4x', 'shop-7d9f8c6b5-h7j2c'],
      blogPods: ['blog-5c8d7f9b6-p9z7q', 'blog-5c8d7f9b6-b3n6v'],
      ingressIP: SERVER,
    },
    '12-gateway-api': { namespace: 'lab-12', cluster: 'kindlab', gwIP: SERVER },
    '13-loadbalancer-external-traffic': {
      namespace: 'lab-13',
      cluster: 'kindlab',
      podNames: ['echo-5f6d7c8b9-b3n6v'],
      podNode: 'kindlab-worker',
      podHostIP: SERVER,
      controlPlaneIP: CP,
      lbIP: SERVER,
      localIP: LOCAL_LB,
      hcPort: HC_PORT,
    },
  } as Record<string, Record<string, Binding>>).map(([id, values]) => [id, new Map(Object.entries(values))]),
);

/** The world each step's checks see when the lesson's own solution is in place. */
function worldFor(lesson: string, step: string): World {
  const w: World = { dropped: [], v1Share: 0.9, www: true, canary: true };
  if (lesson === '10-networkpolicy') {
    w.dropped = {
      open: [],
      'deny-all': ['frontend', 'intruder', 'monitor'],
      'stays-denied': ['frontend', 'intruder', 'monitor'],
      'allow-by-namespace': ['intruder', 'bystander'],
    }[step] ?? ['intruder'];
  }
  if (lesson === '12-gateway-api' && step === 'even-split') w.v1Share = 0.5;
  return w;
}

/** One world in which a chosen item must fail, and why (the verdict's observed text contains `because`). */
const FAILING: Record<string, { step: string; world: Partial<World>; because: string }> = {
  '10-networkpolicy http.status': { step: 'allow-by-namespace', world: { dropped: ['monitor', 'intruder'] }, because: 'timeout' },
  '10-networkpolicy curl.outcome': { step: 'others-still-denied', world: { dropped: [] }, because: 'outcome ok' },
  '11-ingress oneOf': { step: 'path-routing', world: { www: false }, because: 'route not found' },
  '12-gateway-api share': { step: 'even-split', world: { v1Share: 0.9 }, because: '0.900' },
  '12-gateway-api distinct.covers': { step: 'header-routing', world: { canary: false }, because: 'unexpected: echo-v1' },
};

// ------------------------------------------------------------------ running the checks

describeRealTools('lessons 10-13 expectations on real curl and iptables output', ['ip', 'iptables', 'iptables-restore', 'curl', 'node'], () => {
  let client: Netns;
  let server: Netns;
  let serverDev: string;
  const worldFile = `/tmp/kindlab-world-${process.pid}.json`;
  let dropped: string[] = [];

  async function setWorld(w: World): Promise<void> {
    writeFileSync(worldFile, JSON.stringify(w));
    dropped = w.dropped;
  }

  function clusterFor(): Cluster {
    return {
      nodeName: (n: string) => (n.startsWith('kindlab-') ? n : `kindlab-${n}`),
      exec: async (target: ExecTarget, argv: string[], opts: { timeoutMs: number }) => {
        const who = 'pod' in target ? target.pod : 'node';
        // A NetworkPolicy drop for this client: every packet from it to the server is discarded.
        const drop = dropped.includes(who);
        if (drop) await server.must(['iptables', '-I', 'INPUT', '-i', serverDev, '-p', 'tcp', '-j', 'DROP']);
        try {
          const ns = argv[0] === 'iptables' || argv.some((a) => a.includes(LOCAL_LB)) ? server : client;
          const r = await ns.exec(argv, opts.timeoutMs);
          return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, timedOut: r.timedOut, durationMs: r.durationMs };
        } finally {
          if (drop) await server.must(['iptables', '-D', 'INPUT', '-i', serverDev, '-p', 'tcp', '-j', 'DROP']);
        }
      },
    } as unknown as Cluster;
  }

  async function observe(lesson: Lesson, check: CheckFile): Promise<Observation> {
    const bindings = BINDINGS[lesson.id]!;
    if (check.run) {
      const { samples } = await runSamples(check.run, { cluster: clusterFor(), namespace: lesson.namespace, bindings });
      return { samples, profile: 'kindnet' };
    }
    const read = substitute(check.read!, bindings);
    const ref = toObjectRef(read.from, read.selector, read.namespace ?? lesson.namespace);
    const values = selectObjects(OBJECTS, ref).map((o) => evaluateJsonPath(o, read.path));
    const value = ref.name ? values[0] : values.flat();
    const stdout = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    return { samples: [{ stdout, stderr: '', exitCode: 0, timedOut: false }], value, profile: 'kindnet' };
  }

  beforeAll(async () => {
    const pair = await netnsPair('l13', SUBNET);
    client = pair.a;
    server = pair.b;
    serverDev = pair.vethB;
    await server.must(['ip', 'addr', 'add', `${CP}/24`, 'dev', serverDev]);
    await server.must(['ip', 'addr', 'add', `${LOCAL_LB}/32`, 'dev', 'lo']);
    // names the lessons use, resolved as a Pod's resolver would (ip netns exec bind-mounts /etc/netns/NAME/hosts)
    mkdirSync(`/etc/netns/${client.name}`, { recursive: true });
    writeFileSync(`/etc/netns/${client.name}/hosts`, `127.0.0.1 localhost\n${SERVER} web web.lab-10\n`);
    await setWorld({ dropped: [], v1Share: 0.9, www: true, canary: true });
    await server.start(['node', '-e', SERVER_JS, worldFile], { readyText: 'server ready' });
    const restore = `/tmp/kindlab-rules-${process.pid}.txt`;
    writeFileSync(restore, KUBE_PROXY_LAB13);
    await must(['ip', 'netns', 'exec', server.name, 'iptables-restore', restore]);
    rmSync(restore);
  }, 60_000);

  afterAll(async () => {
    await client?.remove();
    await server?.remove();
    rmSync(worldFile, { force: true });
  });

  for (const lesson of lessons) {
    const keys = new Set<string>();
    for (const step of lesson.steps) for (const check of step.checks ?? []) for (const item of check.expect) keys.add(expectationKey(item));
    for (const key of [...keys].sort()) {
      test(`${lesson.id}: every ${key} item passes on the output its check produces`, async () => {
        let seen = 0;
        for (const step of lesson.steps) {
          await setWorld(worldFor(lesson.id, step.id));
          for (const check of step.checks ?? []) {
            const items = check.expect.filter((i) => expectationKey(i) === key);
            if (!items.length) continue;
            const observation = await observe(lesson, check);
            for (const item of items) {
              const { verdict } = evaluateExpectation(item, observation, BINDINGS[lesson.id]!);
              expect(verdict.pass, `${step.id}: ${JSON.stringify(item)} → expected ${verdict.expected}, observed ${verdict.observed}`).toBe(true);
              seen++;
            }
          }
        }
        expect(seen).toBeGreaterThan(0);
      }, 120_000);
    }
  }

  for (const [name, failing] of Object.entries(FAILING)) {
    const [lessonId, key] = name.split(' ') as [string, string];
    test(`${lessonId}: ${key} fails for the right reason when the cluster is not as the step expects`, async () => {
      const lesson = lessons.find((l) => l.id === lessonId)!;
      const step: Step = lesson.steps.find((s) => s.id === failing.step)!;
      await setWorld({ ...worldFor(lessonId, step.id), ...failing.world });
      const check = (step.checks ?? []).find((c) => c.expect.some((i) => expectationKey(i) === key))!;
      const item = check.expect.find((i) => expectationKey(i) === key)!;
      const { verdict } = evaluateExpectation(item, await observe(lesson, check), BINDINGS[lessonId]!);
      expect(verdict.pass).toBe(false);
      expect(`${verdict.observed} ${verdict.differs ?? ''}`).toContain(failing.because);
    }, 120_000);
  }
});
