// nslookup and dig (bind9-dnsutils, as in netshoot) run in a "Pod" namespace whose resolv.conf is
// what kubelet writes, against dnsmasq serving cluster.local names from a second namespace.
import { afterAll, beforeAll, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseDig } from '../../src/parse/dig.js';
import { parseNslookup } from '../../src/parse/nslookup.js';
import { parseResolvConf } from '../../src/parse/resolv.js';
import { kindByKey } from '../../src/expectations/index.js';
import type { Sample } from '../../src/expectations/expectation-kind.js';
import { describeRealTools, dnsmasqArgv, netnsPair, must, sampleOf, shown, writeResolvConf, type Netns } from './harness.js';

const check = (key: string, params: unknown, sample: Sample) => kindByKey(key)!.evaluate(params, { samples: [sample], profile: 'kindnet' });

// A DNS server that answers every query with one rcode: dnsmasq cannot be made to SERVFAIL quickly.
// The bytes on the wire follow RFC 1035 §4.1.1; nslookup and dig print the answer themselves.
const RCODE_SERVER = `
const dgram = require('node:dgram');
const s = dgram.createSocket('udp4');
s.on('message', (q, from) => {
  let i = 12; while (i < q.length && q[i] !== 0) i += q[i] + 1; i += 5;
  const name = q.slice(12, i).toString('latin1').toLowerCase();
  const r = Buffer.from(q.slice(0, i));
  r[2] = 0x80 | (q[2] & 0x01); r[3] = 0x80 | (name.includes('refused') ? 5 : 2);
  r.writeUInt16BE(1, 4); r.writeUInt16BE(0, 6); r.writeUInt16BE(0, 8); r.writeUInt16BE(0, 10);
  s.send(r, from.port, from.address);
});
s.bind(53, '10.96.0.11', () => console.log('rcode server ready'));
`;

describeRealTools('DNS answers as a Pod sees them (nslookup, dig, dnsmasq)', ['ip', 'nslookup', 'dig', 'dnsmasq', 'node', 'sysctl'], () => {
  let pod: Netns;
  let dns: Netns;
  const out: Record<string, ReturnType<typeof sampleOf>> = {};

  beforeAll(async () => {
    const pair = await netnsPair('d');
    pod = pair.a;
    dns = pair.b;
    await must(['ip', '-n', dns.name, 'addr', 'add', '10.96.0.11/24', 'dev', pair.vethB]);
    writeResolvConf(pod, 'search lab-03.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    await dns.start(
      dnsmasqArgv(
        ['10.96.0.10'],
        [
          '--host-record=web.lab-03.svc.cluster.local,10.96.12.7',
          '--host-record=db.lab-03.svc.cluster.local,10.244.1.5',
          '--host-record=db.lab-03.svc.cluster.local,10.244.2.6',
          '--srv-host=_http._tcp.web.lab-03.svc.cluster.local,web.lab-03.svc.cluster.local,80,0,100',
          '--cname=ext.lab-03.svc.cluster.local,web.lab-03.svc.cluster.local',
          '--ptr-record=7.12.96.10.in-addr.arpa,web.lab-03.svc.cluster.local',
          '--address=/#/', // every other name: NXDOMAIN, as CoreDNS answers for a name that does not exist
        ],
      ),
      { readyText: 'started' },
    );
    await dns.start(['node', '-e', RCODE_SERVER], { readyText: 'rcode server ready' });

    const runs: Record<string, string[]> = {
      nsWeb: ['nslookup', 'web'],
      nsMissing: ['nslookup', 'nope'],
      nsExt: ['nslookup', 'ext'],
      nsDb: ['nslookup', 'db'],
      nsSrv: ['nslookup', '-type=srv', '_http._tcp.web'],
      nsPtr: ['nslookup', '10.96.12.7'],
      nsTimeout: ['nslookup', '-timeout=1', '-retry=0', 'web', '10.96.0.99'],
      nsServfail: ['nslookup', 'x.servfail.cluster.local.', '10.96.0.11'],
      nsRefused: ['nslookup', 'x.refused.cluster.local.', '10.96.0.11'],
      digWeb: ['dig', 'web.lab-03.svc.cluster.local'],
      digSearch: ['dig', '+search', 'web'],
      digShort: ['dig', '+short', 'ext.lab-03.svc.cluster.local'],
      digSrv: ['dig', 'SRV', '_http._tcp.web.lab-03.svc.cluster.local'],
      digSrvShort: ['dig', '+short', 'SRV', '_http._tcp.web.lab-03.svc.cluster.local'],
      digPtr: ['dig', '-x', '10.96.12.7'],
      digMissing: ['dig', 'nope.lab-03.svc.cluster.local'],
      digTimeout: ['dig', '+timeout=1', '+tries=1', '@10.96.0.99', 'web.lab-03.svc.cluster.local'],
      digServfail: ['dig', '@10.96.0.11', 'x.servfail.cluster.local'],
      resolv: ['cat', '/etc/resolv.conf'],
    };
    await Promise.all(Object.entries(runs).map(async ([key, argv]) => (out[key] = sampleOf(await pod.exec(argv, 8_000)))));
  });

  afterAll(async () => {
    await pod?.remove();
    await dns?.remove();
  });

  test('nslookup with a short name prints the server and the FQDN the search list produced', () => {
    const r = parseNslookup(shown(out.nsWeb as never));
    expect(r).toMatchObject({ server: '10.96.0.10', serverAddress: '10.96.0.10', serverPort: 53, status: 'NOERROR', names: ['web.lab-03.svc.cluster.local'] });
    expect(r.answers).toEqual([{ name: 'web.lab-03.svc.cluster.local', type: 'A', value: '10.96.12.7' }]);
    expect(check('dns.server', '10.96.0.10', out.nsWeb!).pass).toBe(true);
    expect(check('dns.name', 'web.lab-03.svc.cluster.local', out.nsWeb!).pass).toBe(true);
    expect(check('dns.addresses.include', ['10.96.12.7'], out.nsWeb!).pass).toBe(true);
    const wrong = check('dns.addresses.include', '10.96.99.99', out.nsWeb!);
    expect(wrong).toMatchObject({ pass: false, differs: 'missing 10.96.99.99' });
    expect(wrong.observed).toContain('10.96.12.7');
  });

  test('a name that does not exist reports NXDOMAIN with a hint about the search list', () => {
    expect(out.nsMissing!.exitCode).not.toBe(0);
    expect(parseNslookup(shown(out.nsMissing as never))).toMatchObject({ status: 'NXDOMAIN', failedName: 'nope' });
    expect(check('dns.status', 'NXDOMAIN', out.nsMissing!).pass).toBe(true);
    const v = check('dns.addresses.include', '10.96.12.7', out.nsMissing!);
    expect(v.pass).toBe(false);
    expect(v.differs).toBe('lookup failed: NXDOMAIN');
    expect(v.hint?.en).toContain('search list');
    expect(v.hint?.ja).toContain('search');
    expect(parseDig(out.digMissing!.stdout).status).toBe('NXDOMAIN');
    expect(check('dns.status', 'NXDOMAIN', out.digMissing!).pass).toBe(true);
  });

  test('an ExternalName-style alias shows its canonical name', () => {
    const r = parseNslookup(out.nsExt!.stdout);
    expect(r.answers[0]).toMatchObject({ name: 'ext.lab-03.svc.cluster.local', type: 'CNAME', target: 'web.lab-03.svc.cluster.local' });
    expect(check('dns.cname', 'web.lab-03.svc.cluster.local', out.nsExt!).pass).toBe(true);
    expect(check('dns.cname', 'other.example.com', out.nsExt!).pass).toBe(false);
    expect(check('dns.cname', 'web.lab-03.svc.cluster.local', out.digShort!).pass).toBe(true);
  });

  test('a name with two addresses matches exactly that set in any order', () => {
    expect(check('dns.addresses.exactly', ['10.244.2.6', '10.244.1.5'], out.nsDb!).pass).toBe(true);
    expect(check('dns.addresses.exactly', [['10.244.2.6', '10.244.1.5']], out.nsDb!).pass).toBe(true); // list capture substituted
    const v = check('dns.addresses.exactly', ['10.244.1.5'], out.nsDb!);
    expect(v).toMatchObject({ pass: false, differs: 'unexpected 10.244.2.6' });
  });

  test('SRV records give target and port with nslookup and dig', () => {
    expect(parseNslookup(out.nsSrv!.stdout).answers[0]).toMatchObject({
      type: 'SRV',
      port: 80,
      priority: 0,
      weight: 100,
      target: 'web.lab-03.svc.cluster.local',
    });
    for (const key of ['nsSrv', 'digSrv', 'digSrvShort']) {
      expect(check('dns.srv', { target: 'web.lab-03.svc.cluster.local', port: '80' }, out[key]!).pass, key).toBe(true);
      expect(check('dns.srv', { port: 8080 }, out[key]!).pass, key).toBe(false);
    }
  });

  test('reverse lookups read as PTR records', () => {
    expect(parseNslookup(out.nsPtr!.stdout).answers[0]).toMatchObject({ type: 'PTR', target: 'web.lab-03.svc.cluster.local' });
    expect(parseDig(out.digPtr!.stdout).answers[0]).toMatchObject({ name: '7.12.96.10.in-addr.arpa', type: 'PTR', target: 'web.lab-03.svc.cluster.local' });
  });

  test('a server that does not answer is a TIMEOUT with a CoreDNS / NetworkPolicy hint', () => {
    for (const key of ['nsTimeout', 'digTimeout']) {
      const v = check('dns.status', 'TIMEOUT', out[key]!);
      expect(v.pass, `${key}: ${v.observed}`).toBe(true);
      const wrong = check('dns.status', 'NOERROR', out[key]!);
      expect(wrong.pass).toBe(false);
      expect(wrong.hint?.en).toContain('CoreDNS');
    }
  });

  test('SERVFAIL and REFUSED answers are told apart', () => {
    expect(check('dns.status', 'SERVFAIL', out.nsServfail!).pass).toBe(true);
    expect(check('dns.status', 'REFUSED', out.nsRefused!).pass).toBe(true);
    expect(check('dns.status', 'SERVFAIL', out.digServfail!).pass).toBe(true);
    expect(check('dns.status', 'NOERROR', out.nsServfail!).hint?.en).toContain('upstream');
  });

  test('dig full output gives status, flags, question, server and query time', () => {
    const r = parseDig(out.digWeb!.stdout);
    expect(r).toMatchObject({
      mode: 'full',
      status: 'NOERROR',
      server: '10.96.0.10',
      serverPort: 53,
      question: { name: 'web.lab-03.svc.cluster.local', type: 'A' },
    });
    expect(r.flags).toContain('qr');
    expect(r.queryTimeMs).toBeTypeOf('number');
    expect(r.answers).toEqual([{ name: 'web.lab-03.svc.cluster.local', type: 'A', value: '10.96.12.7', ttl: 0 }]);
    expect(check('dns.name', 'web.lab-03.svc.cluster.local', out.digSearch!).pass).toBe(true);
    expect(check('dns.server', '10.96.0.99', out.digWeb!)).toMatchObject({ pass: false, differs: 'server 10.96.0.10' });
  });

  test('dig +short answers do not carry a status, and dns.status says so', () => {
    const v = check('dns.status', 'NOERROR', out.digShort!);
    expect(v.pass).toBe(false);
    expect(v.differs).toContain('+short');
  });

  test('the Pod resolv.conf reads as nameserver, search list and ndots:5', () => {
    const r = parseResolvConf(out.resolv!.stdout);
    expect(r).toMatchObject({ nameservers: ['10.96.0.10'], search: ['lab-03.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], ndots: 5 });
    expect(check('resolv.nameserver', '10.96.0.10', out.resolv!).pass).toBe(true);
    expect(check('resolv.search', ['lab-03.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], out.resolv!).pass).toBe(true);
    expect(check('resolv.search', ['lab-04.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], out.resolv!).differs).toContain('entry 1');
    expect(check('resolv.ndots', '5', out.resolv!).pass).toBe(true);
    expect(check('resolv.ndots', 1, out.resolv!).pass).toBe(false);
  });

  test('every truncation of the real outputs parses without throwing', () => {
    const texts = Object.values(out).map((s) => shown(s as never));
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.nat(), (text, cut) => {
        const part = text.slice(0, cut % (text.length + 1));
        parseNslookup(part);
        parseDig(part);
        parseResolvConf(part);
        for (const key of ['dns.status', 'dns.name'])
          kindByKey(key)!.evaluate(key === 'dns.status' ? 'NOERROR' : 'x', {
            samples: [{ stdout: part, stderr: '', exitCode: 0, timedOut: false }],
            profile: 'kindnet',
          });
      }),
      { numRuns: 300 },
    );
  });
});
