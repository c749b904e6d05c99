// What a learner observes under each wrong fix of lessons 10 and 12, produced with the real curl and
// iptables in network namespaces, and the challenge's check failing for it.
//
// The lesson is driven exactly as `kindlab test` drives it: the engine's own replay to the start of
// the challenge (stepStartTasks: setup, earlier steps, their solutions and captures, the step's own
// actions), the wrong fix's actions, then the engine's own checkStep. Under it sits the model cluster
// of model-cluster.ts (the objects the lesson applied; nothing hand-written per wrong fix), and two
// models, named as such, that decide what the data path does with them:
//   - NetworkPolicy (k8s.io/api networking/v1 NetworkPolicy semantics: a Pod selected by an Ingress
//     policy admits only what some rule of some such policy allows; a peer with only a podSelector
//     selects Pods of the policy's own namespace; namespaceSelector and podSelector in one peer AND,
//     in separate peers OR). A denied client is realised as an iptables DROP in the server's
//     namespace, so the real curl really times out.
//   - HTTPRoute (Gateway API HTTPRouteRule precedence: more header matches first, then the oldest
//     route, then namespace/name alphabetically; weighted backendRefs, a weight being the share of
//     the Service as a whole). The routing table goes to a real HTTP server in the server's
//     namespace, which deals requests out in a fixed weighted order so a share is exact.
// The reference solution passes on the same model, and the unsolved step fails, so the model does
// not fail everything.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadLesson } from '../../src/lessons/load.js';
import type { Lesson } from '../../src/lessons/model.js';
import { describeRealTools, netnsPair, type Netns } from '../real-tools/harness.js';
import type { Obj } from './expectations-world.js';
import { LABS } from './lesson-helpers.js';
import { failures, judge, ModelCluster } from './model-cluster.js';

const SUBNET = '10.96.214';
const SERVER = `${SUBNET}.10`; // web's Pod (lesson 10) and the Gateway's address (lesson 12)

// ------------------------------------------------------------------ NetworkPolicy model

type Selector = { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };

function selects(selector: Selector | undefined, labels: Record<string, string> = {}): boolean {
  if (!selector) return false;
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpression = (selector.matchExpressions ?? []).every((e) => {
    const has = e.key in labels;
    if (e.operator === 'In') return has && (e.values ?? []).includes(labels[e.key]!);
    if (e.operator === 'NotIn') return !has || !(e.values ?? []).includes(labels[e.key]!);
    if (e.operator === 'Exists') return has;
    if (e.operator === 'DoesNotExist') return !has;
    throw new Error(`matchExpressions operator ${e.operator} is not modelled`);
  });
  return byLabel && byExpression;
}

/** Whether `client` may open TCP `port` (named or numbered) on `target`, under the policies that exist. */
function policyAdmits(policies: Obj[], client: Obj, target: Obj, port: { number: number; name?: string }): boolean {
  const namespaceLabels = (ns: string) => ({ 'kubernetes.io/metadata.name': ns });
  const selecting = policies.filter(
    (p) =>
      p.metadata.namespace === target.metadata.namespace &&
      selects(p.spec.podSelector, target.metadata.labels) &&
      (p.spec.policyTypes ?? ['Ingress']).includes('Ingress'),
  );
  if (!selecting.length) return true;
  const portMatches = (ports?: { protocol?: string; port?: number | string }[]) =>
    !ports?.length || ports.some((p) => (p.protocol ?? 'TCP') === 'TCP' && (p.port === undefined || p.port === port.number || p.port === port.name));
  const peerMatches = (peer: { podSelector?: Selector; namespaceSelector?: Selector; ipBlock?: unknown }, policyNs: string) => {
    if (peer.ipBlock) throw new Error('ipBlock peers are not modelled');
    const nsOk = peer.namespaceSelector ? selects(peer.namespaceSelector, namespaceLabels(client.metadata.namespace!)) : client.metadata.namespace === policyNs;
    const podOk = peer.podSelector ? selects(peer.podSelector, client.metadata.labels) : true;
    return nsOk && podOk;
  };
  return selecting.some((p) =>
    ((p.spec.ingress ?? []) as { from?: any[]; ports?: any[] }[]).some(
      (rule) => portMatches(rule.ports) && (!rule.from?.length || rule.from.some((peer) => peerMatches(peer, p.metadata.namespace!))),
    ),
  );
}

// ------------------------------------------------------------------ HTTPRoute model

interface Backend {
  weight: number;
  /** Host names of the Ready Pods behind the Service (agnhost serve-hostname answers with it). */
  answers: string[];
}
type RouteTable = Record<'plain' | 'canary', Backend[] | null>;

/** Which backends a request for `host` (with or without X-Canary: true) goes to, under the HTTPRoutes that exist. */
function routeBackends(objects: Obj[], created: Map<Obj, number>, host: string, headers: Record<string, string>): Backend[] | null {
  const candidates: { route: Obj; rule: any; ruleIndex: number; headerCount: number }[] = [];
  for (const route of objects.filter((o) => o.kind === 'HTTPRoute')) {
    if (route.spec.hostnames?.length && !route.spec.hostnames.includes(host)) continue;
    for (const [ruleIndex, rule] of (route.spec.rules ?? []).entries()) {
      const matches: any[] = rule.matches?.length ? rule.matches : [{}];
      for (const match of matches) {
        if (match.path && !(match.path.type === 'PathPrefix' && match.path.value === '/')) throw new Error('only the / path prefix is modelled');
        const ok = (match.headers ?? []).every((h: any) => (h.type ?? 'Exact') === 'Exact' && headers[h.name.toLowerCase()] === h.value);
        if (ok) candidates.push({ route, rule, ruleIndex, headerCount: (match.headers ?? []).length });
      }
    }
  }
  const id = (r: Obj) => `${r.metadata.namespace}/${r.metadata.name}`;
  candidates.sort(
    (a, b) =>
      b.headerCount - a.headerCount || created.get(a.route)! - created.get(b.route)! || id(a.route).localeCompare(id(b.route)) || a.ruleIndex - b.ruleIndex,
  );
  const winner = candidates[0];
  if (!winner) return null;
  return (winner.rule.backendRefs ?? [])
    .map((ref: any) => {
      const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === ref.name && o.metadata.namespace === winner.route.metadata.namespace);
      const pods = service
        ? objects.filter(
            (o) =>
              o.kind === 'Pod' && o.metadata.namespace === service.metadata.namespace && selects({ matchLabels: service.spec.selector }, o.metadata.labels),
          )
        : [];
      return { weight: ref.weight ?? 1, answers: pods.map((p) => p.metadata.name) };
    })
    .filter((b: Backend) => b.weight > 0);
}

/**
 * The Gateway's data path: answers for Host app.example.test dealt out by smooth weighted round robin
 * (exact shares over every cycle), round robin over the Pods of the chosen backend; 404 when no rule matches.
 */
const GATEWAY_JS = `
const http = require('node:http');
const fs = require('node:fs');
const file = process.argv[1];
const state = {};
http.createServer((req, res) => {
  const host = (req.headers.host || '').split(':')[0];
  if (req.url === '/hostname') { res.end('web-6b7c8d9f5-r5t8w'); return; }
  const table = JSON.parse(fs.readFileSync(file, 'utf8'));
  const key = req.headers['x-canary'] === 'true' ? 'canary' : 'plain';
  const backends = host === 'app.example.test' ? table[key] : null;
  if (!backends || !backends.length) { res.statusCode = 404; res.end('route not found'); return; }
  const s = state[key] ??= { current: backends.map(() => 0), next: backends.map(() => 0) };
  const total = backends.reduce((t, b) => t + b.weight, 0);
  backends.forEach((b, i) => (s.current[i] += b.weight));
  let best = 0;
  backends.forEach((_, i) => { if (s.current[i] > s.current[best]) best = i; });
  s.current[best] -= total;
  const pods = backends[best].answers;
  if (!pods.length) { res.statusCode = 503; res.end('no healthy upstream'); return; }
  res.end(pods[s.next[best]++ % pods.length]);
}).listen(80, '0.0.0.0', () => console.log('gateway ready'));
`;

// ------------------------------------------------------------------ the wrong fixes

const lessons = new Map<string, Lesson>();
for (const dir of ['10-networkpolicy', '12-gateway-api']) {
  const loaded = await loadLesson(join(LABS, dir));
  if (!loaded.ok) throw new Error(`${dir}: ${loaded.errors.map((e) => e.message).join('; ')}`);
  lessons.set(dir, loaded.lesson);
}
const challengeOf = (lesson: Lesson) => lesson.steps.find((s) => s.kind === 'challenge')!;

/** What each wrong fix must be caught by: the failing check's title and what it observed. */
const CAUGHT_BY: Record<string, Record<string, RegExp>> = {
  '10-networkpolicy': {
    // allow-frontend still selects web, so monitor stays out too; the read names what was removed
    'delete-default-deny': /the deny policy default-deny-ingress is still there: equals: expected default-deny-ingress, observed/,
    'allow-all-ingress': /intruder is still denied: curl\.outcome: expected curl outcome timeout, observed outcome ok/,
    'label-monitor-frontend': /monitor → web\.lab-10 answers 200: http\.status: expected HTTP 200, observed outcome timeout/,
    'namespace-or-pod': /bystander in lab-10-other \(not app=monitor\) is still denied: curl\.outcome: expected curl outcome timeout, observed outcome ok/,
  },
  '12-gateway-api': {
    'two-routes': /echo-v1's share is 0\.5 ± 0\.12: share: expected .*observed 1\.000/,
    'scale-v2': /echo-v1's share is 0\.5 ± 0\.12: share: expected .*observed 0\.900/,
    'one-backend': /echo-v1's share is 0\.5 ± 0\.12: share: expected .*observed 0\.000/,
  },
};

describeRealTools('wrong fixes of lessons 10 and 12 fail their challenge on real curl and iptables', ['ip', 'iptables', 'curl', 'node'], () => {
  let client: Netns;
  let server: Netns;
  let serverDev: string;
  const tableFile = `/tmp/kindlab-routes-${process.pid}.json`;

  // The engine runs a step's checks (and a check's samples) side by side; every client here shares
  // one namespace, so a DROP for one client must not catch another's packets: one exec at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  let lastTable = '';

  const model = () =>
    new ModelCluster(
      (m, target, argv, opts) =>
        oneAtATime(async () => {
          const who =
            'pod' in target ? m.view().find((o) => o.kind === 'Pod' && o.metadata.name === target.pod && o.metadata.namespace === target.namespace) : undefined;
          if (!who)
            return {
              stdout: '',
              stderr: `Error from server (NotFound): pods "${'pod' in target ? target.pod : '?'}" not found\n`,
              exitCode: 1,
              timedOut: false,
              durationMs: 1,
            };
          const view = m.view();
          // lesson 10: web's Pod and port 8080 ("http") behind Service web; the NetworkPolicy model decides
          const web = view.find((o) => o.kind === 'Pod' && o.metadata.namespace === 'lab-10' && o.metadata.labels?.app === 'web');
          const denied = web
            ? !policyAdmits(
                view.filter((o) => o.kind === 'NetworkPolicy'),
                who,
                web,
                { number: 8080, name: 'http' },
              )
            : false;
          // lesson 12: the routing table the HTTPRoute model derives from the routes that exist now
          const table: RouteTable = {
            plain: routeBackends(view, m.created, 'app.example.test', {}),
            canary: routeBackends(view, m.created, 'app.example.test', { 'x-canary': 'true' }),
          };
          if (JSON.stringify(table) !== lastTable) {
            // written whole and renamed, so the server never reads a half-written table
            lastTable = JSON.stringify(table);
            writeFileSync(`${tableFile}.new`, lastTable);
            renameSync(`${tableFile}.new`, tableFile);
          }
          const rule = ['INPUT', '-i', serverDev, '-p', 'tcp', '-j', 'DROP'];
          if (denied) await server.must(['iptables', '-I', ...rule]);
          try {
            const r = await client.exec(argv, opts.timeoutMs);
            return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, timedOut: r.timedOut, durationMs: r.durationMs };
          } finally {
            if (denied) await server.must(['iptables', '-D', ...rule]);
          }
        }),
      SERVER,
    );

  beforeAll(async () => {
    const pair = await netnsPair('wf', SUBNET);
    client = pair.a;
    server = pair.b;
    serverDev = pair.vethB;
    mkdirSync(`/etc/netns/${client.name}`, { recursive: true });
    writeFileSync(`/etc/netns/${client.name}/hosts`, `127.0.0.1 localhost\n${SERVER} web web.lab-10\n`);
    writeFileSync(tableFile, JSON.stringify({ plain: null, canary: null }));
    await server.start(['node', '-e', GATEWAY_JS, tableFile], { readyText: 'gateway ready' });
  }, 60_000);

  afterAll(async () => {
    await client?.remove();
    await server?.remove();
    rmSync(tableFile, { force: true });
  });

  for (const [lessonId, expected] of Object.entries(CAUGHT_BY)) {
    test(`${lessonId}: the unsolved challenge fails and the reference solution passes on the same model`, async () => {
      const lesson = lessons.get(lessonId)!;
      const step = challengeOf(lesson);
      expect((await judge(lesson, step, model(), undefined)).pass).toBe(false);
      const solved = await judge(lesson, step, model(), step.solve);
      expect(failures(step, solved)).toEqual([]);
      expect(solved.pass).toBe(true);
    }, 120_000);

    test(`${lessonId}: every wrong fix in the lesson is one this test judges`, () => {
      const step = challengeOf(lessons.get(lessonId)!);
      expect((step.wrongFixes ?? []).map((w) => w.id).sort()).toEqual(Object.keys(expected).sort());
      expect((step.wrongFixes ?? []).length).toBeGreaterThanOrEqual(3);
    });

    for (const [id, reason] of Object.entries(expected)) {
      test(`${lessonId}: wrong fix ${id} fails the challenge's check (${reason.source.slice(0, 50)}…)`, async () => {
        const lesson = lessons.get(lessonId)!;
        const step = challengeOf(lesson);
        const wrong = step.wrongFixes?.find((w) => w.id === id);
        expect(wrong, `${id} is not in ${lessonId}`).toBeDefined();
        const outcome = await judge(lesson, step, model(), wrong);
        expect(outcome.pass).toBe(false);
        expect(failures(step, outcome).join('\n')).toMatch(reason);
      }, 120_000);
    }
  }
});
