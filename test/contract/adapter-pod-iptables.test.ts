// An iptables read in a Pod (the node-network netshoot) through the adapter and a fake kubectl:
// the command runs exactly as the step shows it, after the adapter has checked, inside the Pod, that
// its `iptables` reads the backend holding kube-proxy's rules (kubelet's hint chain, as
// iptables-wrappers decides). The save/version texts are typed by hand in the tools' formats; the
// same decisions on the real iptables programs are in test/docker/pod-iptables.test.ts.
import { describe, expect, it } from 'vitest';
import { fakeToolsCluster } from './fake-api-and-tools.js';
import type { FakeRule } from './fakes/harness.js';

const nftMangleWithHint = '*mangle\n:PREROUTING ACCEPT [0:0]\n:KUBE-IPTABLES-HINT - [0:0]\n:KUBE-KUBELET-CANARY - [0:0]\nCOMMIT\n';
const nftMangleEmpty = '*mangle\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n';
const LIST = ['iptables', '-t', 'nat', '-L', 'KUBE-SERVICES', '-n'];
const listed =
  'Chain KUBE-SERVICES (2 references)\ntarget     prot opt source               destination\nKUBE-SVC-XPGD46QRK7WJZT7O  tcp  --  0.0.0.0/0            10.96.12.7           /* lab-05/web:http cluster IP */ tcp dpt:80\n';

const fake = fakeToolsCluster();

const inPod = (pod: string, argv: string[], out: { stdout?: string; stderr?: string; exitCode?: number }): FakeRule => ({
  tool: 'kubectl',
  argvIncludes: ['exec', pod, '--', ...argv],
  stdout: out.stdout ?? '',
  stderr: out.stderr ?? '',
  exitCode: out.exitCode ?? 0,
});
const notFound = (program: string) => ({ stderr: `error: Internal error occurred: exec: "${program}": executable file not found in $PATH\n`, exitCode: 1 });
const execs = () =>
  fake.tools
    .calls()
    .filter((c) => c.tool === 'kubectl')
    .map((c) => c.argv.slice(c.argv.indexOf('--') + 1));

describe('iptables in the node-network netshoot Pod', () => {
  it('nft node: the step runs `iptables -t nat -L KUBE-SERVICES -n` as written, after one check per Pod', async () => {
    fake.tools.setRules([
      inPod('node-netshoot', ['iptables-nft-save', '-t', 'mangle'], { stdout: nftMangleWithHint }),
      inPod('node-netshoot', ['iptables-legacy', '-V'], notFound('iptables-legacy')),
      inPod('node-netshoot', ['iptables', '-V'], { stdout: 'iptables v1.8.11 (nf_tables)\n' }),
      inPod('node-netshoot', LIST, { stdout: listed }),
    ]);
    const target = { pod: 'node-netshoot', namespace: 'lab-05' };
    const r = await fake.cluster.exec(target, LIST, { timeoutMs: 5000 });
    expect(r.stdout).toBe(listed);
    expect(execs()).toEqual([['iptables-nft-save', '-t', 'mangle'], ['iptables', '-V'], ['iptables-legacy', '-V'], LIST]);
    await fake.cluster.exec(target, LIST, { timeoutMs: 5000 });
    expect(execs().slice(4)).toEqual([LIST]);
  });

  it('legacy node: the read is refused in both languages, naming the command that reads the rules, and iptables never runs', async () => {
    fake.tools.setRules([
      inPod('legacy-netshoot', ['iptables-nft-save', '-t', 'mangle'], {
        stdout: nftMangleEmpty,
        stderr: '# Warning: iptables-legacy tables present, use iptables-legacy-save to see them\n',
      }),
      inPod('legacy-netshoot', ['iptables-legacy-save'], notFound('iptables-legacy-save')),
      inPod('legacy-netshoot', ['iptables-legacy', '-V'], notFound('iptables-legacy')),
      inPod('legacy-netshoot', ['iptables', '-V'], { stdout: 'iptables v1.8.11 (nf_tables)\n' }),
      inPod('legacy-netshoot', ['hostname'], { stdout: 'kindlab-worker\n' }),
    ]);
    const err = (await fake.cluster.exec({ pod: 'legacy-netshoot', namespace: 'lab-05' }, LIST, { timeoutMs: 5000 }).catch((e: unknown) => e)) as Error & {
      text?: { ja: string; en: string };
    };
    expect(err.name).toBe('TextError');
    expect(err.text?.en).toContain('docker exec kindlab-worker iptables-legacy -t nat -L KUBE-SERVICES -n');
    expect(err.text?.ja).toContain('docker exec kindlab-worker iptables-legacy -t nat -L KUBE-SERVICES -n');
    expect(execs().some((argv) => argv[0] === 'iptables' && argv[1] === '-t')).toBe(false);
  });

  it('a Pod run that is not iptables asks nothing first', async () => {
    fake.tools.setRules([inPod('netshoot', ['curl', '-sI', 'http://web/'], { stdout: 'HTTP/1.1 200 OK\n' })]);
    await fake.cluster.exec({ pod: 'netshoot', namespace: 'lab-05' }, ['curl', '-sI', 'http://web/'], { timeoutMs: 5000 });
    expect(execs()).toEqual([['curl', '-sI', 'http://web/']]);
  });
});
