// Every verdict a learner reads after a check exists in Japanese too: each expectation kind, passing
// and failing, fills `ja`, and the report picks the learner's language.
//
// Tool outputs below are typed by hand in the formats the tools print (bind9 nslookup and dig,
// curl -i and -w '%{http_code}', iproute2 ip route / ip route get / ip addr, kubelet's resolv.conf,
// tcpdump -n): they are not recordings. The iptables rules are the fixture the real-tools suite
// loads with iptables-restore (its header says how it was written).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Observation, Sample, Verdict } from '../src/expectations/expectation-kind.js';
import { allKinds, kindByKey } from '../src/expectations/index.js';
import { localVerdict } from '../src/ui/check-report.js';
import { Output } from '../src/ui/output.js';
import { ProseScanner } from './english-prose.js';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

const run = (stdout: string, more: Partial<Sample> = {}): Sample => ({ stdout, stderr: '', exitCode: 0, timedOut: false, ...more });
const ran = (...samples: Sample[]): Observation => ({ samples, profile: 'kindnet' });
const answers = (...outs: string[]) => ran(...outs.map((o) => run(`${o}\n`)));
const readValue = (value: unknown): Observation => ({ samples: [run('')], value, profile: 'kindnet' });

// ------------------------------------------------------------------ outputs in the tools' formats

const NSLOOKUP_OK = `Server:\t\t10.96.0.10
Address:\t10.96.0.10#53

Name:\tweb.lab-03.svc.cluster.local
Address: 10.96.3.10

`;

const NSLOOKUP_NXDOMAIN = `Server:\t\t10.96.0.10
Address:\t10.96.0.10#53

** server can't find web.lab-03: NXDOMAIN

`;

const NSLOOKUP_CNAME = `Server:\t\t10.96.0.10
Address:\t10.96.0.10#53

ext.lab-03.svc.cluster.local\tcanonical name = web.example.com.
Name:\tweb.example.com
Address: 192.0.2.10

`;

const DIG_SRV = `
; <<>> DiG 9.18.33-1~deb12u2-Debian <<>> SRV _http._tcp.web.lab-03.svc.cluster.local
;; global options: +cmd
;; Got answer:
;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 24331
;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1
;; WARNING: recursion requested but not available

;; QUESTION SECTION:
;_http._tcp.web.lab-03.svc.cluster.local. IN SRV

;; ANSWER SECTION:
_http._tcp.web.lab-03.svc.cluster.local. 30 IN SRV 0 100 80 web.lab-03.svc.cluster.local.

;; Query time: 1 msec
;; SERVER: 10.96.0.10#53(10.96.0.10) (UDP)
;; WHEN: Mon Jun 02 10:00:00 UTC 2025
;; MSG SIZE  rcvd: 150

`;

const CURL_I = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nX-Served-By: web-7c9d8f6b5-k2m4x\r\nContent-Length: 6\r\n\r\nhello\n';
const CURL_REFUSED = run('', { exitCode: 7, stderr: "curl: (7) Failed to connect to 10.96.5.10 port 80 after 1 ms: Couldn't connect to server\n" });
const CURL_TIMEOUT = run('', { exitCode: 28, stderr: 'curl: (28) Connection timed out after 2001 milliseconds\n' });

const IPTABLES = readFileSync(new URL('./real-tools/fixtures/kube-proxy-nat.rules', import.meta.url), 'utf8');

const IP_ROUTE = `default via 172.18.0.1 dev eth0
10.244.0.0/24 via 172.18.0.2 dev eth0
10.244.1.2 dev veth3a9c1f2e scope host
172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3
`;

const IP_ROUTE_GET = `10.244.0.5 via 172.18.0.2 dev eth0 src 172.18.0.3 uid 0
    cache
`;

const IP_ADDR = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
2: eth0@if9: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
    link/ether 5a:0e:2b:41:7c:11 brd ff:ff:ff:ff:ff:ff link-netnsid 0
    inet 10.244.1.5/24 brd 10.244.1.255 scope global eth0
       valid_lft forever preferred_lft forever
`;

const RESOLV = `search lab-04.svc.cluster.local svc.cluster.local cluster.local
nameserver 10.96.0.10
options ndots:5
`;

const TCPDUMP_VXLAN = `13:25:29.686827 IP 172.18.0.2.42867 > 172.18.0.3.4789: VXLAN, flags [I] (0x08), vni 4096
IP 10.244.0.5 > 10.244.1.6: ICMP echo request, id 7, seq 1, length 64
13:25:29.686901 IP 172.18.0.3.51020 > 172.18.0.2.4789: VXLAN, flags [I] (0x08), vni 4096
IP 10.244.1.6 > 10.244.0.5: ICMP echo reply, id 7, seq 1, length 64
`;

// ------------------------------------------------------------------ one or more cases per kind

interface Case {
  key: string;
  params: unknown;
  observation: Observation;
  pass: boolean;
  /** What the case shows, for the test name. */
  about: string;
}

const ok = (key: string, params: unknown, observation: Observation, about: string): Case => ({ key, params, observation, pass: true, about });
const bad = (key: string, params: unknown, observation: Observation, about: string): Case => ({ key, params, observation, pass: false, about });

const cases: Case[] = [
  ok('exitCode', 0, ran(run('hello')), 'exit code 0'),
  bad('exitCode', 0, ran(CURL_REFUSED), 'exit code 7 with stderr'),
  ok('stdout.contains', ['hello', 'web'], answers('hello from web'), 'both texts there'),
  bad('stdout.contains', ['hello', 'web'], answers('hello from api'), 'one text missing'),
  ok('stdout.notContains', 'error', answers('hello'), 'text absent'),
  bad('stdout.notContains', 'hello', answers('hello'), 'text present'),
  ok('stdout.matches', '^hello-[ab]$', answers('hello-a'), 'line matches'),
  bad('stdout.matches', '^hello-[ab]$', answers('hello-c'), 'no line matches'),
  ok('equals', 'Running', readValue('Running'), 'value equal'),
  bad('equals', 3, readValue(undefined), 'field absent'),
  ok('oneOf', ['hello-a', 'hello-b', 'hello-c'], answers('hello-b'), 'answer in the list'),
  bad('oneOf', ['hello-a', 'hello-b'], answers('hello-z'), 'answer not in the list'),
  ok('exists', true, readValue('10.96.3.10'), 'field present'),
  bad('exists', false, readValue(['10.244.2.11']), 'field present but should be absent'),
  bad('exists', true, readValue(undefined), 'field absent'),
  ok('count', 2, readValue(['10.244.2.11', '10.244.2.12']), 'two items'),
  bad('count', 3, readValue(['10.244.2.11']), 'one item'),
  ok('distinct.atLeast', 2, answers('hello-a', 'hello-b', 'hello-a'), 'two answers seen'),
  bad('distinct.atLeast', 2, ran(run('', { exitCode: 7 }), run('', { exitCode: 7 })), 'no successful samples'),
  ok('distinct.covers', ['hello-a', 'hello-b'], answers('hello-a', 'hello-b'), 'both seen, nothing else'),
  bad('distinct.covers', ['hello-a', 'hello-b'], answers('hello-a', 'hello-c'), 'one never seen, one unexpected'),
  ok('share', { value: 'v1', expected: 0.9, tolerance: 0.1 }, answers(...Array(9).fill('v1'), 'v2'), '9 of 10'),
  bad('share', { value: 'v1', expected: 0.9, tolerance: 0.1, minSamples: 20 }, answers('v1', 'v2'), 'too few answers'),

  ok('dns.status', 'NOERROR', answers(NSLOOKUP_OK), 'name resolved'),
  bad('dns.status', 'NOERROR', ran(run(NSLOOKUP_NXDOMAIN, { exitCode: 1 })), 'NXDOMAIN'),
  bad('dns.status', 'NOERROR', ran(run('10.96.3.10\n')), 'dig +short prints no status'),
  ok('dns.server', '10.96.0.10', answers(NSLOOKUP_OK), 'kube-dns answered'),
  bad('dns.server', '10.96.0.11', answers(NSLOOKUP_OK), 'another server answered'),
  ok('dns.name', 'web.lab-03.svc.cluster.local', answers(NSLOOKUP_OK), 'full name answered'),
  bad('dns.name', 'web.lab-03.svc.cluster.local', ran(run(NSLOOKUP_NXDOMAIN, { exitCode: 1 })), 'lookup failed'),
  ok('dns.addresses.include', '10.96.3.10', answers(NSLOOKUP_OK), 'ClusterIP answered'),
  bad('dns.addresses.include', ['10.96.12.7'], answers(NSLOOKUP_OK), 'address missing'),
  bad('dns.addresses.include', ' ', answers(NSLOOKUP_OK), 'empty capture'),
  ok('dns.addresses.exactly', ['10.96.3.10'], answers(NSLOOKUP_OK), 'exactly the ClusterIP'),
  bad('dns.addresses.exactly', ['10.244.2.11', '10.244.2.12'], answers(NSLOOKUP_OK), 'missing and unexpected'),
  ok('dns.cname', 'web.example.com', answers(NSLOOKUP_CNAME), 'ExternalName alias'),
  bad('dns.cname', 'web.example.com', answers(NSLOOKUP_OK), 'no alias'),
  ok('dns.srv', { target: 'web.lab-03.svc.cluster.local', port: 80 }, answers(DIG_SRV), 'SRV target and port'),
  bad('dns.srv', { port: 8080 }, answers(DIG_SRV), 'other port'),
  bad('dns.srv', { port: 80 }, answers(NSLOOKUP_OK), 'no SRV answer'),
  bad('dns.addresses.include', '10.96.3.10', ran(run('', { exitCode: 1, timedOut: true })), 'no output at all'),

  ok('http.status', 200, answers('200'), "-w '%{http_code}'"),
  bad('http.status', 200, answers('404'), 'HTTP 404'),
  bad('http.status', 200, ran(CURL_TIMEOUT), 'curl timed out'),
  bad('http.status', 200, answers('<html>hello</html>'), 'no status printed'),
  ok('http.header', { name: 'x-served-by', contains: 'web-' }, ran(run(CURL_I)), 'header with the value'),
  bad('http.header', { name: 'X-Served-By', equals: 'api' }, ran(run(CURL_I)), 'header with another value'),
  bad('http.header', { name: 'X-Version' }, answers('200'), 'no headers printed'),
  ok('curl.outcome', 'refused', ran(CURL_REFUSED), 'connection refused'),
  bad('curl.outcome', 'timeout', ran(CURL_REFUSED), 'refused instead of timeout'),

  ok('iptables.chain', 'KUBE-SERVICES', ran(run(IPTABLES)), 'chain present'),
  bad('iptables.chain', { name: 'KUBE-FIREWALL', policy: 'DROP' }, ran(run(IPTABLES)), 'chain missing'),
  bad('iptables.chain', 'KUBE-SERVICES', answers('iptables v1.8.9 (nf_tables): table `nat` is incompatible'), 'unreadable output'),
  ok('iptables.rule', { chain: 'KUBE-SERVICES', destination: '10.96.12.7', dport: 80, jumpPrefix: 'KUBE-SVC-' }, ran(run(IPTABLES)), 'ClusterIP rule'),
  bad('iptables.rule', { commentContains: 'lab-05/web', absent: true }, ran(run(IPTABLES)), 'rule still there'),
  bad('iptables.rule', { chain: 'KUBE-SERVICES', destination: '10.96.99.9' }, ran(run(IPTABLES)), 'no rule matches'),
  ok('iptables.count', { chainPrefix: 'KUBE-SEP-', target: 'DNAT', commentContains: 'lab-05/web:http', equals: 3 }, ran(run(IPTABLES)), 'three endpoints'),
  bad('iptables.count', { chainPrefix: 'KUBE-SEP-', target: 'DNAT', commentContains: 'lab-05/web:http', equals: 2 }, ran(run(IPTABLES)), 'three, not two'),
  ok('iptables.fairSplit', { commentContains: 'lab-05/web:http', endpoints: 3 }, ran(run(IPTABLES)), 'even split over three'),
  bad('iptables.fairSplit', { commentContains: 'lab-05/skewed:http' }, ran(run(IPTABLES)), 'skewed probabilities'),
  bad('iptables.fairSplit', { commentContains: 'lab-05/web:http', endpoints: 4 }, ran(run(IPTABLES)), 'other endpoint count'),
  bad('iptables.fairSplit', { chain: 'KUBE-SERVICES' }, ran(run(IPTABLES)), 'chain without endpoint jumps'),

  ok('route.to', { dst: '10.244.0.0/24', via: '172.18.0.2' }, answers(IP_ROUTE), 'route via the other node'),
  bad('route.to', { dst: '10.244.0.0/24', dev: 'vxlan.calico' }, answers(IP_ROUTE), 'route through another device'),
  bad('route.to', { dst: '10.244.9.0/24' }, answers(IP_ROUTE), 'no route'),
  bad('route.to', { dst: 'default', absent: true }, answers(IP_ROUTE), 'route present'),
  ok('route.get', { dev: 'eth0', src: '172.18.0.3' }, answers(IP_ROUTE_GET), 'kernel chose eth0'),
  bad('route.get', { dev: 'tunl0' }, answers(IP_ROUTE_GET), 'kernel chose another device'),
  ok('addr.has', { address: '10.244.1.5/24', dev: 'eth0' }, answers(IP_ADDR), 'address on eth0'),
  bad('addr.has', { address: '10.244.1.5', dev: 'tunl0' }, answers(IP_ADDR), 'held by another device'),
  bad('addr.has', { address: '10.244.7.7' }, answers(IP_ADDR), 'nobody holds it'),

  ok('resolv.nameserver', '10.96.0.10', answers(RESOLV), 'kube-dns listed'),
  bad('resolv.nameserver', '10.96.0.11', answers(RESOLV), 'other nameserver'),
  ok('resolv.search', ['lab-04.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], answers(RESOLV), 'search list in order'),
  bad('resolv.search', ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], answers(RESOLV), 'other namespace first'),
  bad('resolv.search', ['lab-04.svc.cluster.local'], answers(RESOLV), 'extra entries'),
  ok('resolv.ndots', 5, answers(RESOLV), 'ndots 5'),
  bad('resolv.ndots', 5, answers('nameserver 10.96.0.10\n'), 'no ndots option'),

  ok('encap.seen', { type: 'vxlan', innerSrc: '10.244.0.5', innerDst: '10.244.1.6' }, answers(TCPDUMP_VXLAN), 'VXLAN between the Pods'),
  bad('encap.seen', 'ipip', answers(TCPDUMP_VXLAN), 'VXLAN instead of IPIP'),
  bad('encap.seen', 'none', answers(TCPDUMP_VXLAN), 'encapsulated, not plain'),
  bad(
    'encap.seen',
    'vxlan',
    ran(
      run('', {
        stderr:
          'tcpdump: listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n\n0 packets captured\n0 packets received by filter\n0 packets dropped by kernel\n',
      }),
    ),
    'nothing captured',
  ),
];

function evaluate(c: Case): Verdict {
  const kind = kindByKey(c.key);
  if (!kind) throw new Error(`no kind ${c.key}`);
  return kind.evaluate(kind.params.parse(c.params), c.observation);
}

/** Expectation keys and parameter names are identifiers a Japanese verdict may name as they are. */
const prose = new ProseScanner(
  [],
  [],
  allKinds.map((k) => k.key),
);

/** IPs, CIDRs and numbers in an English text: the data the Japanese text must keep as it is. */
const data = (text: string) => text.match(/\d+(\.\d+){3}(\/\d+)?|\b\d+\b/g) ?? [];

describe('every expectation verdict exists in Japanese', () => {
  test.each(cases.map((c) => [`${c.key} ${c.pass ? 'passing' : 'failing'}: ${c.about}`, c] as const))('%s', (_, c) => {
    const v = evaluate(c);
    expect(v.pass, `${c.key} ${c.about}: the observation should ${c.pass ? 'pass' : 'fail'}; observed ${v.observed}`).toBe(c.pass);
    expect(v.ja, 'ja').toBeDefined();
    expect(v.ja!.expected).toMatch(JAPANESE);
    for (const value of data(v.expected)) expect(v.ja!.expected, `keeps ${value}`).toContain(value);
    if (v.differs !== undefined) {
      expect(v.ja!.differs, 'ja.differs').toMatch(JAPANESE);
      for (const value of data(v.differs)) expect(v.ja!.differs, `keeps ${value}`).toContain(value);
    }
    // Where English observes in words, Japanese does too; data alone is left to the English text.
    if (v.ja!.observed !== undefined) expect(v.ja!.observed).toMatch(JAPANESE);
    else expect(v.observed, 'an observation in words needs ja.observed').not.toMatch(/\b(no|not|none|absent|missing|status|exit code)\b|\(no /);
    // No English sentence is left in the Japanese texts; what the tools printed is data.
    // curl's error is shown without its `curl: (7) ` prefix.
    const toolOutput = c.observation.samples
      .flatMap((s) => [...s.stdout.split('\n'), ...s.stderr.split('\n')])
      .flatMap((l) => [l, l.replace(/^curl: \(\d+\) /, '')]);
    const shown = [v.ja!.expected, v.ja!.observed ?? '', v.ja!.differs ?? ''].join('\n');
    expect(
      prose.scan(
        shown,
        toolOutput.filter((l) => l.trim().length > 3),
      ),
      'English prose in ja',
    ).toEqual([]);
  });

  test('every kind in allKinds is exercised passing and failing', () => {
    const keys = allKinds.map((k) => k.key).sort();
    expect([...new Set(cases.filter((c) => c.pass).map((c) => c.key))].sort()).toEqual(keys);
    expect([...new Set(cases.filter((c) => !c.pass).map((c) => c.key))].sort()).toEqual(keys);
  });

  test('the Japanese texts read as the brief promises for the common failures', () => {
    const find = (key: string, about: string) => evaluate(cases.find((c) => c.key === key && c.about === about)!);
    expect(find('dns.addresses.include', 'address missing').ja!.expected).toBe('応答に 10.96.12.7 が含まれる');
    expect(find('exitCode', 'exit code 7 with stderr').ja).toMatchObject({ expected: '終了コード 0' });
    expect(find('exitCode', 'exit code 7 with stderr').ja!.observed).toMatch(/^終了コード 7、stderr: curl: \(7\)/);
    expect(find('distinct.covers', 'one never seen, one unexpected').ja!.differs).toBe('一度も現れなかった: hello-b; 想定外: hello-c');
    expect(find('iptables.chain', 'unreadable output').ja!.differs).toBe('iptables の出力として読めませんでした');
  });
});

describe('the check report shows the verdict in the learner language', () => {
  const sink = { write() {} };
  const verdict = evaluate(cases.find((c) => c.key === 'dns.addresses.include' && c.about === 'address missing')!);

  test('with --lang ja the report shows the Japanese texts', () => {
    const shown = localVerdict(new Output('plain', 'ja', sink, sink), verdict);
    expect(shown.expected).toBe('応答に 10.96.12.7 が含まれる');
    expect(shown.observed).toBe('ステータス NOERROR（応答元 10.96.0.10）; web.lab-03.svc.cluster.local A 10.96.3.10');
    expect(shown.differs).toBe('含まれない: 10.96.12.7');
  });

  test('with --lang en the report shows the English texts', () => {
    const shown = localVerdict(new Output('plain', 'en', sink, sink), verdict);
    expect(shown.expected).toBe('answers include 10.96.12.7');
    expect(shown.observed).toBe('status NOERROR from 10.96.0.10; web.lab-03.svc.cluster.local A 10.96.3.10');
    expect(shown.differs).toBe('missing 10.96.12.7');
  });

  test('with --lang ja an observation that is data only is shown as it is', () => {
    const passing = evaluate(cases.find((c) => c.key === 'stdout.contains' && c.pass)!);
    expect(passing.ja!.observed).toBeUndefined();
    expect(localVerdict(new Output('plain', 'ja', sink, sink), passing).observed).toBe('hello from web\n');
  });
});
