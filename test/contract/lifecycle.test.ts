// kindlab up / down against fake kind, kubectl and docker: the exact commands a user would see,
// in order, with their deadlines.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { planDown, planUp, type UpOptions } from '../../src/cluster/kind/lifecycle.js';
import { runQuietly as runTasks } from '../fakes/run-quietly.js';
import { SetupProblem } from '../../src/cluster/kind/problem.js';
import { CommandFailed } from '../../src/cluster/process.js';
import { CALICO_FIXTURE, calicoAddonsDir, fakeTools, nodeList, upOptions, type FakeRule as Rule } from './fakes/harness.js';

const fixture = CALICO_FIXTURE;
const CTX = ['--context', 'kind-kindlab'];
const threeReady = nodeList([
  { name: 'kindlab-control-plane', ready: true },
  { name: 'kindlab-worker', ready: true },
  { name: 'kindlab-worker2', ready: true },
]);
const nodeContainers = 'kindlab-control-plane\nkindlab-worker\nkindlab-worker2\n';
const info = (profile: string) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kindlab-info', namespace: 'kube-system' }, data: { profile } });

/** Options for `kindlab up` (fakes/harness.ts upOptions) with the pinned Calico-shaped add-ons. */
function options(env: Record<string, string>, runner: UpOptions['runner'], extra: Partial<UpOptions> = {}): UpOptions {
  return upOptions(env, runner, { addonsDir: calicoAddonsDir(true), ...extra });
}

/**
 * The commands in the order kindlab started them, after checking that exactly these ran. The fake
 * tools log each call when its process runs, and up's waits run side by side, so the log's order
 * among them is the processes' race; the order kindlab starts them in is fixed.
 */
function started(fake: ReturnType<typeof fakeTools>): string[][] {
  const argvs = fake.timeouts.map((t) => t.argv);
  expect([...fake.commands()].sort()).toEqual([...argvs].sort());
  return argvs;
}

const noCluster: Rule[] = [{ tool: 'kind', argv: ['get', 'clusters'], stdout: '', stderr: 'No kind clusters found.\n' }];
/** The user's kubeconfig has another cluster's context current ("work"); kindlab keeps it (up-kubeconfig.test.ts runs the real kubectl). */
const READ_CONTEXT = ['kubectl', 'config', 'current-context'];
const RESTORE_CONTEXT = ['kubectl', 'config', 'use-context', 'work'];
const installOk: Rule[] = [
  { tool: 'kubectl', argv: ['config', 'current-context'], stdout: 'work\n' },
  { tool: 'kubectl', argv: ['config', 'use-context', 'work'] },
  { tool: 'kind', argv: ['create', 'cluster', '...'] },
  { tool: 'kind', argv: ['delete', 'cluster', '...'] },
  { tool: 'kind', argv: ['load', 'docker-image', '...'] },
  { tool: 'docker', argv: ['start', '...'] },
  { tool: 'kubectl', argv: [...CTX, 'apply', '...'] },
  { tool: 'kubectl', argv: [...CTX, 'wait', '...'] },
  { tool: 'kubectl', argv: [...CTX, '-n', 'kube-system', 'rollout', 'status', '...'] },
  { tool: 'kubectl', argv: [...CTX, '-n', 'kube-system', 'apply', '-f', '-'] },
];
const existing = (nodes: string, profile: string | null): Rule[] => [
  { tool: 'kind', argv: ['get', 'clusters'], stdout: 'other\nkindlab\n' },
  { tool: 'kind', argv: ['get', 'nodes', '--name', 'kindlab'], stdout: nodeContainers },
  { tool: 'kubectl', argv: [...CTX, 'get', 'nodes', '-o', 'json'], stdout: nodes },
  {
    tool: 'kubectl',
    argv: [...CTX, '-n', 'kube-system', 'get', 'configmap', 'kindlab-info', '-o', 'json', '--ignore-not-found'],
    stdout: profile ? info(profile) : '',
  },
];

describe('kindlab up on a machine with no cluster', () => {
  it('kindnet: creates the cluster with --wait 0s, waits for nodes, kindnet and CoreDNS, then records the profile', async () => {
    const fake = fakeTools([...noCluster, ...installOk]);
    const opts = options(fake.env, fake.runner);
    const plan = await planUp(opts);
    expect(plan.action).toBe('create');
    if (plan.action !== 'create') return;
    await runTasks(plan.tasks);
    const config = join(opts.workDir, 'kind-config.kindnet.yaml');
    expect(started(fake)).toEqual([
      ['kind', 'get', 'clusters'],
      READ_CONTEXT,
      ['kind', 'create', 'cluster', '--name', 'kindlab', '--config', config, '--wait', '0s'],
      RESTORE_CONTEXT,
      ['kubectl', ...CTX, 'wait', '--for=condition=Ready', 'node', '--all', '--timeout=300s'],
      ['kubectl', ...CTX, '-n', 'kube-system', 'rollout', 'status', 'daemonset/kindnet', '--timeout=300s'],
      ['kubectl', ...CTX, '-n', 'kube-system', 'rollout', 'status', 'deployment/coredns', '--timeout=180s'],
      ['kubectl', ...CTX, '-n', 'kube-system', 'apply', '-f', '-'],
    ]);
    expect(fake.timeouts.map((t) => t.timeoutMs)).toEqual([30_000, 30_000, 600_000, 30_000, 315_000, 315_000, 195_000, 120_000]);
    expect((parse(readFileSync(config, 'utf8')) as { networking: unknown }).networking).toEqual({
      podSubnet: '10.244.0.0/16',
      serviceSubnet: '10.96.0.0/16',
      kubeProxyMode: 'iptables',
      disableDefaultCNI: false,
      dnsSearch: [],
    });
    const recorded = JSON.parse(fake.calls().at(-1)!.stdin) as { metadata: { name: string; labels: Record<string, string> }; data: { profile: string } };
    expect(recorded.metadata.name).toBe('kindlab-info');
    expect(recorded.metadata.labels['app.kubernetes.io/managed-by']).toBe('kindlab');
    expect(recorded.data.profile).toBe('kindnet');
  });

  it('every task shows the command it runs, and each duration is returned at the end', async () => {
    const fake = fakeTools([...noCluster, ...installOk]);
    const plan = await planUp(options(fake.env, fake.runner));
    if (plan.action !== 'create') throw new Error(plan.action);
    await runTasks(plan.tasks);
    const shown = plan.tasks.filter((t) => t.shown).map((t) => t.shown);
    // The first two were read while planning (what exists, your current-context); every later one is a task's.
    expect(fake.commands().slice(0, 2)).toEqual([['kind', 'get', 'clusters'], READ_CONTEXT]);
    expect(shown).toEqual(started(fake).slice(2));
    expect(plan.timings).toHaveLength(plan.tasks.length);
    for (const t of plan.timings) {
      expect(t.outcome).toBe('done');
      expect(t.durationMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('calico-vxlan: verifies the manifest, installs Calico with VXLAN set on the parsed objects, waits for calico-node', async () => {
    const fake = fakeTools([...noCluster, ...installOk]);
    const opts = options(fake.env, fake.runner, { profile: 'calico-vxlan', preloadImages: ['nicolaka/netshoot:v0.13'] });
    const plan = await planUp(opts);
    if (plan.action !== 'create') throw new Error(plan.action);
    await runTasks(plan.tasks);
    const calicoFile = join(opts.workDir, 'calico.calico-vxlan.yaml');
    expect(started(fake)).toEqual([
      ['kind', 'get', 'clusters'],
      READ_CONTEXT,
      ['kind', 'create', 'cluster', '--name', 'kindlab', '--config', join(opts.workDir, 'kind-config.calico-vxlan.yaml'), '--wait', '0s'],
      RESTORE_CONTEXT,
      ['kind', 'load', 'docker-image', '--name', 'kindlab', 'nicolaka/netshoot:v0.13'],
      ['kubectl', ...CTX, 'apply', '--server-side', '-f', calicoFile],
      ['kubectl', ...CTX, 'wait', '--for=condition=Ready', 'node', '--all', '--timeout=300s'],
      ['kubectl', ...CTX, '-n', 'kube-system', 'rollout', 'status', 'daemonset/calico-node', '--timeout=300s'],
      ['kubectl', ...CTX, '-n', 'kube-system', 'rollout', 'status', 'deployment/calico-kube-controllers', '--timeout=300s'],
      ['kubectl', ...CTX, '-n', 'kube-system', 'rollout', 'status', 'deployment/coredns', '--timeout=180s'],
      ['kubectl', ...CTX, '-n', 'kube-system', 'apply', '-f', '-'],
    ]);
    const objects = parseAllDocuments(readFileSync(calicoFile, 'utf8')).map((d) => d.toJS()) as Array<Record<string, any>>;
    const cm = objects.find((o) => o.kind === 'ConfigMap')!;
    expect(cm.data.calico_backend).toBe('vxlan');
    const node = objects.find((o) => o.kind === 'DaemonSet')!.spec.template.spec.containers[0];
    const env = Object.fromEntries(node.env.filter((e: any) => 'value' in e).map((e: any) => [e.name, e.value]));
    expect(env).toMatchObject({ CALICO_IPV4POOL_CIDR: '10.244.0.0/16', CALICO_IPV4POOL_IPIP: 'Never', CALICO_IPV4POOL_VXLAN: 'Always' });
    expect(node.livenessProbe.exec.command).toEqual(['/bin/calico-node', '-felix-live']);
    expect(node.readinessProbe.exec.command).toEqual(['/bin/calico-node', '-felix-ready']);
  });

  it.each(['calico-ipip', 'calico-bgp', 'kindnet'] as const)(
    'up --preload (%s): the images go into the nodes right after kind create, before any CNI install or wait',
    async (profile) => {
      // Offline (bundle load && up --preload) a Calico node turns Ready only once calico-node's image is
      // in it, so loading after the waits could never help; online it saves every node a pull.
      const fake = fakeTools([...noCluster, ...installOk]);
      const images = ['quay.io/calico/node:v3.31.3', 'nicolaka/netshoot:v0.14'];
      const plan = await planUp(options(fake.env, fake.runner, { profile, preloadImages: images }));
      if (plan.action !== 'create') throw new Error(plan.action);
      await runTasks(plan.tasks);
      const cmds = fake.commands();
      const create = cmds.findIndex((c) => c[0] === 'kind' && c[1] === 'create');
      // Only the user's kubectl context is put back in between (a kubeconfig edit, not the cluster).
      expect(cmds.slice(create + 1, create + 3)).toEqual([RESTORE_CONTEXT, ['kind', 'load', 'docker-image', '--name', 'kindlab', ...images]]);
      expect(cmds.filter((c) => c[1] === 'load')).toHaveLength(1);
    },
  );

  it('repair with --preload starts stopped nodes, then loads the images, then re-runs the install steps', async () => {
    const rules = existing('', null);
    rules[2] = {
      tool: 'kubectl',
      argv: [...CTX, 'get', 'nodes', '-o', 'json'],
      exitCode: 1,
      stderr: 'The connection to the server 127.0.0.1:41234 was refused\n',
    };
    const fake = fakeTools([...rules, ...installOk]);
    const plan = await planUp(options(fake.env, fake.runner, { consent: 'repair', profile: 'calico-vxlan', preloadImages: ['nicolaka/netshoot:v0.14'] }));
    if (plan.action !== 'repair') throw new Error(plan.action);
    await runTasks(plan.tasks);
    expect(
      fake
        .commands()
        .slice(3, 6)
        .map((c) => c.slice(0, 3)),
    ).toEqual([
      ['docker', 'start', 'kindlab-control-plane'],
      ['kind', 'load', 'docker-image'],
      ['kubectl', '--context', 'kind-kindlab'],
    ]);
  });

  it('calico-ipip keeps BIRD and sets IPIP Always', async () => {
    const fake = fakeTools([...noCluster, ...installOk]);
    const opts = options(fake.env, fake.runner, { profile: 'calico-ipip' });
    const plan = await planUp(opts);
    if (plan.action !== 'create') throw new Error(plan.action);
    await runTasks(plan.tasks);
    const objects = parseAllDocuments(readFileSync(join(opts.workDir, 'calico.calico-ipip.yaml'), 'utf8')).map((d) => d.toJS()) as Array<Record<string, any>>;
    expect(objects.find((o) => o.kind === 'ConfigMap')!.data.calico_backend).toBe('bird');
    const node = objects.find((o) => o.kind === 'DaemonSet')!.spec.template.spec.containers[0];
    expect(node.env.find((e: any) => e.name === 'CALICO_IPV4POOL_IPIP').value).toBe('Always');
    expect(node.readinessProbe.exec.command).toContain('-bird-ready');
  });

  it('a Calico profile whose manifest checksum is not recorded stops before any cluster is created', async () => {
    const fake = fakeTools([...noCluster, ...installOk]);
    const plan = await planUp(options(fake.env, fake.runner, { profile: 'calico-bgp', addonsDir: calicoAddonsDir(false) }));
    if (plan.action !== 'create') throw new Error(plan.action);
    const err = await runTasks(plan.tasks).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SetupProblem);
    expect((err as SetupProblem).code).toBe('calico-not-pinned');
    expect((err as SetupProblem).fix.ja).toContain('pin-addons.mjs');
    expect(fake.commands()).toEqual([['kind', 'get', 'clusters'], READ_CONTEXT]);
  });

  it('a manifest whose bytes changed is refused', async () => {
    const fake = fakeTools([...noCluster, ...installOk]);
    const dir = calicoAddonsDir(true);
    writeFileSync(join(dir, 'calico', 'calico-test.yaml'), readFileSync(fixture, 'utf8').replace('Always', 'Never'));
    const plan = await planUp(options(fake.env, fake.runner, { profile: 'calico-ipip', addonsDir: dir }));
    if (plan.action !== 'create') throw new Error(plan.action);
    const err = (await runTasks(plan.tasks).catch((e: unknown) => e)) as SetupProblem;
    expect(err.code).toBe('checksum-mismatch');
    expect(fake.commands()).toEqual([['kind', 'get', 'clusters'], READ_CONTEXT]);
  });

  it("a failing kind create reports kind's own words and the failed step keeps its duration", async () => {
    const fake = fakeTools([
      ...noCluster,
      ...installOk.slice(0, 2),
      {
        tool: 'kind',
        argv: ['create', 'cluster', '...'],
        exitCode: 1,
        stderr: 'ERROR: failed to create cluster: node(s) already exist for a cluster with the name "kindlab"\n',
      },
    ]);
    const plan = await planUp(options(fake.env, fake.runner));
    if (plan.action !== 'create') throw new Error(plan.action);
    const err = await runTasks(plan.tasks).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandFailed);
    expect((err as CommandFailed).output).toContain('node(s) already exist');
    expect(plan.timings.map((t) => t.outcome)).toEqual(['done', 'failed']);
  });
});

describe('kindlab up waits side by side (issue 13)', () => {
  it.each(['kindnet', 'calico-ipip'] as const)(
    '%s: node Ready and the CNI rollout are watched at once; the Deployments start once nodes are Ready; the info record waits for all',
    async (profile) => {
      // Order, not time: the runner notes when each command starts and ends and how many run at once.
      const fake = fakeTools([...noCluster, ...installOk]);
      const events: string[] = [];
      let running = 0;
      let mostAtOnce = 0;
      const named = (argv: string[]) =>
        argv.find((a) => /^(daemonset|deployment)\//.test(a)) ?? (argv.includes('wait') ? 'nodes' : argv.slice(argv.indexOf('kube-system') + 1).join(' '));
      const runner: UpOptions['runner'] = async (argv, o) => {
        events.push(`start ${named(argv)}`);
        mostAtOnce = Math.max(mostAtOnce, ++running);
        try {
          return await fake.runner(argv, o);
        } finally {
          running--;
          events.push(`end ${named(argv)}`);
        }
      };
      const plan = await planUp(options(fake.env, runner, { profile }));
      if (plan.action !== 'create') throw new Error(plan.action);
      await runTasks(plan.tasks);
      const at = (event: string) => {
        expect(events).toContain(event);
        return events.indexOf(event);
      };
      const cni = profile === 'kindnet' ? 'daemonset/kindnet' : 'daemonset/calico-node';
      const afterNodes = profile === 'kindnet' ? ['deployment/coredns'] : ['deployment/calico-kube-controllers', 'deployment/coredns'];
      expect(at(`start ${cni}`)).toBeLessThan(at('end nodes'));
      for (const d of afterNodes) expect(at(`start ${d}`)).toBeGreaterThan(at('end nodes'));
      for (const w of ['nodes', cni, ...afterNodes]) expect(at('start apply -f -')).toBeGreaterThan(at(`end ${w}`));
      // Two at once at least (node Ready beside the CNI); three when calico-node is still rolling out as nodes turn Ready.
      expect(mostAtOnce).toBeGreaterThanOrEqual(2);
      expect(mostAtOnce).toBeLessThanOrEqual(profile === 'kindnet' ? 2 : 3);
      expect(plan.timings.map((t) => t.outcome)).toEqual(plan.tasks.map(() => 'done'));
    },
  );
});

describe('kindlab up when a cluster exists', () => {
  it('a healthy cluster of the same profile is reused and nothing is created', async () => {
    const fake = fakeTools([...existing(threeReady, 'kindnet'), ...installOk]);
    const plan = await planUp(options(fake.env, fake.runner));
    expect(plan.action).toBe('reuse');
    expect(plan.action === 'reuse' && plan.message.en).toContain('reusing');
    expect(fake.commands()).toEqual([
      ['kind', 'get', 'clusters'],
      ['kind', 'get', 'nodes', '--name', 'kindlab'],
      ['kubectl', ...CTX, 'get', 'nodes', '-o', 'json'],
      ['kubectl', ...CTX, '-n', 'kube-system', 'get', 'configmap', 'kindlab-info', '-o', 'json', '--ignore-not-found'],
    ]);
    expect(fake.timeouts.every((t) => t.timeoutMs === 30_000)).toBe(true);
  });

  it('a half-made cluster (profile never recorded, a node NotReady) is explained and asks: repair or recreate', async () => {
    const nodes = nodeList([
      { name: 'kindlab-control-plane', ready: true },
      { name: 'kindlab-worker', ready: false },
      { name: 'kindlab-worker2', ready: true },
    ]);
    const fake = fakeTools([...existing(nodes, null), ...installOk]);
    const plan = await planUp(options(fake.env, fake.runner));
    expect(plan.action).toBe('ask');
    if (plan.action !== 'ask') return;
    expect(plan.choices).toEqual(['repair', 'recreate']);
    expect(plan.problem.en).toContain('kindlab-info is missing');
    expect(plan.problem.en).toContain('Nodes not Ready: kindlab-worker');
    expect(plan.problem.ja).toContain('kindlab-worker');
    expect(fake.commands().some((c) => c[1] === 'create' || c[1] === 'delete')).toBe(false);
  });

  it('repair with consent re-runs the install steps without creating a cluster', async () => {
    const fake = fakeTools([...existing(threeReady, null), ...installOk]);
    const plan = await planUp(options(fake.env, fake.runner, { consent: 'repair' }));
    expect(plan.action).toBe('repair');
    if (plan.action !== 'repair') return;
    await runTasks(plan.tasks);
    expect(started(fake).slice(4)).toEqual([
      ['kubectl', ...CTX, 'wait', '--for=condition=Ready', 'node', '--all', '--timeout=300s'],
      ['kubectl', ...CTX, '-n', 'kube-system', 'rollout', 'status', 'daemonset/kindnet', '--timeout=300s'],
      ['kubectl', ...CTX, '-n', 'kube-system', 'rollout', 'status', 'deployment/coredns', '--timeout=180s'],
      ['kubectl', ...CTX, '-n', 'kube-system', 'apply', '-f', '-'],
    ]);
  });

  it('repair of a cluster whose API does not answer starts the stopped node containers first', async () => {
    const rules = existing('', null);
    rules[2] = {
      tool: 'kubectl',
      argv: [...CTX, 'get', 'nodes', '-o', 'json'],
      exitCode: 1,
      stderr: 'The connection to the server 127.0.0.1:41234 was refused\n',
    };
    const fake = fakeTools([...rules, ...installOk]);
    const plan = await planUp(options(fake.env, fake.runner, { consent: 'repair' }));
    if (plan.action !== 'repair') throw new Error(plan.action);
    expect(plan.state.problems[0]?.en).toContain('connection to the server');
    await runTasks(plan.tasks);
    expect(fake.commands()[3]).toEqual(['docker', 'start', 'kindlab-control-plane', 'kindlab-worker', 'kindlab-worker2']);
    expect(fake.timeouts[3]?.timeoutMs).toBe(60_000);
  });

  it('a cluster made with another profile can only be recreated; recreate deletes then creates', async () => {
    const fake = fakeTools([...existing(threeReady, 'calico-ipip'), ...installOk]);
    const asked = await planUp(options(fake.env, fake.runner, { consent: 'repair' }));
    expect(asked.action).toBe('ask');
    if (asked.action === 'ask') {
      expect(asked.choices).toEqual(['recreate']);
      expect(asked.problem.en).toContain('made with calico-ipip, not kindnet');
    }
    const fake2 = fakeTools([...existing(threeReady, 'calico-ipip'), ...installOk]);
    const opts = options(fake2.env, fake2.runner, { consent: 'recreate' });
    const plan = await planUp(opts);
    if (plan.action !== 'recreate') throw new Error(plan.action);
    await runTasks(plan.tasks);
    expect(fake2.commands().slice(4, 8)).toEqual([
      READ_CONTEXT,
      ['kind', 'delete', 'cluster', '--name', 'kindlab'],
      ['kind', 'create', 'cluster', '--name', 'kindlab', '--config', join(opts.workDir, 'kind-config.kindnet.yaml'), '--wait', '0s'],
      RESTORE_CONTEXT,
    ]);
    expect(fake2.timeouts[5]?.timeoutMs).toBe(180_000);
  });

  it('with a kindlab kubeconfig, kind and kubectl both use it', async () => {
    const fake = fakeTools([
      ...noCluster,
      { tool: 'kind', argv: ['create', 'cluster', '...'] },
      { tool: 'kubectl', argv: ['--kubeconfig', '/tmp/kindlab.kubeconfig', 'config', 'current-context'], stdout: 'work\n' },
      { tool: 'kubectl', argv: ['--kubeconfig', '/tmp/kindlab.kubeconfig', 'config', 'use-context', 'work'] },
      { tool: 'kubectl', argv: ['--kubeconfig', '/tmp/kindlab.kubeconfig', ...CTX, '...'] },
    ]);
    const plan = await planUp(options(fake.env, fake.runner, { kubeconfig: '/tmp/kindlab.kubeconfig' }));
    if (plan.action !== 'create') throw new Error(plan.action);
    await runTasks(plan.tasks);
    const cmds = fake.commands();
    expect(cmds[2]?.slice(0, 3)).toEqual(['kind', 'create', 'cluster']);
    expect(cmds[2]?.slice(-2)).toEqual(['--kubeconfig', '/tmp/kindlab.kubeconfig']);
    expect([cmds[1], ...cmds.slice(3)].every((c) => c?.[0] === 'kubectl' && c[1] === '--kubeconfig')).toBe(true);
  });
});

describe('kindlab down', () => {
  it('deletes the named cluster only', async () => {
    const fake = fakeTools([{ tool: 'kind', argv: ['get', 'clusters'], stdout: 'kindlab\nsomeone-else\n' }, ...installOk]);
    const plan = await planDown({ clusterName: 'kindlab', env: fake.env, runner: fake.runner });
    expect(plan.action).toBe('delete');
    await runTasks(plan.tasks);
    expect(fake.commands()).toEqual([
      ['kind', 'get', 'clusters'],
      ['kind', 'delete', 'cluster', '--name', 'kindlab'],
    ]);
    expect(fake.timeouts.map((t) => t.timeoutMs)).toEqual([30_000, 180_000]);
    expect(plan.timings).toHaveLength(1);
  });

  it('does nothing when there is no such cluster, and says so', async () => {
    const fake = fakeTools([{ tool: 'kind', argv: ['get', 'clusters'], stdout: 'someone-else\n' }]);
    const plan = await planDown({ clusterName: 'kindlab', env: fake.env, runner: fake.runner });
    expect(plan.action).toBe('absent');
    expect(plan.action === 'absent' && plan.message.ja).toContain('kindlab');
    expect(fake.commands()).toEqual([['kind', 'get', 'clusters']]);
  });
});
