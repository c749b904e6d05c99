// The node-network netshoot's iptables reads, on the real Docker engine with Debian's real
// iptables-nft and iptables-legacy. A "node" is a container whose network namespace holds
// kube-proxy-shaped rules in one backend (kubelet's hint chain beside them); the "Pod" is a second
// container in that network namespace (`--network container:<node>`, what hostNetwork: true gives a
// Pod) with the manifest's capabilities (all dropped, NET_ADMIN added) and netshoot's iptables
// programs (plain `iptables` = iptables-nft, no iptables-legacy: NFT_ONLY_IMAGE).
// Stand-in, named as such: kubectl exec cannot run here (no kubelet), so the Cluster port below
// carries a Pod exec to the "Pod" container with `docker exec`; every iptables program, table and
// capability check is the real one.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkPodIptablesArgv, detectIptablesBackend, type PodIptables } from '../../src/cluster/kind/iptables-backend.js';
import type { Cluster, ExecTarget } from '../../src/cluster/port.js';
import { TextError } from '../../src/core/task.js';
import { kindByKey } from '../../src/expectations/index.js';
import { parseIptables } from '../../src/parse/iptables.js';
import { describeDocker, IPTABLES_IMAGE, iptablesImageProblem, NFT_ONLY_IMAGE, REQUIRED, uniqueName, type DockerEngine } from './engine.js';

const problem = iptablesImageProblem();
const ns = 'lab-05';
const CLUSTER_IP = '10.96.12.7';
const SERVICE_RULE = [
  '-A',
  'KUBE-SERVICES',
  '-d',
  `${CLUSTER_IP}/32`,
  '-p',
  'tcp',
  '-m',
  'comment',
  '--comment',
  `${ns}/web:http cluster IP`,
  '-m',
  'tcp',
  '--dport',
  '80',
  '-j',
  'KUBE-SVC-XPGD46QRK7WJZT7O',
];
const LIST = ['iptables', '-t', 'nat', '-L', 'KUBE-SERVICES', '-n'];

/** The port's exec for Pods, carried by docker exec into the container named like the Pod (see the header). */
function podsThroughDocker(docker: DockerEngine, containerOf: Record<string, string>): Cluster {
  return {
    context: 'kind-kindlab',
    nodeName: (n: string) => n,
    exec: async (target: ExecTarget, argv: string[], opts: { timeoutMs: number }) => {
      if (!('pod' in target)) throw new Error('this stand-in carries Pod execs only');
      const r = await docker.run(['exec', containerOf[target.pod]!, ...argv], opts.timeoutMs);
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, timedOut: r.timedOut, durationMs: r.durationMs };
    },
  } as unknown as Cluster;
}

if (problem && !REQUIRED) it.skip(`node-network netshoot iptables: skipped, the test images ${problem}`, () => {});
else
  describeDocker("the node-network netshoot reads kube-proxy's rules only from the backend that holds them", (docker) => {
    const name = uniqueName('podipt');
    const nodes = { nft: `${name}-nftnode`, legacy: `${name}-legacynode` };
    const pods = { nft: `${name}-nftpod`, legacy: `${name}-legacypod`, legacyRawless: `${name}-rawless`, legacyRaw: `${name}-raw` };
    let cluster: Cluster;
    const opts = { timeoutMs: 20_000 };

    beforeAll(async () => {
      if (problem) throw new Error(problem);
      await docker.image(IPTABLES_IMAGE);
      await docker.image(NFT_ONLY_IMAGE);
      for (const c of [...Object.values(pods), ...Object.values(nodes)]) await docker.run(['rm', '-f', c]);
      for (const [mode, node] of Object.entries(nodes)) {
        await docker.must(['run', '-d', '--cap-add', 'NET_ADMIN', '--hostname', node, '--name', node, IPTABLES_IMAGE]);
        const ipt = `iptables-${mode}`;
        // kubelet's hint chain and kube-proxy's rule in this node's backend; a decoy in the other
        await docker.must(['exec', node, ipt, '-t', 'mangle', '-N', 'KUBE-IPTABLES-HINT']);
        await docker.must(['exec', node, ipt, '-t', 'nat', '-N', 'KUBE-SERVICES']);
        await docker.must(['exec', node, ipt, '-t', 'nat', '-N', 'KUBE-SVC-XPGD46QRK7WJZT7O']);
        await docker.must(['exec', node, ipt, '-t', 'nat', ...SERVICE_RULE]);
        await docker.must(['exec', node, mode === 'nft' ? 'iptables-legacy' : 'iptables-nft', '-t', 'filter', '-N', 'DECOY']);
      }
      // the manifest's securityContext: drop ALL, add NET_ADMIN
      const manifestCaps = ['--cap-drop', 'ALL', '--cap-add', 'NET_ADMIN'];
      await docker.must(['run', '-d', ...manifestCaps, '--network', `container:${nodes.nft}`, '--name', pods.nft, NFT_ONLY_IMAGE]);
      await docker.must(['run', '-d', ...manifestCaps, '--network', `container:${nodes.legacy}`, '--name', pods.legacy, NFT_ONLY_IMAGE]);
      // an image that has iptables-legacy: with NET_ADMIN alone, then with NET_RAW too
      await docker.must(['run', '-d', ...manifestCaps, '--network', `container:${nodes.legacy}`, '--name', pods.legacyRawless, IPTABLES_IMAGE]);
      await docker.must([
        'run',
        '-d',
        ...manifestCaps,
        '--cap-add',
        'NET_RAW',
        '--network',
        `container:${nodes.legacy}`,
        '--name',
        pods.legacyRaw,
        IPTABLES_IMAGE,
      ]);
      cluster = podsThroughDocker(docker, { 'node-netshoot': pods.nft, 'legacy-netshoot': pods.legacy });
    }, 120_000);
    afterAll(async () => {
      for (const c of [...Object.values(pods), ...Object.values(nodes)]) await docker.run(['rm', '-f', c]);
    });

    it("nft node: the step's `iptables -t nat -L KUBE-SERVICES -n` runs as written, with NET_ADMIN only, and shows the node's rule", async () => {
      const cache = new Map<string, PodIptables>();
      const target = { pod: 'node-netshoot', namespace: ns };
      expect(await checkPodIptablesArgv(cluster, target, LIST, opts, cache)).toEqual(LIST);
      expect(cache.get(`kind-kindlab/${ns}/node-netshoot/`)).toMatchObject({
        backend: { mode: 'nft' },
        plain: 'nft',
        hasProgram: { nft: true, legacy: false },
      });
      const r = await docker.run(['exec', pods.nft, ...LIST]);
      expect(r.exitCode, r.stderr).toBe(0);
      const rule = {
        chain: 'KUBE-SERVICES',
        destination: `${CLUSTER_IP}/32`,
        protocol: 'tcp',
        dport: 80,
        comment: `${ns}/web:http cluster IP`,
        jumpPrefix: 'KUBE-SVC-',
      };
      expect(
        kindByKey('iptables.rule')!.evaluate(rule, { samples: [{ stdout: r.stdout, stderr: r.stderr, exitCode: 0, timedOut: false }], profile: 'kindnet' })
          .pass,
      ).toBe(true);
      expect(parseIptables(r.stdout).source).toBe('list');
    });

    it("legacy node: the Pod's iptables-nft would show no KUBE-SERVICES rule, so the run is refused and says which command reads them", async () => {
      const target = { pod: 'legacy-netshoot', namespace: ns };
      // what plain iptables in the Pod shows: not kube-proxy's chain, and iptables-nft's own warning
      const plain = await docker.run(['exec', pods.legacy, ...LIST]);
      expect(plain.stdout).not.toContain(CLUSTER_IP);
      expect(plain.stderr).toContain('iptables-legacy tables present');
      expect((await detectIptablesBackend(cluster, target, opts)).mode).toBe('legacy');
      const err = (await checkPodIptablesArgv(cluster, target, LIST, opts, new Map()).catch((e: unknown) => e)) as TextError;
      expect(err).toBeInstanceOf(TextError);
      expect(err.text.en).toContain('legacy (iptables-legacy)');
      expect(err.text.en).toContain('nicolaka/netshoot:v0.14 ships only iptables-nft');
      // the Pod shares the node's UTS namespace too (as hostNetwork does), so the node is named
      expect(err.text.en).toContain(`docker exec ${nodes.legacy} iptables-legacy -t nat -L KUBE-SERVICES -n`);
      expect(err.text.ja).toContain('iptables-legacy');
      expect(err.text.ja).toContain('ノードで直接読んでください');
      // a command that names its backend is the learner's choice and runs as written
      expect(await checkPodIptablesArgv(cluster, target, ['iptables-nft', '-t', 'nat', '-S'], opts, new Map())).toEqual(['iptables-nft', '-t', 'nat', '-S']);
    });

    it('iptables-legacy needs NET_RAW besides NET_ADMIN (a raw socket, then getsockopt); iptables-nft needs NET_ADMIN only (netlink)', async () => {
      const rawless = await docker.run(['exec', pods.legacyRawless, 'iptables-legacy', '-t', 'nat', '-L', 'KUBE-SERVICES', '-n']);
      expect(rawless.exitCode).not.toBe(0);
      expect(rawless.stderr).toContain('Permission denied');
      const raw = await docker.run(['exec', pods.legacyRaw, 'iptables-legacy', '-t', 'nat', '-L', 'KUBE-SERVICES', '-n']);
      expect(raw.exitCode, raw.stderr).toBe(0);
      expect(raw.stdout).toContain(CLUSTER_IP);
      const nft = await docker.run(['exec', pods.legacyRawless, 'iptables-nft', '-t', 'filter', '-L', 'DECOY', '-n']);
      expect(nft.exitCode, nft.stderr).toBe(0);
    });
  });
