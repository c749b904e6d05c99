// The rewritten iptables parser (src/parse/iptables*.ts: a word reader instead of a words array per
// rule, split into files by job) gives exactly what the parser before it gave (iptables-before.ts,
// frozen), key order and undefined keys included: on real iptables-save, -S and -L output of the
// fixture and of the bench's 5,000 Services, on the generated table, and on random lines.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { parseIptables } from '../../src/parse/iptables.js';
import { splitWords } from '../../src/parse/iptables.js';
import { parseIptables as parseBefore, splitWords as splitBefore } from './iptables-before.js';
import { describeRealTools, must, Netns, uniqueName } from '../real-tools/harness.js';

const FIXTURE = readFileSync(new URL('../real-tools/fixtures/kube-proxy-nat.rules', import.meta.url), 'utf8');
const benchInputs = (): Promise<{ kubeProxyNatRules: (services: number) => string }> => import('../../scripts/bench-inputs.mjs' as string);

// JSON with undefined kept (as null): the same text means the same keys, in the same order, with the same values.
const text = (x: unknown) => JSON.stringify(x, (_k, v: unknown) => (v === undefined ? null : v));

/** Same result as the parser before: what `kindlab parse` prints, and every key set to undefined too. */
function same(input: string, what: string): void {
  const now = parseIptables(input);
  const before = parseBefore(input);
  expect(JSON.stringify(now), what).toBe(JSON.stringify(before));
  expect(text(now), what).toBe(text(before));
}

describe('the iptables parser reads as it did before its rewrite', () => {
  it('the generated nat table of 5,000 Services (iptables-restore input) and the fixture', async () => {
    const table = (await benchInputs()).kubeProxyNatRules(5000);
    same(table, '5,000 Services');
    expect(parseIptables(table).rules.length).toBe(55_008);
    same(FIXTURE, 'fixture');
  });

  // Words iptables prints, with the odd spacing, quotes, escapes and negations a hand-written line has.
  const word = fc.constantFrom(
    '-A',
    '-I',
    '-N',
    '-P',
    '-S',
    '1',
    '3',
    'KUBE-SVC-X',
    'INPUT',
    '!',
    '-s',
    '--source',
    '-d',
    '--destination',
    '-p',
    '--protocol',
    'tcp',
    'UDP',
    '6',
    '0',
    'all',
    '-i',
    '-o',
    '--in-interface',
    'eth0',
    '-m',
    '--match',
    'comment',
    'mark',
    'statistic',
    'tcp',
    '--comment',
    '"ns/svc:http cluster IP"',
    '"a b"',
    '""',
    '"x',
    'a\\ b',
    '\\"q\\"',
    'c\\',
    '--dport',
    '--dports',
    '--destination-port',
    '--sport',
    '--source-ports',
    '80',
    '30000:32767',
    '80,443',
    '--probability',
    '0.5',
    'x',
    '--mark',
    '0x4000/0x4000',
    '-j',
    '--jump',
    '-g',
    '--goto',
    'DNAT',
    'MARK',
    '--to-destination',
    '10.244.1.5:8080',
    '--to-source',
    '--set-xmark',
    '--or-mark',
    '--xor-mark',
    '--and-mark',
    '-c',
    '--set-counters',
    '10',
    '20',
    '[1:2]',
    '[x]',
    '10.96.0.1',
    '10.0.0.0/8',
    '0.0.0.0/0',
    'fd00::1',
    '::/0',
    '--mode',
    'random',
    '*nat',
    ':KUBE-A',
    '-',
    'ACCEPT',
    '[0:0]',
    'COMMIT',
    '#',
    'Chain',
    '(policy',
    'ACCEPT)',
    'target',
    'prot',
    'opt',
    'source',
    'destination',
    '--',
    '!s',
    '!-j',
    '-x',
    '-!',
    '--x',
    '"-j"',
    '"!"',
    '-\\j',
    '--comment\\ x',
    '"--dport"',
  );
  const gap = fc.constantFrom(' ', ' ', ' ', '  ', '\t', ' \u00a0', '\u3000');
  const line = fc.tuple(fc.array(fc.tuple(word, gap), { maxLength: 14 }), fc.constantFrom('', ' ', '\r')).map(
    ([ws, end]) =>
      ws
        .map(([w, g]) => w + g)
        .join('')
        .trimEnd() + end,
  );

  it('12,000 random lines, one at a time and as tables after *nat, -N and Chain headers', () => {
    fc.assert(
      fc.property(line, (l) => {
        expect(splitWords(l)).toEqual(splitBefore(l));
        for (const text of [l, `*nat\n:A - [0:0]\n${l}\nCOMMIT`, `-N A\n${l}`, `-A A -j B\n${l}\n-A A -j C`]) same(text, JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 30 }),
        fc.constantFrom('*nat\n', '*filter\n:INPUT ACCEPT [3:4]\n', '-N KUBE-SVC-X\n', ''),
        (ls, head) => {
          same(head + ls.join('\n'), 'table');
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describeRealTools(
  'the iptables parser reads real iptables output as it did before its rewrite',
  ['ip', 'iptables', 'iptables-restore', 'iptables-save'],
  () => {
    const node = new Netns(`${uniqueName('ipd')}n`);
    const outputs: Record<string, string> = {};
    const forms: Record<string, string[]> = {
      'iptables-save': ['iptables-save'],
      'iptables-save -c': ['iptables-save', '-c'],
      'iptables -t nat -S': ['iptables', '-t', 'nat', '-S'],
      'iptables -t nat -L -n': ['iptables', '-t', 'nat', '-L', '-n'],
      'iptables -t nat -L -n -v': ['iptables', '-t', 'nat', '-L', '-n', '-v'],
      'iptables -t nat -L -n -v -x --line-numbers': ['iptables', '-t', 'nat', '-L', '-n', '-v', '-x', '--line-numbers'],
      'iptables -L -n': ['iptables', '-L', '-n'],
    };

    beforeAll(async () => {
      await must(['ip', 'netns', 'add', node.name]);
      for (const [name, rules] of [
        ['fixture', FIXTURE],
        ['5,000 Services', (await benchInputs()).kubeProxyNatRules(5000)],
      ] as const) {
        await must(['ip', 'netns', 'exec', node.name, 'iptables', '-t', 'nat', '-F']);
        await must(['ip', 'netns', 'exec', node.name, 'iptables', '-t', 'nat', '-X']);
        const { runProcess } = await import('../../src/cluster/process.js');
        const restore = await runProcess(['ip', 'netns', 'exec', node.name, 'iptables-restore'], { timeoutMs: 60_000, input: rules });
        if (restore.exitCode !== 0) throw new Error(`iptables-restore failed: ${restore.stderr}`);
        // The large table in the forms a learner meets most; every form of the fixture.
        for (const [form, argv] of Object.entries(forms)) {
          if (name === 'fixture' || ['iptables-save -c', 'iptables -t nat -S', 'iptables -t nat -L -n -v -x --line-numbers'].includes(form)) {
            outputs[`${name}: ${form}`] = (await node.must(argv, 60_000)).stdout;
          }
        }
      }
    }, 300_000);

    afterAll(async () => {
      await node.remove();
    });

    test('every form of both tables', () => {
      expect(Object.keys(outputs)).toHaveLength(10);
      for (const [what, output] of Object.entries(outputs)) {
        expect(output.length, what).toBeGreaterThan(100);
        same(output, what);
      }
      expect(parseIptables(outputs['5,000 Services: iptables-save -c']!).rules.length).toBeGreaterThan(50_000); // the big table was read
    }, 180_000);
  },
);
