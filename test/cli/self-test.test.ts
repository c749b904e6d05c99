import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeCluster } from '../fakes/fake-cluster.js';
import { lesson03Cluster } from './lesson-03-cluster.js';
import { runCli, tempHome } from './run-cli.js';

let home: string;
let cleanup: () => Promise<void>;
let cluster: FakeCluster;

beforeEach(async () => {
  ({ home, cleanup } = await tempHome());
  cluster = lesson03Cluster('calico-vxlan', { nodePort: 31234 });
});
afterEach(() => cleanup());

/** A copy of the fixture labs with one lesson edited (and extra files written into it). */
async function labsWith(edit: (yaml: string) => string, files: Record<string, string> = {}): Promise<string> {
  const labs = path.join(home, 'labs');
  await cp('test/fixtures/labs', labs, { recursive: true });
  const file = path.join(labs, '03-service-clusterip/lesson.yaml');
  await writeFile(file, edit(await readFile(file, 'utf8')));
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(labs, '03-service-clusterip', name), content);
  return labs;
}

/** The shortcut for "make it a NodePort": a LoadBalancer Service, which the API server also gives a nodePort. */
const loadBalancer = `apiVersion: v1
kind: Service
metadata: { name: web, labels: { app.kubernetes.io/managed-by: kindlab, kindlab.dev/lesson: 03-service-clusterip } }
spec:
  type: LoadBalancer
  selector: { app: web }
  ports: [{ port: 80, targetPort: 8080 }]
`;
const withWrongFix = (y: string) =>
  y.replace(
    '    solve: { apply: [manifests/solution-nodeport.yaml] }\n',
    `    solve: { apply: [manifests/solution-nodeport.yaml] }
    wrongFixes:
      - id: load-balancer
        why: { ja: LoadBalancer にしても NodePort の仕組みは学べません, en: A LoadBalancer Service also opens a node port but skips what type NodePort is }
        apply: [manifests/wrong-loadbalancer.yaml]
`,
  );
/** A check any Service with a node port passes, LoadBalancer included: too weak for the task. */
const weakCheck = (y: string) =>
  y.replace(
    '- read: { from: service/web, path: .spec.type }\n        expect: [{ equals: NodePort }]',
    '- read: { from: service/web, path: ".spec.ports[0].nodePort" }\n        expect: [{ exists: true }]',
  );

describe('kindlab test (instructor self-test)', () => {
  it('passes a good lesson: challenge fails before its solution and passes after; JUnit written', async () => {
    const junit = path.join(home, 'selftest.xml');
    const run = await runCli(['test', '--junit', junit], { home, cluster });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/03-service-clusterip\s+calico-vxlan\s+pass/);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toContain('<testsuite name="kindlab calico-vxlan" tests="1" failures="0"');
    expect(xml).toContain('<testcase classname="kindlab.calico-vxlan" name="03-service-clusterip"');
    // The solution was applied only after the challenge had been seen failing.
    const applied = cluster.calls.filter((c) => c.op === 'apply').map((c) => (c.detail as any).names.join(','));
    expect(applied).toEqual(['Namespace/lab-03', 'Deployment/web,Service/web', 'Service/web']);
  });

  it('reports a lesson as BROKEN when its challenge check passes before the solution', async () => {
    const labs = await labsWith((y) =>
      y.replace(
        '- read: { from: service/web, path: .spec.type }\n        expect: [{ equals: NodePort }]',
        '- read: { from: service/web, path: ".spec.ports[0].port" }\n        expect: [{ equals: 80 }]',
      ),
    );
    const junit = path.join(home, 'selftest.xml');
    const run = await runCli(['test', '--junit', junit], { home, cluster, env: { KINDLAB_LABS: labs } });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('03-service-clusterip broken at step nodeport: the challenge check passes before the solution is applied');
    expect(run.stdout).toMatch(/03-service-clusterip\s+calico-vxlan\s+BROKEN/);
    expect(await readFile(junit, 'utf8')).toContain('<failure type="broken" message="nodeport: the challenge check passes before the solution is applied">');
  });

  it('a failing guided check shows the step, expected vs observed, and Pod states, collected before cleanup', async () => {
    const labs = await labsWith((y) => y.replace('eventually: 5s', 'eventually: 1s'));
    cluster.answer(['nslookup'], { stdout: '', stderr: ';; connection timed out; no servers could be reached\n', exitCode: 1 });
    cluster.objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'netshoot', namespace: 'lab-03' },
      status: { phase: 'Pending', containerStatuses: [{ name: 'netshoot', ready: false, state: { waiting: { reason: 'ImagePullBackOff' } } }] },
    } as any);
    const run = await runCli(['test'], { home, cluster, env: { KINDLAB_LABS: labs } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/03-service-clusterip failed at step resolve: exitCode: expected exit code 0, observed exit code 1/);
    expect(run.stdout).toContain('pod lab-03/netshoot: Pending netshoot=waiting(ImagePullBackOff) not ready');
    // Diagnostics were read before the final cleanup removed the lesson.
    const ops = cluster.ops();
    expect(ops.lastIndexOf('read')).toBeLessThan(ops.lastIndexOf('deleteLessonObjects'));
  });

  it('resets only the lesson under test, before and after', async () => {
    cluster.objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lab-05', labels: { 'kindlab.dev/lesson': '05-kube-proxy-iptables' } } });
    await runCli(['test'], { home, cluster });
    const resets = cluster.calls.filter((c) => c.op === 'deleteLessonObjects').map((c) => c.detail);
    expect(resets).toEqual(['03-service-clusterip', '03-service-clusterip']);
    expect(cluster.objects.some((o) => o.metadata.name === 'lab-05')).toBe(true);
    expect(cluster.objects.some((o) => o.metadata.labels?.['kindlab.dev/lesson'] === '03-service-clusterip')).toBe(false);
  });

  it('a wrong fix the check rejects: reset to the start of the step, wrong fix applied, check fails, then the solution passes', async () => {
    const labs = await labsWith(withWrongFix, { 'manifests/wrong-loadbalancer.yaml': loadBalancer });
    const junit = path.join(home, 'selftest.xml');
    const run = await runCli(['test', '--junit', junit], { home, cluster, env: { KINDLAB_LABS: labs } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/03-service-clusterip\s+calico-vxlan\s+pass/);
    expect(run.stdout).toContain('wrong fix load-balancer: the check fails, as it should');
    // Reset, the earlier step again, the wrong fix; reset, the earlier step again, the solution.
    const applied = cluster.calls.filter((c) => c.op === 'apply').map((c) => (c.detail as any).names.join(','));
    expect(applied).toEqual([
      'Namespace/lab-03',
      'Deployment/web,Service/web',
      'Namespace/lab-03',
      'Deployment/web,Service/web',
      'Service/web',
      'Namespace/lab-03',
      'Deployment/web,Service/web',
      'Service/web',
    ]);
    const applies = cluster.calls.filter((c) => c.op === 'apply').map((c) => (c.detail as any).objects?.[0]?.spec?.type);
    expect(applies.slice(4, 5)).toEqual(['LoadBalancer']);
    expect(applies.slice(7)).toEqual(['NodePort']);
    expect(cluster.calls.filter((c) => c.op === 'deleteLessonObjects')).toHaveLength(4);
    expect(await readFile(junit, 'utf8')).toContain('failures="0"');
  });

  it('a deliberately weak check that a wrong fix passes is reported BYPASSABLE with exit 1 and JUnit failure type bypassable', async () => {
    const labs = await labsWith((y) => weakCheck(withWrongFix(y)), { 'manifests/wrong-loadbalancer.yaml': loadBalancer });
    const junit = path.join(home, 'selftest.xml');
    const run = await runCli(['test', '--junit', junit], { home, cluster, env: { KINDLAB_LABS: labs } });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain(
      '03-service-clusterip bypassable at step nodeport: the check passes after wrong fix load-balancer (A LoadBalancer Service also opens a node port but skips what type NodePort is)',
    );
    expect(run.stdout).toMatch(/03-service-clusterip\s+calico-vxlan\s+BYPASSABLE/);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toContain('<failure type="bypassable" message="nodeport: the check passes after wrong fix load-balancer');
    expect(xml).toContain('failures="1"');
  });

  it('BYPASSABLE in Japanese too', async () => {
    const labs = await labsWith((y) => weakCheck(withWrongFix(y)), { 'manifests/wrong-loadbalancer.yaml': loadBalancer });
    const run = await runCli(['test', '--lang', 'ja'], { home, cluster, env: { KINDLAB_LABS: labs } });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain(
      '03-service-clusterip: ステップ nodeport で抜け道あり: 誤った解き方 load-balancer でも確認が通ってしまいます (LoadBalancer にしても NodePort の仕組みは学べません)',
    );
    expect(run.stdout).toMatch(/03-service-clusterip\s+calico-vxlan\s+抜け道あり/);
  });
});
