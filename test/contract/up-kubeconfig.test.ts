// `kindlab up` keeps the user's kubectl current-context. kind stays a fake (no kind cluster can run
// here) but writes the kubeconfig exactly as kind v0.30.0 does, current-context included (see
// fakes/fake-tool.mjs writeKindKubeconfig); every `kubectl config …` command, kindlab's and
// the test's own, is run by the machine's real kubectl.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { planUp, type UpOptions } from '../../src/cluster/kind/lifecycle.js';
import { SetupProblem } from '../../src/cluster/kind/problem.js';
import { runProcess } from '../../src/cluster/process.js';
import { runQuietly as runTasks } from '../fakes/run-quietly.js';
import { recordRealClient } from '../real-clients.js';
import { REPO_ROOT } from '../upstream.js';
import { describeWithRealKubectl } from './fakes/real-kubectl.js';
import { fakeTools, upOptions, type FakeRule as Rule } from './fakes/harness.js';

const OTHER = `apiVersion: v1
kind: Config
clusters:
- name: work-cluster
  cluster: { server: 'https://work.example.invalid:6443' }
contexts:
- name: work
  context: { cluster: work-cluster, user: work-user, namespace: payments }
users:
- name: work-user
  user: { token: not-a-real-token }
current-context: work
`;

function scenario(kubectl: string, existing: 'none' | 'kindlab' = 'none'): Rule[] {
  return [
    existing === 'none'
      ? { tool: 'kind', argv: ['get', 'clusters'], stdout: '', stderr: 'No kind clusters found.\n' }
      : { tool: 'kind', argv: ['get', 'clusters'], stdout: 'kindlab\n' },
    { tool: 'kind', argv: ['get', 'nodes', '...'], stdout: 'kindlab-control-plane\n' },
    { tool: 'kind', argv: ['delete', 'cluster', '...'] },
    { tool: 'kind', argv: ['create', 'cluster', '...'], kindKubeconfig: { cluster: 'kindlab', server: 'https://127.0.0.1:40123' } },
    { tool: 'kubectl', argv: ['config', '...'], passThrough: kubectl },
    { tool: 'kubectl', argv: ['--kubeconfig', '*', 'config', '...'], passThrough: kubectl },
    {
      tool: 'kubectl',
      argv: ['--context', 'kind-kindlab', 'get', 'nodes', '-o', 'json'],
      exitCode: 1,
      stderr: 'The connection to the server 127.0.0.1:40123 was refused\n',
    },
    { tool: 'kubectl', argv: ['...'] },
  ];
}

async function currentContext(kubectl: string, file: string): Promise<{ exitCode: number; context: string; stderr: string }> {
  const argv = [kubectl, 'config', 'current-context', '--kubeconfig', file];
  recordRealClient('kubectl', argv.slice(1));
  const r = await runProcess(argv, { timeoutMs: 10_000 });
  return { exitCode: r.exitCode, context: r.stdout.trim(), stderr: r.stderr.trim() };
}

async function contexts(kubectl: string, file: string): Promise<string[]> {
  const argv = [kubectl, 'config', 'get-contexts', '-o', 'name', '--kubeconfig', file];
  recordRealClient('kubectl', argv.slice(1));
  const r = await runProcess(argv, { timeoutMs: 10_000 });
  return r.stdout.split('\n').filter(Boolean).sort();
}

async function up(fake: ReturnType<typeof fakeTools>, env: Record<string, string>, extra: Partial<UpOptions> = {}) {
  const plan = await planUp(upOptions({ ...fake.env, ...env }, fake.runner, { addonsDir: join(REPO_ROOT, 'addons'), ...extra }));
  if (plan.action === 'ask') throw new Error('asked');
  await runTasks(plan.tasks);
  // kindlab's own `kubectl config …` calls went through the real kubectl.
  for (const call of fake.calls()) if (call.tool === 'kubectl' && call.argv.includes('config')) recordRealClient('kubectl', call.argv);
  return plan;
}

describeWithRealKubectl('kindlab up keeps your kubectl current-context', (kubectl) => {
  it.each(['KUBECONFIG', 'HOME/.kube/config'] as const)(
    'kubeconfig found through %s: current-context is "work" before and after; kind-kindlab is added',
    async (how) => {
      const home = mkdtempSync(join(tmpdir(), 'kindlab-kc-home-'));
      const file = how === 'KUBECONFIG' ? join(home, 'work.kubeconfig') : join(home, '.kube', 'config');
      mkdirSync(join(home, '.kube'), { recursive: true });
      writeFileSync(file, OTHER, { mode: 0o600 });
      const env: Record<string, string> = how === 'KUBECONFIG' ? { KUBECONFIG: file, HOME: home } : { HOME: home, KUBECONFIG: '' };
      expect((await currentContext(kubectl, file)).context).toBe('work');

      const fake = fakeTools(scenario(kubectl));
      const plan = await up(fake, env);

      expect(await currentContext(kubectl, file)).toEqual({ exitCode: 0, context: 'work', stderr: '' });
      expect(await contexts(kubectl, file)).toEqual(['kind-kindlab', 'work']);
      // Put back right after kind create, before anything else can fail and leave it changed.
      const cmds = fake.commands();
      const create = cmds.findIndex((c) => c[1] === 'create');
      expect(cmds[create + 1]).toEqual(['kubectl', 'config', 'use-context', 'work']);
      // The plan read it with the real kubectl before creating anything, and shows the exact command it runs.
      expect(cmds.findIndex((c) => c.join(' ') === 'kubectl config current-context')).toBeLessThan(create);
      expect(plan.tasks.map((t) => t.shown)).toContainEqual(['kubectl', 'config', 'use-context', 'work']);
      // How to reach the lab cluster with plain kubectl, in both languages.
      expect(plan.labAccess.en).toContain('kubectl --context kind-kindlab get nodes');
      expect(plan.labAccess.en).toContain('"work"');
      expect(plan.labAccess.ja).toContain('kubectl --context kind-kindlab get nodes');
      expect(plan.labAccess.ja).toContain('"work"');
    },
  );

  it('with no current-context before, there is none after (kind would have set one)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kindlab-kc-home-'));
    const file = join(home, 'none.kubeconfig');
    const before = await currentContext(kubectl, file);
    expect(before.exitCode).toBe(1);
    expect(before.stderr).toContain('current-context is not set');
    const fake = fakeTools(scenario(kubectl));
    await up(fake, { KUBECONFIG: file, HOME: home });
    const after = await currentContext(kubectl, file);
    expect(after.exitCode).toBe(1);
    expect(after.stderr).toContain('current-context is not set');
    expect(await contexts(kubectl, file)).toEqual(['kind-kindlab']);
    expect(fake.commands()).toContainEqual(['kubectl', 'config', 'unset', 'current-context']);
  });

  it("with kindlab's own --kubeconfig, the same file is read and restored", async () => {
    const home = mkdtempSync(join(tmpdir(), 'kindlab-kc-home-'));
    const file = join(home, 'kindlab.kubeconfig');
    writeFileSync(file, OTHER, { mode: 0o600 });
    const fake = fakeTools(scenario(kubectl));
    await up(fake, { HOME: home, KUBECONFIG: '' }, { kubeconfig: file });
    expect((await currentContext(kubectl, file)).context).toBe('work');
    expect(fake.commands()).toContainEqual(['kubectl', '--kubeconfig', file, 'config', 'use-context', 'work']);
  });

  it("a kubeconfig kubectl cannot read stops up before anything is created, with kubectl's own words", async () => {
    const home = mkdtempSync(join(tmpdir(), 'kindlab-kc-home-'));
    const file = join(home, 'broken.kubeconfig');
    writeFileSync(file, 'clusters: [\n', { mode: 0o600 });
    const fake = fakeTools(scenario(kubectl));
    const err = (await up(fake, { KUBECONFIG: file, HOME: home }).catch((e: unknown) => e)) as SetupProblem;
    expect(err).toBeInstanceOf(SetupProblem);
    expect(err.code).toBe('kubeconfig-unreadable');
    expect(err.observed).toContain('error loading config file');
    expect(fake.commands().some((c) => c[0] === 'kind' && c[1] !== 'get')).toBe(false);
  });

  it("when the current-context already was the lab's, recreating leaves it on the lab and runs no restore", async () => {
    const home = mkdtempSync(join(tmpdir(), 'kindlab-kc-home-'));
    const file = join(home, 'lab.kubeconfig');
    writeFileSync(file, OTHER.replace('current-context: work', 'current-context: kind-kindlab'), { mode: 0o600 });
    const fake = fakeTools(scenario(kubectl, 'kindlab'));
    await up(fake, { KUBECONFIG: file, HOME: home }, { consent: 'recreate' });
    expect((await currentContext(kubectl, file)).context).toBe('kind-kindlab');
    expect(fake.commands().some((c) => c.includes('use-context') || c.includes('unset'))).toBe(false);
  });
});
