// The `-L` view the node-network netshoot steps print (lessons 05, 06, 08, 13): kube-proxy-shaped
// rules (expectations-world.ts kubeProxyNatRules, the shape of pkg/proxy/iptables/proxier.go) loaded
// with the real iptables-restore in a network namespace, read back with the real
// `iptables -t nat -L … -n` (plain, -v, --line-numbers) and `-S`. One rule reads the same in both
// views; positions (--line-numbers, or counted) say the order kube-proxy relies on.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runProcess } from '../../src/cluster/process.js';
import { kindByKey } from '../../src/expectations/index.js';
import type { Sample } from '../../src/expectations/expectation-kind.js';
import { parseIptables } from '../../src/parse/iptables.js';
import { kubeProxyNatRules, portProtoHash } from '../lessons/expectations-world.js';
import { describeRealTools, must, Netns, sampleOf, uniqueName } from './harness.js';

const check = (key: string, params: unknown, sample: Sample) => kindByKey(key)!.evaluate(params, { samples: [sample], profile: 'kindnet' });
const web = {
  namespace: 'lab-05',
  name: 'web',
  port: 'http',
  protocol: 'tcp' as const,
  clusterIP: '10.96.12.7',
  servicePort: 80,
  endpoints: ['10.244.1.5:8080', '10.244.2.6:8080', '10.244.2.7:8080'],
};
const svcChain = `KUBE-SVC-${portProtoHash('lab-05/web:http', 'tcp')}`;

describeRealTools("the -L view of kube-proxy's rules, as the node-network netshoot prints it", ['ip', 'iptables', 'iptables-restore'], () => {
  const node = new Netns(`${uniqueName('ipl')}n`);
  const out: Record<string, Sample> = {};

  beforeAll(async () => {
    await must(['ip', 'netns', 'add', node.name]);
    const restore = await runProcess(['ip', 'netns', 'exec', node.name, 'iptables-restore'], { timeoutMs: 10_000, input: kubeProxyNatRules([web]) });
    if (restore.exitCode !== 0) throw new Error(`iptables-restore failed: ${restore.stderr}`);
    const runs: Record<string, string[]> = {
      services: ['iptables', '-t', 'nat', '-L', 'KUBE-SERVICES', '-n'],
      servicesRules: ['iptables', '-t', 'nat', '-S', 'KUBE-SERVICES'],
      svc: ['iptables', '-t', 'nat', '-L', svcChain, '-n', '-v', '--line-numbers'],
      table: ['iptables', '-t', 'nat', '-L', '-n', '--line-numbers'],
      tableRules: ['iptables', '-t', 'nat', '-S'],
    };
    for (const [k, argv] of Object.entries(runs)) out[k] = sampleOf(await node.must(argv));
  });
  afterAll(async () => {
    await node.remove();
  });

  const serviceRule = {
    chain: 'KUBE-SERVICES',
    destination: '10.96.12.7/32',
    protocol: 'tcp',
    dport: 80,
    comment: 'lab-05/web:http cluster IP',
    jumpPrefix: 'KUBE-SVC-',
  };

  test('the same Service rule reads the same in -L and in -S (one typed rule, two views)', () => {
    const listed = parseIptables(out.services!.stdout);
    const rules = parseIptables(out.servicesRules!.stdout);
    expect(listed.source).toBe('list');
    expect(rules.source).toBe('rules');
    expect(listed.unreadLines).toEqual([]);
    const pick = (r: typeof listed) => r.rules.find((x) => x.comment === 'lab-05/web:http cluster IP')!;
    const fields = ['chain', 'protocol', 'destination', 'dport', 'comment', 'target'] as const;
    for (const f of fields) expect(pick(listed)[f], f).toEqual(pick(rules)[f]);
    expect(pick(listed).target).toBe(svcChain);
    for (const s of [out.services!, out.servicesRules!]) {
      expect(check('iptables.rule', serviceRule, s).pass).toBe(true);
      const other = check('iptables.rule', { ...serviceRule, destination: '10.96.12.99/32' }, s);
      expect(other.pass).toBe(false);
      expect(other.observed).toContain('10.96.12.7/32');
    }
  });

  test('-v --line-numbers of the KUBE-SVC chain: the masquerade rule first, then the jumps in order, the unconditional one last', () => {
    const r = parseIptables(out.svc!.stdout);
    expect(r.unreadLines).toEqual([]);
    expect(r.rules.map((x) => [x.position, x.target, x.probability])).toEqual([
      [1, 'KUBE-MARK-MASQ', undefined],
      [2, expect.stringMatching(/^KUBE-SEP-/), expect.closeTo(1 / 3, 6)],
      [3, expect.stringMatching(/^KUBE-SEP-/), expect.closeTo(0.5, 6)],
      [4, expect.stringMatching(/^KUBE-SEP-/), undefined],
    ]);
    expect(r.rules.every((x) => x.packets === 0 && x.bytes === 0)).toBe(true);
    const last = { chainPrefix: 'KUBE-SVC-', commentContains: 'lab-05/web:http ->', jumpPrefix: 'KUBE-SEP-', position: 4 };
    expect(check('iptables.rule', last, out.svc!).pass).toBe(true);
    const first = check('iptables.rule', { ...last, position: 1 }, out.svc!);
    expect(first.pass).toBe(false);
    expect(first.differs).toBe('no rule matches');
    expect(check('iptables.fairSplit', { chain: svcChain, endpoints: 3 }, out.svc!).pass).toBe(true);
  });

  test('the whole table with --line-numbers: positions count per chain, as -S counts them', () => {
    const listed = parseIptables(out.table!.stdout).rules.filter((x) => x.chain === svcChain);
    const rules = parseIptables(out.tableRules!.stdout).rules.filter((x) => x.chain === svcChain);
    expect(listed.map((x) => [x.position, x.target])).toEqual(rules.map((x) => [x.position, x.target]));
    const last = { chainPrefix: 'KUBE-SVC-', commentContains: 'lab-05/web:http ->', jumpPrefix: 'KUBE-SEP-', position: '{{n}}' };
    expect(check('iptables.rule', { ...last, position: 4 }, out.table!).pass).toBe(true);
    expect(check('iptables.rule', { ...last, position: 4 }, out.tableRules!).pass).toBe(true);
    expect(check('iptables.rule', { ...last, position: 5 }, out.table!).pass).toBe(false);
  });
});
