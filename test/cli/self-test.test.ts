import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeCluster } from '../fakes/fake-cluster.js';
import { runCli, tempHome } from './run-cli.js';

let home: string;
let cleanup: () => Promise<void>;
let cluster: FakeCluster;

beforeEach(async () => {
  ({ home, cleanup } = await tempHome());
  cluster = new FakeCluster('calico-vxlan');
  cluster.onApply = () => {
    for (const o of cluster.objects) if (o.kind === 'Service') (o as any).spec.clusterIP ??= '10.96.41.7';
  };
  cluster.answer(['nslookup'], { stdout: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb.lab-03.svc.cluster.local\nAddress: 10.96.41.7\n', exitCode: 0 });
});
afterEach(() => cleanup());

/** A copy of the fixture labs with one lesson edited. */
async function labsWith(edit: (yaml: string) => string): Promise<string> {
  const labs = path.join(home, 'labs');
  await cp('test/fixtures/labs', labs, { recursive: true });
  const file = path.join(labs, '03-service-clusterip/lesson.yaml');
  await writeFile(file, edit(await readFile(file, 'utf8')));
  return labs;
}

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
    const labs = await labsWith((y) => y.replace("- read: { from: service/web, path: .spec.type }\n        expect: [{ equals: NodePort }]", '- read: { from: service/web, path: ".spec.ports[0].port" }\n        expect: [{ equals: 80 }]'));
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
    cluster.objects.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'netshoot', namespace: 'lab-03' }, status: { phase: 'Pending', containerStatuses: [{ name: 'netshoot', ready: false, state: { waiting: { reason: 'ImagePullBackOff' } } }] } } as any);
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
});
