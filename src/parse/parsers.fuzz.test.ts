// Every parser takes any text without throwing: random text, random lines built from the words
// the real tools print, and truncations (real outputs are truncated in test/real-tools).
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseCurl } from './curl.js';
import { parsers, detectDnsFormat } from './index.js';

const toolWords = [
  'Server:',
  'Address:',
  'Name:',
  '10.96.0.10#53',
  'canonical name =',
  'service =',
  'name =',
  "** server can't find",
  ': NXDOMAIN',
  ';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1',
  ';; flags: qr aa; QUERY: 1, ANSWER: 1',
  ';; ANSWER SECTION:',
  ';; QUESTION SECTION:',
  ';; SERVER: 10.96.0.10#53(10.96.0.10) (UDP)',
  'IN',
  'A',
  'SRV',
  '0 100 80',
  'web.lab-03.svc.cluster.local.',
  '\t',
  ' ',
  'HTTP/1.1 200 OK',
  '< ',
  '> ',
  '* Connected to',
  'curl: (7)',
  'Content-Type:',
  '\r',
  'Chain KUBE-SVC-X (policy ACCEPT)',
  'target     prot opt source               destination',
  '-A',
  '-N',
  '*nat',
  ':KUBE-SERVICES - [0:0]',
  '-m comment --comment "a b"',
  '"',
  '\\',
  '/* ns/svc:http */',
  'statistic mode random probability',
  '0.33333333349',
  'to:10.244.1.5:8080',
  '--',
  '!',
  'default via',
  'dev',
  'vxlan.calico',
  'proto',
  'scope link',
  'src',
  '[{"dst":',
  '{',
  ']',
  '1: eth0@if5: <UP> mtu 1500',
  'inet 10.0.0.1/24',
  'nameserver',
  'search',
  'options ndots:5',
  'ndots:x',
  '13:25:29.686827',
  'IP 10.96.0.2.42867 > 10.96.0.10.4789:',
  'VXLAN, flags [I] (0x08), vni 4096',
  'IP 10.244.0.0 > 10.244.1.0:',
  'ICMP echo request',
];

const toolLike = fc
  .array(
    fc.array(fc.constantFrom(...toolWords), { maxLength: 8 }).map((ws) => ws.join(' ')),
    { maxLength: 30 },
  )
  .map((lines) => lines.join('\n'));

describe('parsers never throw', () => {
  for (const [format, parse] of Object.entries(parsers)) {
    test(`${format} reads random text without throwing and keeps it raw`, () => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), toolLike), (text) => {
          const result = parse(text) as { raw?: string; parsed?: boolean };
          expect(typeof result.raw).toBe('string');
        }),
        { numRuns: 400 },
      );
    });

    test(`${format} reads every truncation of tool-like text without throwing`, () => {
      fc.assert(
        fc.property(toolLike, fc.nat(), (text, cut) => {
          parse(text.slice(0, cut % (text.length + 1)));
        }),
        { numRuns: 300 },
      );
    });
  }

  test('curl with any exit code and streams does not throw', () => {
    fc.assert(
      fc.property(toolLike, toolLike, fc.integer({ min: -1, max: 200 }), fc.boolean(), (stdout, stderr, exitCode, timedOut) => {
        const r = parseCurl({ stdout, stderr, exitCode, timedOut });
        expect(['ok', 'http-error', 'resolve-failed', 'refused', 'timeout', 'other', 'unknown']).toContain(r.outcome);
      }),
      { numRuns: 300 },
    );
  });

  test('unreadable text is a result that says so, with the raw text kept', () => {
    for (const [format, parse] of Object.entries(parsers)) {
      const r = parse('this is not tool output') as { parsed: boolean; raw: string };
      expect(r.parsed, format).toBe(false);
      expect(r.raw, format).toBe('this is not tool output');
    }
    expect(detectDnsFormat('')).toBe('dig');
  });
});
