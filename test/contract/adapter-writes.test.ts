// The kind adapter's writes and execs against fake kubectl/docker on PATH and a fake API server.
// Fake answers are typed by hand in the formats the real tools print (kubectl's apply printer
// "serverside-applied", delete's `kind "name" deleted`, scale's "scaled"; client-go's
// "command terminated with exit code N"; docker's "Error response from daemon: No such
// container: NAME"); they are not recordings.
// The same argv is run by the machine's REAL kubectl in real-kubectl.test.ts (apply, delete, scale,
// exec, the reset, every shown command). The fake kubectl stays here only for what the real one
// cannot be made to do against the fake API server: hang past a deadline, be interrupted mid-exec,
// and answer for a second cluster ("prod") without one; and to pin the exact argv cheaply.
import path from 'node:path';
import YAML from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KindCluster } from '../../src/cluster/kind/adapter.js';
import { WrongContext, type KubeObject } from '../../src/cluster/port.js';
import { FakeApiServer } from './fakes/api-server.js';
import { fakeTools, type FakeTools } from './fakes/harness.js';
import { deployment } from './fakes/objects.js';

const labels = { 'app.kubernetes.io/managed-by': 'kindlab', 'kindlab.dev/lesson': '03-service-clusterip' };
const web: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'lab-03', labels },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
  },
};
const svc: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'lab-03', labels },
  spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
};

let api: FakeApiServer;
let other: FakeApiServer;
let tools: FakeTools;
let kubeconfig: string;

beforeEach(async () => {
  api = new FakeApiServer();
  other = new FakeApiServer();
  await api.start();
  await other.start();
  tools = fakeTools();
  kubeconfig = api.writeKubeconfig(path.join(tools.dir, 'kubeconfig'), { extra: [{ name: 'prod', server: other.url }] });
});
afterEach(async () => {
  await api.stop();
  await other.stop();
  tools.cleanup();
});

const lab = (extra: Partial<ConstructorParameters<typeof KindCluster>[0]> = {}) =>
  new KindCluster({ profile: 'calico-vxlan', kubeconfig, env: tools.env, ...extra });

describe('apply', () => {
  it('runs server-side apply with the lab context, the kindlab field manager and the objects on stdin', async () => {
    tools.setRules([
      {
        id: 'apply',
        tool: 'kubectl',
        argvIncludes: ['apply', '--server-side'],
        stdout: 'deployment.apps/web serverside-applied\nservice/web serverside-applied\n',
      },
    ]);
    await lab().apply([web, svc], 'lab-03', { timeoutMs: 10_000 });
    const calls = tools.calls();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.argv).toEqual([
      '--kubeconfig',
      kubeconfig,
      '--context',
      'kind-kindlab',
      'apply',
      '--server-side',
      '--field-manager=kindlab',
      '--force-conflicts',
      '-n',
      'lab-03',
      '-f',
      '-',
    ]);
    const docs = YAML.parseAllDocuments(calls[0]!.stdin ?? '').map((d) => d.toJSON());
    expect(docs).toEqual([web, svc]);
  });

  it('a failed apply reports kubectl’s own words', async () => {
    tools.setRules([
      {
        tool: 'kubectl',
        argvIncludes: ['apply'],
        exitCode: 1,
        stderr: 'Error from server (NotFound): error when creating "STDIN": namespaces "lab-03" not found\n',
      },
    ]);
    await expect(lab().apply([web], 'lab-03', { timeoutMs: 10_000 })).rejects.toThrow(/kubectl apply failed \(exit code 1\).*namespaces "lab-03" not found/s);
  });
});

describe('context guard', () => {
  it('a write to a context that is not kind-kindlab throws WrongContext and starts no process', async () => {
    tools.setRules([{ tool: 'kubectl', argvIncludes: ['apply'], stdout: 'deployment.apps/web serverside-applied\n' }]);
    const prod = lab({ context: 'prod' });
    await expect(prod.apply([web], 'lab-03', { timeoutMs: 5000 })).rejects.toBeInstanceOf(WrongContext);
    await expect(prod.delete([web], 'lab-03', { timeoutMs: 5000 })).rejects.toBeInstanceOf(WrongContext);
    await expect(prod.scale({ kind: 'deployment', name: 'web', namespace: 'lab-03' }, 3, { timeoutMs: 5000 })).rejects.toBeInstanceOf(WrongContext);
    await expect(prod.exec({ pod: 'netshoot', namespace: 'lab-03' }, ['true'], { timeoutMs: 5000 })).rejects.toBeInstanceOf(WrongContext);
    await expect(prod.deleteLessonObjects('03-service-clusterip', { timeoutMs: 5000 })).rejects.toBeInstanceOf(WrongContext);
    expect(tools.calls()).toEqual([]);
    expect(other.requests).toEqual([]);
    expect(api.requests).toEqual([]);
  });

  it('another context named explicitly (--context) is written to, and only with that context', async () => {
    tools.setRules([{ tool: 'kubectl', argvIncludes: ['scale'], stdout: 'deployment.apps/web scaled\n' }]);
    await lab({ context: 'prod', allowOtherContext: true }).scale({ kind: 'deployment', name: 'web', namespace: 'lab-03' }, 3, { timeoutMs: 5000 });
    expect(tools.calls().map((c) => c.argv)).toEqual([
      ['--kubeconfig', kubeconfig, '--context', 'prod', 'scale', '-n', 'lab-03', 'deployment/web', '--replicas=3'],
    ]);
  });

  it('when the kubeconfig’s current-context is another cluster, no call of any kind goes to it', async () => {
    const userKubeconfig = api.writeKubeconfig(path.join(tools.dir, 'user-config'), { currentContext: 'prod', extra: [{ name: 'prod', server: other.url }] });
    api.put(deployment('web', 'lab-03', { replicas: 2, ready: 2 }));
    tools.setRules([
      { tool: 'kubectl', argvIncludes: ['apply'], stdout: 'deployment.apps/web serverside-applied\n' },
      { tool: 'kubectl', argvIncludes: ['scale'], stdout: 'deployment.apps/web scaled\n' },
      { tool: 'kubectl', argvIncludes: ['exec'], stdout: 'ok\n' },
    ]);
    // No --kubeconfig: kubectl and client-node both read KUBECONFIG, as for a real user.
    const cluster = new KindCluster({ profile: 'kindnet', env: { ...tools.env, KUBECONFIG: userKubeconfig } });
    const saved = process.env.KUBECONFIG;
    process.env.KUBECONFIG = userKubeconfig;
    try {
      await cluster.apply([web], 'lab-03', { timeoutMs: 5000 });
      await cluster.scale({ kind: 'deployment', name: 'web', namespace: 'lab-03' }, 2, { timeoutMs: 5000 });
      await cluster.exec({ pod: 'netshoot', namespace: 'lab-03' }, ['hostname'], { timeoutMs: 5000 });
      expect(await cluster.read({ kind: 'deployment', name: 'web', namespace: 'lab-03' }, { timeoutMs: 5000 })).toHaveLength(1);
      await cluster.wait({ ref: { kind: 'deployment', name: 'web', namespace: 'lab-03' }, condition: 'Available', timeoutMs: 5000 }, {});
    } finally {
      if (saved === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = saved;
    }
    const calls = tools.calls();
    expect(calls).toHaveLength(3);
    for (const c of calls) {
      expect(c.argv.slice(0, 2)).toEqual(['--context', 'kind-kindlab']);
      expect(c.env.KUBECONFIG).toBe(userKubeconfig);
    }
    expect(other.requests).toEqual([]);
    expect(api.requests.length).toBeGreaterThan(0);
  });
});

describe('delete and scale', () => {
  it('deletes without waiting in kubectl, then watches until the objects are gone', async () => {
    api.put(deployment('web', 'lab-03', { replicas: 2, ready: 2 }));
    tools.setRules([{ tool: 'kubectl', argvIncludes: ['delete'], stdout: 'deployment.apps "web" deleted\n' }]);
    const cluster = lab();
    // The object goes away 300 ms after the adapter starts watching (not after a fixed time: the
    // fake kubectl alone can take that long on a busy machine, and then there is nothing to watch).
    const gone = setInterval(() => {
      if (!api.requests.some((r) => r.query.watch === 'true')) return;
      clearInterval(gone);
      setTimeout(() => api.remove({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'lab-03' } }), 300);
    }, 10);
    const started = Date.now();
    await cluster.delete([web], 'lab-03', { timeoutMs: 10_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    const [call] = tools.calls();
    expect(call!.argv).toEqual([
      '--kubeconfig',
      kubeconfig,
      '--context',
      'kind-kindlab',
      'delete',
      '--ignore-not-found',
      '--wait=false',
      '-n',
      'lab-03',
      '-f',
      '-',
    ]);
    expect(YAML.parse(call!.stdin ?? '')).toEqual(web);
    const watch = api.requests.find((r) => r.query.watch === 'true');
    expect(watch).toMatchObject({ path: '/apis/apps/v1/namespaces/lab-03/deployments', query: { fieldSelector: 'metadata.name=web' } });
  });

  it('a delete whose object never goes away fails at its deadline and says it still exists', async () => {
    api.put(deployment('web', 'lab-03', { replicas: 2, ready: 2 }));
    tools.setRules([{ tool: 'kubectl', argvIncludes: ['delete'], stdout: 'deployment.apps "web" deleted\n' }]);
    const err = await lab()
      .delete([web], 'lab-03', { timeoutMs: 1500 })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'DeadlineExceeded', awaited: 'deployment/web in lab-03 to be Deleted' });
    expect((err as { lastSeen: string }).lastSeen).toContain('deployment/web: 2/2 ready');
    expect((err as { diagnosis: string[] }).diagnosis.join('\n')).toMatch(/still exists/);
  });

  it('refuses to delete objects that do not carry kindlab’s label, before any process starts', async () => {
    const foreign = { ...web, metadata: { name: 'web', namespace: 'lab-03' } };
    await expect(lab().delete([foreign], 'lab-03', { timeoutMs: 5000 })).rejects.toThrow(
      /refusing to delete objects without the label app.kubernetes.io\/managed-by=kindlab: Deployment\/web/,
    );
    expect(tools.calls()).toEqual([]);
  });

  it('scales by selector as kubectl accepts it', async () => {
    tools.setRules([{ tool: 'kubectl', argvIncludes: ['scale'], stdout: 'deployment.apps/web scaled\n' }]);
    await lab().scale({ kind: 'deployment', selector: 'app=web', namespace: 'lab-03' }, 5, { timeoutMs: 5000 });
    expect(tools.calls()[0]!.argv.slice(4)).toEqual(['scale', '-n', 'lab-03', 'deployment', '-l', 'app=web', '--replicas=5']);
  });
});

describe('exec', () => {
  it('runs argv in a Pod container and returns stdout, stderr and the remote exit code apart', async () => {
    tools.setRules([
      {
        tool: 'kubectl',
        argvIncludes: ['exec'],
        stdout: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n',
        stderr: "** server can't find nginx-svc.lab-04: NXDOMAIN\n\ncommand terminated with exit code 1\n",
        exitCode: 1,
      },
    ]);
    const r = await lab().exec({ pod: 'netshoot', namespace: 'lab-04', container: 'shell' }, ['nslookup', 'nginx-svc.lab-04'], { timeoutMs: 5000 });
    expect(tools.calls()[0]!.argv).toEqual([
      '--kubeconfig',
      kubeconfig,
      '--context',
      'kind-kindlab',
      'exec',
      '-n',
      'lab-04',
      'netshoot',
      '-c',
      'shell',
      '--',
      'nslookup',
      'nginx-svc.lab-04',
    ]);
    expect(r).toMatchObject({ exitCode: 1, timedOut: false, stdout: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n' });
    expect(r.stderr).toBe("** server can't find nginx-svc.lab-04: NXDOMAIN\n\n");
  });

  it('maps "command terminated with exit code 28" (curl timeout) to 28', async () => {
    tools.setRules([{ tool: 'kubectl', argvIncludes: ['exec'], stderr: 'command terminated with exit code 28\n', exitCode: 28 }]);
    const r = await lab().exec({ pod: 'client', namespace: 'lab-10' }, ['curl', '-m', '2', 'http://web'], { timeoutMs: 5000 });
    expect(r.exitCode).toBe(28);
    expect(r.stderr).toBe('');
  });

  it('kubectl’s own failure (no such Pod) keeps its message and exit code', async () => {
    tools.setRules([{ tool: 'kubectl', argvIncludes: ['exec'], stderr: 'Error from server (NotFound): pods "ghost" not found\n', exitCode: 1 }]);
    const r = await lab().exec({ pod: 'ghost', namespace: 'lab-03' }, ['true'], { timeoutMs: 5000 });
    expect(r).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): pods "ghost" not found\n' });
  });

  it('runs argv on a kind node by role with docker exec', async () => {
    tools.setRules([{ tool: 'docker', argv: ['exec', 'kindlab-worker2', '...'], stdout: 'default via 172.18.0.1 dev eth0\n' }]);
    const r = await lab().exec({ node: 'worker2' }, ['ip', 'route'], { timeoutMs: 5000 });
    expect(tools.calls().map((c) => [c.tool, ...c.argv])).toEqual([['docker', 'exec', 'kindlab-worker2', 'ip', 'route']]);
    expect(r).toMatchObject({ exitCode: 0, stdout: 'default via 172.18.0.1 dev eth0\n', stderr: '' });
  });

  it('a command that hangs past its deadline is killed and reported as timed out (124)', async () => {
    tools.setRules([{ tool: 'kubectl', argvIncludes: ['exec'], sleepMs: 30_000, stdout: 'never\n' }]);
    const started = Date.now();
    const r = await lab().exec({ pod: 'client', namespace: 'lab-10' }, ['curl', 'http://blocked'], { timeoutMs: 800 });
    expect(r).toMatchObject({ timedOut: true, exitCode: 124, stdout: '' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(tools.calls()).toHaveLength(1);
  });

  it('an AbortSignal (Ctrl-C) stops a running exec', async () => {
    tools.setRules([{ tool: 'docker', argvIncludes: ['exec'], sleepMs: 30_000 }]);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const started = Date.now();
    const r = await lab().exec({ node: 'control-plane' }, ['sleep', '100'], { timeoutMs: 20_000, signal: ac.signal });
    expect(r.exitCode).not.toBe(0);
    expect(r.timedOut).toBe(false);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('node names', () => {
  it('maps roles to kind node names and passes full names through', () => {
    const c = new KindCluster({ profile: 'kindnet', clusterName: 'ws1' });
    expect(c.context).toBe('kind-ws1');
    expect(['control-plane', 'worker', 'worker2', 'ws1-worker', 'other-node'].map((n) => c.nodeName(n))).toEqual([
      'ws1-control-plane',
      'ws1-worker',
      'ws1-worker2',
      'ws1-worker',
      'other-node',
    ]);
  });
});
