// Node runs (`run: { node: ... }`) through the real adapter (KindCluster.exec → docker exec) on the
// real Docker engine. The "node" is a container named as kind names its nodes (<cluster>-worker,
// <cluster>-control-plane) running the local busybox image: kind itself is not run here (it needs
// a node image and a registry), so what is tested is kindlab's docker side of a node exec.
// The cluster name is unique to this test process, so a parallel run cannot take its containers.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KindCluster } from '../../src/cluster/kind/adapter.js';
import { runSamples } from '../../src/engine/checks.js';
import { busyboxWorkerNode } from './busybox-node.js';
import { describeDocker, IPTABLES_IMAGE, iptablesImageProblem, REQUIRED, uniqueName } from './engine.js';

const clusterName = uniqueName('node');

describeDocker('a node run goes to the node container through docker exec', (docker) => {
  const node = busyboxWorkerNode(docker, clusterName);
  const { worker } = node;

  it('keeps stdout, stderr and the exit code apart, as the node command left them', async () => {
    docker.flush();
    const r = await node.cluster.exec({ node: 'worker' }, ['sh', '-c', 'echo out; echo err >&2; exit 3'], { timeoutMs: 20_000 });
    expect(r).toMatchObject({ stdout: 'out\n', stderr: 'err\n', exitCode: 3, timedOut: false });
    expect(docker.flush()).toEqual([['docker', 'exec', worker, 'sh', '-c', 'echo out; echo err >&2; exit 3']]);
  });

  it('runs on the node named in full too, and reads what is on it', async () => {
    const r = await node.cluster.exec({ node: worker }, ['hostname'], { timeoutMs: 20_000 });
    expect(r.exitCode).toBe(0);
    // docker sets a container's hostname to its short id
    expect(r.stdout.trim()).toBe((await docker.must(['inspect', '--format', '{{.Id}}', worker])).trim().slice(0, 12));
  });

  it("a program missing on the node is docker exec's own 126 with its words, not an exception", async () => {
    const r = await node.cluster.exec({ node: 'worker' }, ['nslookup', 'web'], { timeoutMs: 20_000 });
    expect(r.exitCode).toBe(126);
    // the docker CLI (28.x against engine 20.10) prints the runtime's error on stdout, not stderr
    expect(r.stdout + r.stderr).toContain('"nslookup": executable file not found');
  });

  it('a node that does not exist says so (No such container) with a failing exit code', async () => {
    const r = await node.cluster.exec({ node: 'worker7' }, ['true'], { timeoutMs: 20_000 });
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain(`No such container: ${clusterName}-worker7`);
  });

  it('a command that outlives its deadline is stopped and reported as timed out (exit 124)', async () => {
    const started = Date.now();
    const r = await node.cluster.exec({ node: 'worker' }, ['sleep', '30'], { timeoutMs: 1500 });
    expect(r).toMatchObject({ timedOut: true, exitCode: 124 });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a node given as a list (a selector capture used whole) is refused with a clear message before docker runs', async () => {
    docker.flush();
    const list = [worker, `${clusterName}-worker2`];
    const err = (await node.cluster.exec({ node: list as unknown as string }, ['true'], { timeoutMs: 5000 }).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).not.toContain('Second argument must be an array of strings');
    expect(err.message).toContain('one node name');
    expect(err.message).toContain(list.join(', '));
    expect((err as unknown as { text?: { ja: string } }).text?.ja).toContain('ノード名');
    // the same through the engine's run path, as lesson 13's `node: "{{podNode}}"` would reach it
    const viaEngine = (await runSamples({ node: '{{podNode}}', argv: ['true'] } as never, {
      cluster: node.cluster,
      namespace: 'lab-13',
      bindings: new Map([['podNode', list]]),
    }).catch((e: unknown) => e)) as Error;
    expect(viaEngine.message).toContain('one node name');
    expect(docker.flush()).toEqual([]);
  });

  it("an argv element that is not a string is refused with a clear message, not execa's", async () => {
    const err = (await node.cluster.exec({ node: 'worker' }, ['echo', ['a', 'b'] as unknown as string], { timeoutMs: 5000 }).catch((e: unknown) => e)) as Error;
    expect(err.message).not.toContain('Second argument must be an array of strings');
    expect(err.message).toContain('echo');
    expect(err.message).toMatch(/argument 1 is not a string but a list \(a, b\)/);
  });
});

it('a node target that is a list does not type-check (ExecTarget.node is one string)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kindlab-types-'));
  const file = join(dir, 'node-list.ts');
  const port = resolve('src/cluster/port.js');
  writeFileSync(
    file,
    `import type { ExecTarget } from ${JSON.stringify(port)};\nexport const one: ExecTarget = { node: 'kindlab-worker' };\nexport const list: ExecTarget = { node: ['kindlab-worker', 'kindlab-worker2'] };\n`,
  );
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
  });
  const errors = ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/^3: .*string\[\]/);
}, 30_000);

const iptablesProblem = iptablesImageProblem();
if (iptablesProblem && !REQUIRED) it.skip(`node iptables reads: skipped, the test node image ${iptablesProblem}`, () => {});
else
  describeDocker('a node iptables read goes to the backend that holds the rules (nft or legacy)', (docker) => {
    const cp = `${clusterName}-control-plane`;
    const nodes = { legacy: `${clusterName}-worker3`, nft: `${clusterName}-worker4`, count: `${clusterName}-worker5` };
    let cluster: KindCluster;
    beforeAll(async () => {
      if (iptablesProblem) throw new Error(iptablesProblem);
      await docker.image(IPTABLES_IMAGE);
      for (const name of [cp, ...Object.values(nodes)]) {
        await docker.run(['rm', '-f', name]);
        // kind runs nodes --privileged; this sandbox's runc cannot apply every capability, and the
        // rule tables of a container's own network namespace need only NET_ADMIN.
        await docker.must(['run', '-d', '--cap-add', 'NET_ADMIN', '--name', name, IPTABLES_IMAGE]);
      }
      // kubelet's hint chain in the backend kube-proxy uses; a decoy rule in the other one
      await docker.must(['exec', nodes.legacy, 'iptables-legacy', '-t', 'mangle', '-N', 'KUBE-IPTABLES-HINT']);
      await docker.must(['exec', nodes.legacy, 'iptables-legacy', '-t', 'nat', '-N', 'KUBE-SERVICES']);
      await docker.must(['exec', nodes.legacy, 'iptables-nft', '-t', 'nat', '-N', 'DECOY-NFT']);
      await docker.must(['exec', nodes.nft, 'iptables-nft', '-t', 'mangle', '-N', 'KUBE-KUBELET-CANARY']);
      await docker.must(['exec', nodes.nft, 'iptables-nft', '-t', 'nat', '-N', 'KUBE-SERVICES']);
      await docker.must(['exec', nodes.nft, 'iptables-legacy', '-t', 'nat', '-N', 'DECOY-LEGACY']);
      // no hint: the backend with more rules wins
      await docker.must(['exec', nodes.count, 'iptables-legacy', '-t', 'nat', '-A', 'POSTROUTING', '-s', '10.244.0.0/16', '-j', 'MASQUERADE']);
      await docker.must(['exec', nodes.count, 'iptables-legacy', '-t', 'nat', '-A', 'POSTROUTING', '-s', '10.245.0.0/16', '-j', 'MASQUERADE']);
      await docker.must(['exec', nodes.count, 'iptables-nft', '-t', 'nat', '-A', 'POSTROUTING', '-s', '10.99.0.0/16', '-j', 'MASQUERADE']);
      cluster = new KindCluster({ clusterName, profile: 'kindnet', env: docker.env });
    }, 60_000);
    afterAll(async () => {
      for (const name of [cp, ...Object.values(nodes)]) await docker.run(['rm', '-f', name]);
    });

    it("kubelet's hint chain in legacy: `iptables -t nat -S` runs iptables-legacy and shows its chains", async () => {
      docker.flush();
      const r = await cluster.exec({ node: nodes.legacy }, ['iptables', '-t', 'nat', '-S'], { timeoutMs: 20_000 });
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain('-N KUBE-SERVICES');
      expect(r.stdout).not.toContain('DECOY-NFT');
      const calls = docker.flush();
      expect(calls.at(-1)).toEqual(['docker', 'exec', nodes.legacy, 'iptables-legacy', '-t', 'nat', '-S']);
      // detection read the nft mangle table first, then legacy
      expect(calls[0]).toEqual(['docker', 'exec', nodes.legacy, 'iptables-nft-save', '-t', 'mangle']);
    });

    it('the canary chain in nft: iptables-save runs iptables-nft-save', async () => {
      const r = await cluster.exec({ node: nodes.nft }, ['iptables-save', '-t', 'nat'], { timeoutMs: 20_000 });
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain(':KUBE-SERVICES');
      expect(r.stdout).not.toContain('DECOY-LEGACY');
      expect(r.stdout).toContain('(nf_tables)');
    });

    it('no hint chain: the backend with more rules is read', async () => {
      const r = await cluster.exec({ node: nodes.count }, ['iptables', '-t', 'nat', '-S', 'POSTROUTING'], { timeoutMs: 20_000 });
      expect(r.stdout).toContain('10.244.0.0/16');
      expect(r.stdout).not.toContain('10.99.0.0/16');
    });

    it('the control-plane role name reaches the control-plane container; a plain command is not rewritten', async () => {
      const calls = docker.flush();
      expect(calls).toEqual([]);
      const r = await cluster.exec({ node: 'control-plane' }, ['iptables-legacy', '-t', 'filter', '-S', 'FORWARD'], { timeoutMs: 20_000 });
      expect(r.stdout).toBe('-P FORWARD ACCEPT\n');
      expect(docker.flush()).toEqual([['docker', 'exec', cp, 'iptables-legacy', '-t', 'filter', '-S', 'FORWARD']]);
    });
  });
