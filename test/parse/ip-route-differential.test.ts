// The faster ip-route parser (src/parse/ip-route.ts: routes made by a constructor, keys read with
// their field) gives exactly what the parser before it gave (ip-route-before.ts, frozen), key order,
// undefined keys and plain-object prototype included: on the bench's 20,000 routes in both of its
// forms, on thousands of random route lines and tables, and on real `ip route` output.
import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { parseIpRoute } from '../../src/parse/ip-route.js';
import { parseIpRoute as parseBefore } from './ip-route-before.js';
import { describeRealTools, must, Netns, uniqueName } from '../real-tools/harness.js';

// JSON with undefined kept (as null): the same text means the same keys, in the same order, with the same values.
const text = (x: unknown) => JSON.stringify(x, (_k, v: unknown) => (v === undefined ? null : v));

/** Same result as the parser before: what `kindlab parse` prints, every key set to undefined, and how Node shows it. */
function same(input: string, what: string, shown = true): void {
  const now = parseIpRoute(input);
  const before = parseBefore(input);
  expect(JSON.stringify(now), what).toBe(JSON.stringify(before));
  expect(text(now), what).toBe(text(before));
  // util.inspect names a class: a route must stay a plain object (prototype Object.prototype).
  if (shown) expect(inspect(now, { depth: null }), what).toBe(inspect(before, { depth: null }));
  for (const route of now.routes) expect(Object.getPrototypeOf(route), what).toBe(Object.prototype);
}

/** The bench's route table (scripts/bench-inputs.mjs, ipInputs): as real `ip route` prints it, or as generated without ip. */
function benchRoutes(form: 'real' | 'generated', count = 20_000): string {
  const lines = Array.from({ length: count }, (_, i) => `10.${100 + (i >> 16)}.${(i >> 8) & 255}.${i & 255} via 192.168.7.${(i % 200) + 2} dev d0 proto bird`);
  if (form === 'generated') return `default via 192.168.7.1 dev d0\n${lines.join('\n')}\n`;
  return `${lines.map((l) => `${l} \n`).join('')}192.168.7.0/24 dev d0 proto kernel scope link src 192.168.7.1 \n`;
}

describe('the ip-route parser reads as it did before it was made faster', () => {
  it("the bench's 20,000 routes, as real ip prints them and as generated", () => {
    for (const form of ['real', 'generated'] as const) {
      const table = benchRoutes(form);
      same(table, form, false);
      expect(parseIpRoute(table).routes).toHaveLength(20_001);
      same(benchRoutes(form, 300), `${form}, 300 routes`); // small enough for util.inspect
    }
  });

  // Words `ip route`, `ip -d route`, `ip -6 route` and `ip route get` print, and odd ones: keys
  // named like Object.prototype's members, capitals, a type where a destination belongs.
  const word = fc.constantFrom(
    'default',
    '10.244.1.0/24',
    '10.96.0.1',
    '192.168.7.2',
    '0.0.0.0/0',
    'fe80::/64',
    'fe80::1',
    '2001:db8::/32',
    '::1',
    'ff00::/8',
    '10.0.0.0/',
    '10.1.2.3/33x',
    'abc',
    'ABC:1',
    'unicast',
    'local',
    'broadcast',
    'multicast',
    'anycast',
    'blackhole',
    'unreachable',
    'prohibit',
    'throw',
    'nat',
    'via',
    'inet',
    'inet6',
    'dev',
    'eth0',
    'cali1a2b3c4d5e6',
    'vxlan.calico',
    'proto',
    'kernel',
    'bird',
    'static',
    'boot',
    'ra',
    'scope',
    'link',
    'host',
    'global',
    'src',
    'metric',
    '100',
    '1024',
    '0',
    '1e3',
    '0x10',
    '-1',
    'x',
    'table',
    'local',
    'main',
    '255',
    'mtu',
    'lock',
    '1450',
    'advmss',
    'uid',
    'pref',
    'medium',
    'high',
    'realm',
    'expires',
    '300sec',
    'hoplimit',
    'initcwnd',
    'initrwnd',
    'rtt',
    'rttvar',
    'weight',
    '1',
    'tos',
    'dsfield',
    'from',
    'iif',
    'lo',
    'error',
    '-113',
    'mark',
    '0x1',
    'encap',
    'mpls',
    'nhid',
    '7',
    'quickack',
    'congctl',
    'reno',
    'onlink',
    'linkdown',
    'dead',
    'pervasive',
    'offload',
    'rt_offload',
    'ttl-propagate',
    'cache',
    'nexthop',
    'rto_min',
    'features',
    'ecn',
    'ssthresh',
    'cwnd',
    'fastopen_no_cookie',
    'constructor',
    '__proto__',
    'toString',
    'valueOf',
    'hasOwnProperty',
    'prototype',
    'VIA',
    'Dev',
    'Metric',
    'é',
    'ü-x',
    '\u200b',
    'dev\u00e9',
    'metricx',
  );
  // ASCII and Unicode spaces (what `\s` matches), and a zero-width space and U+0085, which it does not.
  const gap = fc.constantFrom(
    ' ',
    ' ',
    ' ',
    ' ',
    '  ',
    '\t',
    '\u00a0',
    '\u1680',
    '\u2003',
    '\u2028',
    '\u202f',
    '\u3000',
    '\ufeff',
    '\u000b',
    '\u0085',
    '\u200b',
  );
  const words = fc.array(fc.tuple(word, gap), { maxLength: 14 }).map((ws) => ws.map(([w, g]) => w + g).join(''));
  const indent = fc.constantFrom('', '', '', ' ', '\t', '    ', '\u00a0', '\u3000');
  const end = fc.constantFrom('', '', ' ', '\r', '\t', '\u00a0');
  const special = fc.constantFrom(
    'nexthop via 10.0.0.1 dev eth0 weight 1',
    'nexthop via 10.0.0.2  dev eth1 weight 2 dead',
    'nexthop via inet6 fe80::1 dev eth0 weight 1',
    'nexthop dev eth0 weight 3',
    'nexthop via 10.0.0.3 weight x',
    'nexthop via 10.0.0.4',
    'cache',
    'cache expires 300sec mtu 1450',
    'RTNETLINK answers: Network is unreachable',
    'Error: any valid prefix is expected rather than "x".',
    'RTNETLINK answers:',
    'Error:',
    'Errors: x',
    'local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1',
    'unicast 10.244.0.0/24 dev eth0 proto kernel scope link src 10.244.0.5 rto_min lock 5ms',
    'blackhole 10.9.0.0/16 proto bird',
    'unreachable 10.8.0.0/16 metric 1024 error -113',
    'prohibit 10.7.0.0/16',
    'throw 10.6.0.0/16 table 100',
    'default proto ra metric 1024 expires 1790sec pref medium',
    '10.1.0.0/16 proto static',
  );
  const line = fc.tuple(indent, fc.oneof({ weight: 3, arbitrary: words }, { weight: 1, arbitrary: special }), end).map(([i, w, e]) => i + w + e);

  it('3,000 random lines, alone and after a route (continuations), and 2,000 random tables', () => {
    fc.assert(
      fc.property(line, (l) => {
        for (const input of [
          l,
          `10.0.0.0/8 via 10.0.0.1 dev eth0\n${l}`,
          `default via 10.0.0.1 dev eth0 proto dhcp metric 100\r\n${l}\r\n10.2.0.0/16 dev eth1`,
          `${l}\n${l}`,
        ]) {
          same(input, JSON.stringify(input));
        }
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\r\n'), (ls, newline) => {
        same(ls.join(newline), 'table');
      }),
      { numRuns: 2000 },
    );
  });

  it('the JSON form (`ip -j route`) and inputs that are no route table', () => {
    for (const input of [
      '',
      ' ',
      '\n',
      '[]',
      '[{"dst":"default","gateway":"10.0.0.1","dev":"eth0","flags":["onlink"],"metric":5}]',
      '[1,"x",null]',
      '{"dst":"x"}',
      'no routes here',
    ]) {
      same(input, JSON.stringify(input));
    }
  });
});

describeRealTools('the ip-route parser reads real ip output as it did before it was made faster', ['ip'], () => {
  const node = new Netns(`${uniqueName('ird')}n`);
  const outputs: Record<string, string> = {};
  // Every kind of route ip prints, beside the bench's 20,000 (the bench makes them the same way).
  const extra = [
    'route add 10.200.0.0/24 dev d0 proto static scope link metric 5 mtu 1400',
    'route add 10.201.0.0/24 via 192.168.7.9 dev d0 onlink',
    'route add blackhole 10.202.0.0/16 proto bird',
    'route add unreachable 10.203.0.0/16 metric 1024',
    'route add prohibit 10.204.0.0/16',
    'route add throw 10.205.0.0/16 table 100',
    'route add 10.206.0.0/16 table 100 via 192.168.7.3 dev d0',
    'route add local 10.207.0.1 dev d0 table local',
    'route add 10.208.0.0/16 nexthop via 192.168.7.4 dev d0 weight 1 nexthop via 192.168.7.5 dev d0 weight 3',
    'route add 10.209.0.0/16 via 192.168.7.6 dev d0 src 192.168.7.1 advmss 1360 initcwnd 10 realm 3',
  ];
  const ipv6 = [
    ['address', 'add', '2001:db8::1/64', 'dev', 'd0', 'nodad'],
    ['route', 'add', '2001:db8:1::/48', 'via', '2001:db8::2', 'dev', 'd0', 'metric', '10', 'pref', 'high'],
    ['route', 'add', 'unreachable', '2001:db8:2::/48'],
    [
      'route',
      'add',
      '2001:db8:3::/48',
      'nexthop',
      'via',
      '2001:db8::3',
      'dev',
      'd0',
      'weight',
      '1',
      'nexthop',
      'via',
      '2001:db8::4',
      'dev',
      'd0',
      'weight',
      '2',
    ],
  ];
  const forms: Record<string, string[]> = {
    'ip route': ['ip', 'route'],
    'ip -d route': ['ip', '-d', 'route'],
    'ip route show table all': ['ip', 'route', 'show', 'table', 'all'],
    'ip -d route show table all': ['ip', '-d', 'route', 'show', 'table', 'all'],
    'ip -6 route': ['ip', '-6', 'route'],
    'ip -d -6 route show table all': ['ip', '-d', '-6', 'route', 'show', 'table', 'all'],
    'ip -j route': ['ip', '-j', 'route'],
    'ip route get 10.100.0.7': ['ip', 'route', 'get', '10.100.0.7'],
    'ip route get 10.202.0.1': ['ip', 'route', 'get', '10.202.0.1'],
    'ip -6 route get 2001:db8:3::1': ['ip', '-6', 'route', 'get', '2001:db8:3::1'],
  };

  beforeAll(async () => {
    await must(['ip', 'netns', 'add', node.name]);
    const batch = Array.from(
      { length: 20_000 },
      (_, i) => `route add 10.${100 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}/32 via 192.168.7.${(i % 200) + 2} dev d0 proto bird`,
    );
    const { runProcess } = await import('../../src/cluster/process.js');
    await node.must(['ip', 'link', 'add', 'd0', 'type', 'veth', 'peer', 'name', 'd1']);
    for (const argv of [
      ['ip', 'link', 'set', 'lo', 'up'],
      ['ip', 'link', 'set', 'd0', 'up'],
      ['ip', 'link', 'set', 'd1', 'up'],
      ['ip', 'addr', 'add', '192.168.7.1/24', 'dev', 'd0'],
    ]) {
      await node.must(argv);
    }
    const added = await runProcess(['ip', 'netns', 'exec', node.name, 'ip', '-batch', '-'], {
      timeoutMs: 60_000,
      input: [...batch, ...extra].join('\n') + '\n',
    });
    if (added.exitCode !== 0) throw new Error(`ip -batch failed: ${added.stderr}`);
    for (const argv of ipv6) await node.must(['ip', '-6', ...argv]);
    for (const [form, argv] of Object.entries(forms)) {
      // `ip route get` through a blackhole fails with an RTNETLINK answer on stderr, which is read too.
      const shown = argv.includes('get') ? await node.exec(argv, 60_000) : await node.must(argv, 60_000);
      outputs[form] = shown.stdout + shown.stderr;
    }
    // `ip route get` of an address with no route: the RTNETLINK answer, on stderr.
    await node.must(['ip', 'route', 'flush', 'table', 'main']);
    const unreachable = await node.exec(['ip', 'route', 'get', '10.99.0.1']);
    outputs['ip route get (no route)'] = unreachable.stdout + unreachable.stderr;
  }, 300_000);

  afterAll(async () => {
    await node.remove();
  });

  test('every form, with the 20,000 routes and every route type', () => {
    expect(Object.keys(outputs)).toHaveLength(11);
    for (const [what, output] of Object.entries(outputs)) {
      expect(output.length, what).toBeGreaterThan(10);
      same(output, what, output.length < 100_000);
    }
    expect(parseIpRoute(outputs['ip -d route']!).routes.length).toBeGreaterThan(20_000); // the big table was read
    expect(parseIpRoute(outputs['ip route']!).routes.find((r) => r.dst === '10.208.0.0/16')?.nexthops).toHaveLength(2);
    expect(parseIpRoute(outputs['ip route get (no route)']!).error).toMatch(/unreachable/i);
  }, 180_000);
});
