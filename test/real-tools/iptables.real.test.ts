// kube-proxy-shaped NAT rules loaded with the real iptables-restore in a namespace, then read back
// with iptables -t nat -L -n (plain and -v --line-numbers), -S and iptables-save: all three forms
// must give the same typed rules and the same verdicts.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseIptables } from '../../src/parse/iptables.js';
import { runProcess } from '../../src/cluster/process.js';
import { kindByKey } from '../../src/expectations/index.js';
import type { Sample } from '../../src/expectations/expectation-kind.js';
import { describeRealTools, must, Netns, sampleOf, uniqueName } from './harness.js';

const check = (key: string, params: unknown, sample: Sample) => kindByKey(key)!.evaluate(params, { samples: [sample], profile: 'kindnet' });
const RULES = new URL('./fixtures/kube-proxy-nat.rules', import.meta.url);

describeRealTools('kube-proxy NAT rules read back from iptables', ['ip', 'iptables', 'iptables-restore', 'iptables-save'], () => {
  const node = new Netns(`${uniqueName('ipt')}n`);
  const out: Record<string, Sample> = {};

  beforeAll(async () => {
    await must(['ip', 'netns', 'add', node.name]);
    const restore = await runProcess(['ip', 'netns', 'exec', node.name, 'iptables-restore'], { timeoutMs: 10_000, input: readFileSync(RULES, 'utf8') });
    if (restore.exitCode !== 0) throw new Error(`iptables-restore failed: ${restore.stderr}`);
    const runs: Record<string, string[]> = {
      save: ['iptables-save'],
      rules: ['iptables', '-t', 'nat', '-S'],
      svcRules: ['iptables', '-t', 'nat', '-S', 'KUBE-SVC-XPGD46QRK7WJZT7O'],
      list: ['iptables', '-t', 'nat', '-L', '-n'],
      listVerbose: ['iptables', '-t', 'nat', '-L', '-n', '-v', '--line-numbers'],
      services: ['iptables', '-t', 'nat', '-L', 'KUBE-SERVICES', '-n'],
      filter: ['iptables', '-L', '-n'],
    };
    for (const [key, argv] of Object.entries(runs)) out[key] = sampleOf(await node.must(argv));
  });

  afterAll(async () => {
    await node.remove();
  });

  const forms = ['save', 'rules', 'list', 'listVerbose'] as const;

  test('all forms read as the same rules with comments, probabilities and DNAT targets', () => {
    for (const form of forms) {
      const r = parseIptables(out[form]!.stdout);
      expect(r.unreadLines, form).toEqual([]);
      const svc = r.rules.filter((x) => x.chain === 'KUBE-SVC-XPGD46QRK7WJZT7O');
      expect(
        svc.map((x) => x.target),
        form,
      ).toEqual(['KUBE-MARK-MASQ', 'KUBE-SEP-SXIVWICOYRO3J4NJ', 'KUBE-SEP-RS4RBKLTHTF2IUXJ', 'KUBE-SEP-OYPFS5VJICHGATKP']);
      expect(svc[0], form).toMatchObject({
        protocol: 'tcp',
        source: '10.244.0.0/16',
        sourceNegated: true,
        destination: '10.96.12.7/32',
        dport: '80',
        comment: 'lab-05/web:http cluster IP',
      });
      expect(svc[1]!.probability, form).toBeCloseTo(1 / 3, 6);
      expect(svc[2]!.probability, form).toBeCloseTo(0.5, 6);
      expect(svc[3]!.probability, form).toBeUndefined();
      const dnat = r.rules.filter((x) => x.target === 'DNAT').map((x) => x.toDestination);
      expect(dnat, form).toEqual(expect.arrayContaining(['10.244.1.5:8080', '10.244.2.6:8080', '10.244.2.7:8080']));
      const masq = r.rules.find((x) => x.chain === 'KUBE-MARK-MASQ');
      expect(masq?.setMark, form).toMatch(/^(or 0x4000|set-xmark 0x4000\/0x4000)$/);
      expect(r.rules.find((x) => x.chain === 'KUBE-POSTROUTING' && x.target === 'RETURN')?.markMatch, form).toBe('! 0x4000/0x4000');
    }
  });

  test('a Service rule in KUBE-SERVICES is found by ClusterIP, port and jump prefix in every form', () => {
    for (const form of [...forms, 'services'] as const) {
      const rule = { chain: 'KUBE-SERVICES', destination: '10.96.12.7/32', dport: 80, jumpPrefix: 'KUBE-SVC-', commentContains: 'lab-05/web:http' };
      expect(check('iptables.rule', rule, out[form]!).pass, form).toBe(true);
      expect(check('iptables.rule', { ...rule, destination: '10.96.12.7' }, out[form]!).pass, form).toBe(true);
      const wrong = check('iptables.rule', { ...rule, dport: 8080 }, out[form]!);
      expect(wrong.pass, form).toBe(false);
      expect(wrong.observed, form).toContain('KUBE-SVC-XPGD46QRK7WJZT7O');
      expect(wrong.hint?.en).toContain('kube-proxy');
      expect(check('iptables.rule', { ...rule, dport: 8080, absent: true }, out[form]!).pass, form).toBe(true);
    }
  });

  test('the NodePort rule and the masquerade rule are found', () => {
    for (const form of forms) {
      expect(check('iptables.rule', { chain: 'KUBE-NODEPORTS', protocol: 'tcp', dport: '30080', jumpPrefix: 'KUBE-EXT-' }, out[form]!).pass, form).toBe(true);
      expect(check('iptables.rule', { chain: 'KUBE-SVC-XPGD46QRK7WJZT7O', source: '!10.244.0.0/16', target: 'KUBE-MARK-MASQ' }, out[form]!).pass, form).toBe(
        true,
      );
      expect(check('iptables.rule', { target: 'DNAT', toDestination: '10.244.2.7:8080' }, out[form]!).pass, form).toBe(true);
      expect(check('iptables.rule', { chain: 'KUBE-SVC-XPGD46QRK7WJZT7O', probability: '0.5' }, out[form]!).pass, form).toBe(true);
    }
  });

  test('DNAT rules of the Service count its endpoints', () => {
    for (const form of forms) {
      expect(check('iptables.count', { chainPrefix: 'KUBE-SEP-', target: 'DNAT', commentContains: 'lab-05/web:http', equals: 3 }, out[form]!).pass, form).toBe(
        true,
      );
      const v = check('iptables.count', { chainPrefix: 'KUBE-SEP-', target: 'DNAT', commentContains: 'lab-05/web:http', equals: '5' }, out[form]!);
      expect(v).toMatchObject({ pass: false, differs: '3 rule(s), not 5' });
    }
  });

  test("kube-proxy's split over 3 endpoints reads as fair; a skewed split does not", () => {
    for (const form of forms) {
      expect(check('iptables.fairSplit', { commentContains: 'lab-05/web:http', endpoints: 3 }, out[form]!).pass, form).toBe(true);
      expect(check('iptables.fairSplit', { chain: 'KUBE-SVC-XPGD46QRK7WJZT7O' }, out[form]!).pass, form).toBe(true);
      const four = check('iptables.fairSplit', { commentContains: 'lab-05/web:http', endpoints: '4' }, out[form]!);
      expect(four).toMatchObject({ pass: false, differs: '3 endpoints, not 4' });
      const skewed = check('iptables.fairSplit', { commentContains: 'lab-05/skewed:http' }, out[form]!);
      expect(skewed.pass, form).toBe(false);
      expect(skewed.differs).toContain('expected 0.50000');
      expect(skewed.hint?.en).toContain('1/(n-i+1)');
    }
    expect(check('iptables.fairSplit', { chain: 'KUBE-SVC-XPGD46QRK7WJZT7O', endpoints: 3 }, out.svcRules!).pass).toBe(true);
  });

  test('chains and policies are read', () => {
    expect(check('iptables.chain', 'KUBE-SVC-XPGD46QRK7WJZT7O', out.list!).pass).toBe(true);
    expect(check('iptables.chain', { name: 'FORWARD', policy: 'DROP' }, out.filter!).pass).toBe(true);
    expect(check('iptables.chain', { name: 'FORWARD', policy: 'DROP' }, out.save!).pass).toBe(true);
    expect(check('iptables.chain', { name: 'FORWARD', policy: 'ACCEPT' }, out.filter!)).toMatchObject({ pass: false, differs: 'policy DROP' });
    expect(check('iptables.chain', 'KUBE-SVC-NOPE', out.rules!)).toMatchObject({ pass: false, differs: 'no chain KUBE-SVC-NOPE' });
  });

  test('every truncation of the real outputs parses without throwing', () => {
    const texts = Object.values(out).map((s) => s.stdout);
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.nat(), (text, cut) => {
        const part = text.slice(0, cut % (text.length + 1));
        parseIptables(part);
        check('iptables.fairSplit', { commentContains: 'lab-05/web:http' }, { stdout: part, stderr: '', exitCode: 0, timedOut: false });
      }),
      { numRuns: 300 },
    );
  });
});
