// The wrong fixes of lessons 01-09, 11 and 13, each judged by the engine as `kindlab test` judges it:
// a fresh start of the challenge (the engine's own replay), the wrong fix's actions, one round of
// the step's checks, on the model cluster of model-cluster.ts (only the objects the lesson applied).
//
// Where the check that catches a wrong fix runs a program, the real program produces the output:
//   - lesson 02: each container's agnhost netexec listens (on --http-port from the Pod's own spec)
//     in a network namespace that stands for the Pod, and the lesson's curl to localhost runs there;
//   - lesson 05: kube-proxy's nat table for the Services that exist (kubeProxyNatRules, in
//     proxier.go's shape: "ns/svc:port-name cluster IP") is loaded with the real iptables-restore,
//     and the lesson's own iptables argv reads it back.
// Everywhere else the wrong fix is caught by a `read` check, and reads get API-shaped objects from the
// model (as the other lesson-expectation tests do); their `run` checks are not judged here (the
// e2e suite runs them on a real cluster), so for those lessons only the reads are compared.
// The reference solution passes the same checks on the same model, so the model does not fail everything.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ExecResult, ExecTarget } from '../../src/cluster/port.js';
import { loadLesson } from '../../src/lessons/load.js';
import type { Lesson } from '../../src/lessons/model.js';
import { describeRealTools, must, netnsPair, uniqueName, Netns } from '../real-tools/harness.js';
import { kubeProxyNatRules, NETEXEC, type ServicePort } from './expectations-world.js';
import { LABS } from './lesson-helpers.js';
import { failures, judge, ModelCluster, NOT_MODELLED, type OnExec } from './model-cluster.js';
import { writeFileSync, rmSync } from 'node:fs';

const DIRS = [
  '01-pod-network',
  '02-containers-in-a-pod',
  '03-service-clusterip',
  '04-dns-namespaces',
  '05-kube-proxy-iptables',
  '06-nodeport',
  '07-headless-statefulset',
  '08-coredns',
  '09-pod-to-pod-paths',
  '11-ingress',
  '13-loadbalancer-external-traffic',
];
const lessons = new Map<string, Lesson>();
for (const dir of DIRS) {
  const loaded = await loadLesson(join(LABS, dir));
  if (!loaded.ok) throw new Error(`${dir}: ${loaded.errors.map((e) => e.message).join('; ')}`);
  lessons.set(dir, loaded.lesson);
}
const challengeOf = (lesson: Lesson) => lesson.steps.find((s) => s.kind === 'challenge')!;

/** For each wrong fix: the failing item that must catch it (check title, expected and observed). */
const CAUGHT_BY: Record<string, Record<string, RegExp>> = {
  '01-pod-network': {
    'no-affinity':
      /picks netshoot's node by podAffinity \(topologyKey kubernetes\.io\/hostname\): equals: expected kubernetes\.io\/hostname, observed \(absent\)/,
    'node-name':
      /picks netshoot's node by podAffinity \(topologyKey kubernetes\.io\/hostname\): equals: expected kubernetes\.io\/hostname, observed \(absent\)/,
  },
  '02-containers-in-a-pod': {
    // the real curl to localhost:8081 finds nothing listening, and the read names the missing container
    'one-server':
      /second answers on localhost:8081: equals: expected fixed, observed [^\n]*\n[^\n]*fixed has the three containers first, second and probe: equals: expected \["first","second","probe"\], observed \["first","probe"\]/,
  },
  '03-service-clusterip': {
    'no-selector': /hello-web's EndpointSlice has the 5 hello Pod IPs: count: expected 5 item\(s\), observed 0/,
    'new-service': /hello-web's EndpointSlice has the 5 hello Pod IPs: count: expected 5 item\(s\), observed 0/,
  },
  '04-dns-namespaces': {
    'selector-across-namespaces': /web in lab-04 is a Service of type ExternalName \(an alias\): equals: expected ExternalName, observed ClusterIP/,
    'copy-web-here': /web in lab-04 is a Service of type ExternalName \(an alias\): equals: expected ExternalName, observed ClusterIP/,
  },
  '05-kube-proxy-iptables': {
    // what the real iptables printed for the nat table loaded from the Services that exist
    'unnamed-port':
      /web-alt:alt on port 8080: iptables\.rule: expected .*commentContains=lab-05\/web-alt:alt cluster IP, observed .*\/\* lab-05\/web-alt cluster IP \*\//,
    'port-80': /web-alt:alt on port 8080: iptables\.rule: expected .*dport=8080.*, observed .*dport 80 \/\* lab-05\/web-alt:alt cluster IP \*\//,
  },
  '06-nodeport': {
    'random-nodeport': /equals: expected 30607, observed 3\d{4}/,
    'host-port': /equals: expected 30607, observed \(absent\)/,
  },
  '07-headless-statefulset': {
    'standalone-pod': /db-3 is a member of StatefulSet db: equals: expected StatefulSet, observed \(absent\)/,
  },
  '08-coredns': {
    'cluster-first': /custom-dns has dnsPolicy None: equals: expected None, observed ClusterFirst/,
  },
  '09-pod-to-pod-paths': {
    'node-name': /picks pinger's node by podAffinity \(topologyKey kubernetes\.io\/hostname\): equals: expected kubernetes\.io\/hostname, observed \(absent\)/,
    'host-network': /neighbor is not on the host network: exists: expected absent, observed true/,
  },
  '11-ingress': {
    'no-host': /applies to www\.example\.test only: equals: expected www\.example\.test, observed \(absent\)/,
    'two-ingresses': /applies to www\.example\.test only: equals: expected www\.example\.test, observed \(absent\)/,
  },
  '13-loadbalancer-external-traffic': {
    'cluster-policy': /equals: expected Local, observed Cluster/,
    'nodeport-local': /exists: expected present, observed \(absent\)/,
  },
};
/** Lessons whose `run` checks get real output here (the rest compare reads only). */
const RUNS_JUDGED = new Set(['02-containers-in-a-pod', '05-kube-proxy-iptables']);

describe('every challenge of lessons 01-13 lists wrong fixes', () => {
  test('each of lessons 01-09, 11 and 13 has at least one, and each is judged below', () => {
    for (const [dir, lesson] of lessons) {
      const ids = (challengeOf(lesson).wrongFixes ?? []).map((w) => w.id).sort();
      expect(ids.length, dir).toBeGreaterThanOrEqual(1);
      expect(ids, dir).toEqual(Object.keys(CAUGHT_BY[dir] ?? {}).sort());
    }
  });
});

describe('the checks added for a wrong fix were needed', () => {
  // Without the podAffinity read, what lessons 01 and 09 checked before (the node name) passes for a
  // Pod pinned by name or placed by luck: kindlab test would have reported these BYPASSABLE.
  const cases: [string, string, RegExp][] = [
    ['01-pod-network', 'node-name', /podAffinity/],
    ['01-pod-network', 'no-affinity', /podAffinity/],
    ['09-pod-to-pod-paths', 'node-name', /podAffinity|host network/],
  ];
  for (const [lessonId, id, added] of cases) {
    test(`${lessonId}: wrong fix ${id} passes the reads the challenge had before`, async () => {
      const lesson = lessons.get(lessonId)!;
      const step = challengeOf(lesson);
      const before = { ...step, checks: step.checks!.filter((c) => !added.test(c.title?.en ?? '')) };
      const weaker: Lesson = { ...lesson, steps: lesson.steps.map((s) => (s === step ? before : s)) };
      expect(before.checks.length).toBeLessThan(step.checks!.length);
      const outcome = await judge(
        weaker,
        before,
        new ModelCluster(),
        step.wrongFixes!.find((w) => w.id === id),
      );
      expect(before.checks.some((c) => c.read)).toBe(true);
      expect(failures(before, outcome, true)).toEqual([]);
    });
  }
});

describeRealTools('wrong fixes of lessons 01-09, 11 and 13 fail their challenge', ['ip', 'iptables-restore', 'iptables', 'curl', 'node'], () => {
  let pod: Netns; // lesson 02's Pod "fixed": its containers share this one network namespace
  let worker: Netns; // lesson 05's node "worker": kube-proxy's nat table
  const rulesFile = `/tmp/kindlab-wf-rules-${process.pid}.txt`;

  beforeAll(async () => {
    pod = new Netns(uniqueName('wfp'));
    await must(['ip', 'netns', 'add', pod.name]);
    await pod.must(['ip', 'link', 'set', 'lo', 'up']);
    worker = (await netnsPair('wfn', '10.96.215')).a;
  }, 60_000);
  afterAll(async () => {
    await pod?.remove();
    await worker?.remove();
    rmSync(rulesFile, { force: true });
  });

  const sample = (r: { stdout: string; stderr: string; exitCode: number; timedOut: boolean; durationMs: number }): ExecResult => ({
    stdout: r.stdout,
    stderr: r.stderr,
    exitCode: r.exitCode,
    timedOut: r.timedOut,
    durationMs: r.durationMs,
  });

  // The engine runs a step's checks side by side; each exec here starts and stops servers or loads
  // a table in one shared namespace, so they take turns.
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime =
    (work: OnExec): OnExec =>
    (...args) => {
      const next = queue.then(
        () => work(...args),
        () => work(...args),
      );
      queue = next.catch(() => undefined);
      return next;
    };

  /** Lesson 02: the Pod's netexec containers listen on their own --http-port, then the lesson's curl runs beside them. */
  const containersListen: OnExec = oneAtATime(async (m, target: ExecTarget, argv, opts) => {
    if (!('pod' in target)) return NOT_MODELLED(m, target, argv, opts);
    const found = m.view().find((o) => o.kind === 'Pod' && o.metadata.name === target.pod && o.metadata.namespace === target.namespace);
    if (!found) return { stdout: '', stderr: `Error from server (NotFound): pods "${target.pod}" not found\n`, exitCode: 1, timedOut: false, durationMs: 1 };
    const listeners = (found.spec.containers as { args?: string[] }[]).flatMap((c) => {
      const port = (c.args ?? []).find((a) => a.startsWith('--http-port='));
      return c.args?.[0] === 'netexec' && port ? [{ host: '127.0.0.1', port: Number(port.split('=')[1]), name: found.metadata.name }] : [];
    });
    const server = listeners.length ? await pod.start(['node', '-e', NETEXEC, JSON.stringify(listeners)], { readyText: 'netexec ready' }) : undefined;
    try {
      return sample(await pod.exec(argv, opts.timeoutMs));
    } finally {
      server?.child.kill('SIGKILL');
      await server?.finished(2_000);
    }
  });

  /** Lesson 05: kube-proxy's nat table for the Services that exist now, loaded on "worker"; the lesson's iptables reads it. */
  const kubeProxyRules: OnExec = oneAtATime(async (m, target, argv, opts) => {
    // node-netshoot is a hostNetwork Pod on worker: it sees the node's own tables
    if ('pod' in target && target.pod !== 'node-netshoot') return NOT_MODELLED(m, target, argv, opts);
    const view = m.view();
    const ports: ServicePort[] = view
      .filter((s) => s.kind === 'Service' && s.spec.selector && s.spec.clusterIP && s.spec.clusterIP !== 'None')
      .flatMap((s) => {
        const slice = view.find(
          (e) =>
            e.kind === 'EndpointSlice' &&
            e.metadata.namespace === s.metadata.namespace &&
            e.metadata.labels?.['kubernetes.io/service-name'] === s.metadata.name,
        );
        return (s.spec.ports as { name?: string; port: number; protocol?: string }[]).map((p) => ({
          namespace: s.metadata.namespace!,
          name: s.metadata.name,
          port: p.name ?? '',
          protocol: (p.protocol ?? 'TCP').toLowerCase() as 'tcp' | 'udp',
          clusterIP: s.spec.clusterIP,
          servicePort: p.port,
          endpoints: (slice?.endpoints ?? []).map((e: { addresses: string[] }) => `${e.addresses[0]}:8080`),
        }));
      });
    // kube-proxy's servicePortName for an unnamed port is "ns/svc" (no ":"), so the comment has none
    writeFileSync(rulesFile, kubeProxyNatRules(ports).replaceAll(/(lab-05\/[a-z-]+):(?=[ "])/g, '$1'));
    await must(['ip', 'netns', 'exec', worker.name, 'iptables-restore', rulesFile]);
    return sample(await worker.exec(argv, opts.timeoutMs));
  });

  const execFor: Record<string, OnExec> = { '02-containers-in-a-pod': containersListen, '05-kube-proxy-iptables': kubeProxyRules };

  for (const [lessonId, expected] of Object.entries(CAUGHT_BY)) {
    const readsOnly = !RUNS_JUDGED.has(lessonId);
    test(`${lessonId}: the reference solution passes the same ${readsOnly ? 'reads' : 'checks'} on the same model`, async () => {
      const lesson = lessons.get(lessonId)!;
      const step = challengeOf(lesson);
      const solved = await judge(lesson, step, new ModelCluster(execFor[lessonId]), step.solve);
      expect(failures(step, solved, readsOnly)).toEqual([]);
    }, 60_000);

    for (const [id, reason] of Object.entries(expected)) {
      test(`${lessonId}: wrong fix ${id} fails the challenge's check`, async () => {
        const lesson = lessons.get(lessonId)!;
        const step = challengeOf(lesson);
        const wrong = step.wrongFixes?.find((w) => w.id === id);
        expect(wrong, `${id} is not in ${lessonId}`).toBeDefined();
        const outcome = await judge(lesson, step, new ModelCluster(execFor[lessonId]), wrong);
        expect(outcome.pass).toBe(false);
        expect(failures(step, outcome, readsOnly).join('\n')).toMatch(reason);
      }, 60_000);
    }
  }
});
