// curl against an HTTP server in another namespace: answered (-I, -i, -v, -w), refused (closed
// port), timed out (an iptables DROP rule, as a NetworkPolicy drop looks) and unresolvable names.
import { afterAll, beforeAll, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseCurl, parseCurlText } from '../../src/parse/curl.js';
import { kindByKey } from '../../src/expectations/index.js';
import type { Sample } from '../../src/expectations/expectation-kind.js';
import { describeRealTools, netnsPair, sampleOf, shown, writeResolvConf, type Netns } from './harness.js';

const check = (key: string, params: unknown, sample: Sample) => kindByKey(key)!.evaluate(params, { samples: [sample], profile: 'kindnet' });

const SERVER = `
require('node:http').createServer((req, res) => {
  if (req.url === '/') { res.setHeader('X-Served-By', 'web-1'); res.setHeader('Content-Type', 'text/plain'); res.end('hello from web-1\\n'); }
  else { res.statusCode = 404; res.end('not found\\n'); }
}).listen(8080, '10.96.0.10', () => console.log('http ready'));
`;

describeRealTools('curl outcomes as a Pod sees them', ['ip', 'curl', 'iptables', 'node', 'sysctl'], () => {
  let client: Netns;
  let server: Netns;
  const out: Record<string, Sample> = {};

  beforeAll(async () => {
    const pair = await netnsPair('h', '10.97.0');
    client = pair.a;
    server = pair.b;
    // nothing answers DNS on the client's loopback: names fail at once (curl exit 6)
    writeResolvConf(client, 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n');
    // the server address is 10.97.0.10; the script listens on 10.96.0.10, so give it that too
    await server.must(['ip', 'addr', 'add', '10.96.0.10/32', 'dev', pair.vethB]);
    await client.must(['ip', 'route', 'add', '10.96.0.10/32', 'dev', pair.vethA]);
    await server.must(['iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '8081', '-j', 'DROP']);
    await server.start(['node', '-e', SERVER], { readyText: 'http ready' });
    const base = 'http://10.96.0.10';
    const runs: Record<string, string[]> = {
      head: ['curl', '-sS', '-I', `${base}:8080/`],
      include404: ['curl', '-sS', '-i', `${base}:8080/missing`],
      verbose: ['curl', '-sS', '-v', '-o', '/dev/null', `${base}:8080/`],
      writeOut: ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', `${base}:8080/`],
      refused: ['curl', '-sS', `${base}:8082/`],
      refusedWriteOut: ['curl', '-sS', '-o', '/dev/null', '-w', '%{http_code}', `${base}:8082/`],
      unresolved: ['curl', '-sS', 'http://web.lab-10.svc.cluster.local/'],
      timeout: ['curl', '-sS', '--max-time', '1', `${base}:8081/`],
      connectTimeout: ['curl', '-sS', '--connect-timeout', '1', `${base}:8081/`],
    };
    await Promise.all(Object.entries(runs).map(async ([key, argv]) => (out[key] = sampleOf(await client.exec(argv, 8_000)))));
  });

  afterAll(async () => {
    await client?.remove();
    await server?.remove();
  });

  test('curl -I reads as status 200 with its headers', () => {
    const r = parseCurl(out.head!);
    expect(r).toMatchObject({ outcome: 'ok', status: 200, statusFrom: 'headers', exitCode: 0 });
    expect(r.headers).toContainEqual({ name: 'X-Served-By', value: 'web-1' });
    expect(check('http.status', 200, out.head!).pass).toBe(true);
    expect(check('http.status', '200', out.head!).pass).toBe(true);
    expect(check('http.header', { name: 'x-served-by', equals: 'web-1' }, out.head!).pass).toBe(true);
    expect(check('http.header', { name: 'X-Served-By', contains: 'web-2' }, out.head!)).toMatchObject({ pass: false, differs: 'value web-1' });
    expect(check('curl.outcome', 'ok', out.head!).pass).toBe(true);
  });

  test('curl -i of a missing page is an HTTP error, and the hint says the path works', () => {
    expect(parseCurl(out.include404!)).toMatchObject({ status: 404, outcome: 'http-error' });
    const v = check('http.status', 200, out.include404!);
    expect(v).toMatchObject({ pass: false, differs: 'status 404' });
    expect(v.hint?.en).toContain('network path works');
    expect(check('curl.outcome', 'http-error', out.include404!).pass).toBe(true);
  });

  test('curl -v writes the exchange to stderr and still reads as status 200', () => {
    expect(out.verbose!.stdout).toBe('');
    const r = parseCurl(out.verbose!);
    expect(r).toMatchObject({ verbose: true, status: 200, connected: { ip: '10.96.0.10', port: 8080 } });
    expect(r.headers).toContainEqual({ name: 'X-Served-By', value: 'web-1' });
    expect(parseCurlText(shown(out.verbose as never)).status).toBe(200);
    expect(check('http.header', { name: 'X-Served-By', equals: 'web-1' }, out.verbose!).pass).toBe(true);
  });

  test("a bare -w '%{http_code}' reads as the status", () => {
    expect(out.writeOut!.stdout).toBe('200');
    expect(parseCurl(out.writeOut!)).toMatchObject({ status: 200, statusFrom: 'write-out' });
    expect(check('http.status', 200, out.writeOut!).pass).toBe(true);
  });

  test('a closed port is refused (exit 7), with a hint about listeners and endpoints', () => {
    expect(out.refused!.exitCode).toBe(7);
    expect(check('curl.outcome', 'refused', out.refused!).pass).toBe(true);
    const v = check('http.status', 200, out.refused!);
    expect(v).toMatchObject({ pass: false, differs: 'no HTTP response (refused)' });
    expect(v.hint?.en).toContain('endpoints');
    // -w prints 000 when nothing answered: that is no status
    expect(parseCurl(out.refusedWriteOut!)).toMatchObject({ status: undefined, outcome: 'refused' });
  });

  test('a name that does not resolve is resolve-failed (exit 6)', () => {
    expect(out.unresolved!.exitCode).toBe(6);
    expect(parseCurl(out.unresolved!).error).toContain('Could not resolve host');
    expect(check('curl.outcome', 'resolve-failed', out.unresolved!).pass).toBe(true);
  });

  test('a dropped packet is a timeout (exit 28) whose hint names NetworkPolicy', () => {
    for (const key of ['timeout', 'connectTimeout']) {
      expect(out[key]!.exitCode, key).toBe(28);
      expect(check('curl.outcome', 'timeout', out[key]!).pass).toBe(true);
      const v = check('curl.outcome', 'ok', out[key]!);
      expect(v).toMatchObject({ pass: false, differs: 'outcome timeout' });
      expect(v.hint?.en).toContain('NetworkPolicy dropped the packet');
      expect(v.hint?.ja).toContain('NetworkPolicy');
    }
  });

  test('every truncation of the real outputs parses without throwing', () => {
    const samples = Object.values(out);
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.nat(), fc.nat(), (s, a, b) => {
        const stdout = s.stdout.slice(0, a % (s.stdout.length + 1));
        const stderr = s.stderr.slice(0, b % (s.stderr.length + 1));
        parseCurl({ stdout, stderr, exitCode: s.exitCode });
        parseCurlText(stdout + stderr);
        kindByKey('http.status')!.evaluate(200, { samples: [{ ...s, stdout, stderr }], profile: 'kindnet' });
      }),
      { numRuns: 300 },
    );
  });
});
