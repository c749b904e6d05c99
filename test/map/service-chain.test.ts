// The serviceChain picture from kube-proxy's nat rules: pure on the rules file (written in
// kube-proxy's shape, see its header), and the same picture from the real iptables-save after the
// real iptables-restore loaded those rules into a network namespace.
import { readFileSync } from 'node:fs';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseIptables } from '../../src/parse/iptables.js';
import { serviceChainFrom, type ServiceChainPicture } from '../../src/engine/diagram/service-chain.js';
import { renderDiagramText } from '../../src/ui/map/diagram-text.js';
import { describeRealTools, must, Netns, run, uniqueName } from '../real-tools/harness.js';

const RULES = readFileSync(new URL('../real-tools/fixtures/kube-proxy-nat.rules', import.meta.url), 'utf8');

function expectWebChain(picture: ServiceChainPicture) {
  expect(picture.entries).toHaveLength(1);
  const [entry] = picture.entries;
  expect(entry).toMatchObject({ clusterIP: '10.96.12.7', port: '80', protocol: 'tcp', svcChain: 'KUBE-SVC-XPGD46QRK7WJZT7O' });
  expect(entry!.endpoints.map((e) => [e.sep, e.dnat])).toEqual([
    ['KUBE-SEP-SXIVWICOYRO3J4NJ', '10.244.1.5:8080'],
    ['KUBE-SEP-RS4RBKLTHTF2IUXJ', '10.244.2.6:8080'],
    ['KUBE-SEP-OYPFS5VJICHGATKP', '10.244.2.7:8080'],
  ]);
  // iptables stores the probability in 31 bits: iptables-save prints 0.33333333349 for kube-proxy's 0.3333333333.
  expect(entry!.endpoints[0]!.probability).toBeCloseTo(1 / 3, 8);
  expect(entry!.endpoints[1]!.probability).toBeCloseTo(0.5, 8);
  expect(entry!.endpoints[2]!.probability).toBeUndefined();
  // 1/3, then 1/2 of the rest, then the rest: a third each.
  for (const e of entry!.endpoints) expect(e.share).toBeCloseTo(1 / 3, 6);
  expect(picture.nodePorts).toEqual([{ port: '30080', protocol: 'tcp', extChain: 'KUBE-EXT-XPGD46QRK7WJZT7O', svcChain: 'KUBE-SVC-XPGD46QRK7WJZT7O' }]);
}

describe('serviceChain picture', () => {
  test('web: KUBE-SERVICES → KUBE-SVC with 1/3, 1/2, rest → three KUBE-SEP DNATs, a third of new connections each; NodePort 30080 → KUBE-EXT → the same KUBE-SVC', () => {
    expectWebChain(serviceChainFrom(parseIptables(RULES), 'lab-05', 'web'));
  });

  test("a 90/10 split shows as 90% and 10%; another namespace's Service of the same name is not picked", () => {
    const skewed = serviceChainFrom(parseIptables(RULES), 'lab-05', 'skewed');
    expect(skewed.entries[0]!.endpoints.map((e) => Math.round(e.share * 100))).toEqual([90, 10]);
    expect(serviceChainFrom(parseIptables(RULES), 'lab-06', 'web').entries).toEqual([]);
  });

  test('drawn in the terminal, in both languages, within 80 columns', async () => {
    const d = {
      kind: 'serviceChain' as const,
      node: 'kindlab-worker',
      picture: serviceChainFrom(parseIptables(RULES), 'lab-05', 'web'),
      commands: [['docker', 'exec', 'kindlab-worker', 'iptables-save', '-t', 'nat']],
    };
    for (const lang of ['ja', 'en'] as const) {
      const text = renderDiagramText(d, { lang, width: 80, ascii: false });
      await expect(text).toMatchFileSnapshot(`__snapshots__/service-chain-${lang}-80.txt`);
      expect(text).toContain('└─ 33.3% ' + (lang === 'ja' ? '残り全部' : 'the rest') + ' → KUBE-SEP-OYPFS5VJICHGATKP → DNAT 10.244.2.7:8080');
      expect(text).toContain('├─ 33.3% p=0.3333 → KUBE-SEP-SXIVWICOYRO3J4NJ → DNAT 10.244.1.5:8080');
      for (const line of text.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
    }
  });
});

describeRealTools('serviceChain picture from the real iptables-save', ['ip', 'iptables-restore', 'iptables-save'], () => {
  const ns = new Netns(`${uniqueName('svc')}m`);
  let saved = '';
  beforeAll(async () => {
    await must(['ip', 'netns', 'add', ns.name]);
    const restore = await (
      await import('../../src/cluster/process.js')
    ).runProcess(['ip', 'netns', 'exec', ns.name, 'iptables-restore'], { timeoutMs: 10_000, input: RULES });
    if (restore.exitCode !== 0) throw new Error(`iptables-restore failed: ${restore.stderr}`);
    saved = (await ns.must(['iptables-save', '-t', 'nat'])).stdout;
  });
  afterAll(async () => {
    await ns.remove();
    void run;
  });

  test('the picture read from `iptables-save -t nat` (what the lesson diagram runs on the node) is the same', () => {
    expect(saved).toContain('KUBE-SVC-XPGD46QRK7WJZT7O');
    expectWebChain(serviceChainFrom(parseIptables(saved), 'lab-05', 'web'));
  });
});
