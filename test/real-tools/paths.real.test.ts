// Pod-to-pod paths as a node shows them: routes through a veth, via a gateway and through a VXLAN
// device (ip route / ip -j route / ip route get / ip addr), and tcpdump telling plain, VXLAN and
// IPIP-encapsulated traffic apart.
import { writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseIpAddr, parseIpRoute } from '../../src/parse/ip.js';
import { parseTcpdump } from '../../src/parse/tcpdump.js';
import { kindByKey } from '../../src/expectations/index.js';
import type { Sample } from '../../src/expectations/expectation-kind.js';
import { describeRealTools, must, netnsPair, run, sampleOf, type Netns } from './harness.js';
import { ipipPcap } from './pcap.js';

const check = (key: string, params: unknown, sample: Sample) => kindByKey(key)!.evaluate(params, { samples: [sample], profile: 'calico-vxlan' });

const SERVER = `require('node:http').createServer((q, s) => s.end('ok\\n')).listen(8080, '0.0.0.0', () => console.log('http ready'));`;

describeRealTools('routes and encapsulation as a node shows them', ['ip', 'tcpdump', 'curl', 'node', 'sysctl'], () => {
  let nodeA: Netns;
  let nodeB: Netns;
  let veth = '';
  let ipipAvailable = false;
  const out: Record<string, Sample> = {};
  const pcap = join(tmpdir(), `kindlab-ipip-${process.pid}.pcap`);

  beforeAll(async () => {
    const pair = await netnsPair('r', '10.98.0');
    nodeA = pair.a;
    nodeB = pair.b;
    veth = pair.vethA;
    const ipA = (argv: string[]) => must(['ip', '-n', nodeA.name, ...argv]);
    const ipB = (argv: string[]) => must(['ip', '-n', nodeB.name, ...argv]);
    // Calico VXLAN shape: vxlan.calico (VNI 4096, UDP 4789) holds an address from the node's block
    for (const [ip, local, remote, own, peerBlock] of [
      [ipA, '10.98.0.2', '10.98.0.10', '10.244.0.0', '10.244.1.0/26'],
      [ipB, '10.98.0.10', '10.98.0.2', '10.244.1.0', '10.244.0.0/26'],
    ] as const) {
      const dev = ip === ipA ? pair.vethA : pair.vethB;
      await ip(['link', 'add', 'vxlan.calico', 'type', 'vxlan', 'id', '4096', 'dstport', '4789', 'local', local, 'remote', remote, 'dev', dev]);
      await ip(['addr', 'add', `${own}/32`, 'dev', 'vxlan.calico']);
      await ip(['link', 'set', 'vxlan.calico', 'up']);
      await ip(['route', 'add', peerBlock, 'dev', 'vxlan.calico']);
    }
    // a local Pod behind a cali* veth, a gateway route (host routing shape) and a default route
    await ipA(['link', 'add', 'cali1a2b3c4d5e6', 'type', 'veth', 'peer', 'name', 'pod0']);
    await ipA(['link', 'set', 'cali1a2b3c4d5e6', 'up']);
    await ipA(['route', 'add', '10.244.0.5', 'dev', 'cali1a2b3c4d5e6', 'scope', 'link']);
    await ipA(['route', 'add', '10.244.2.0/24', 'via', '10.98.0.10', 'dev', pair.vethA, 'proto', 'static']);
    await ipA(['route', 'add', 'default', 'via', '10.98.0.10']);
    ipipAvailable = (await run(['ip', '-n', nodeA.name, 'link', 'add', 'tunl0', 'type', 'ipip'])).exitCode === 0;
    if (ipipAvailable) {
      await ipA(['link', 'set', 'tunl0', 'up']);
      await ipA(['route', 'add', '10.244.3.0/26', 'via', '10.98.0.10', 'dev', 'tunl0', 'onlink']);
    }
    await nodeB.start(['node', '-e', SERVER], { readyText: 'http ready' });

    const runs: Record<string, string[]> = {
      route: ['ip', 'route'],
      routeJson: ['ip', '-j', 'route'],
      addr: ['ip', 'addr'],
      addrJson: ['ip', '-j', 'addr'],
      getVxlan: ['ip', 'route', 'get', '10.244.1.7'],
      getGateway: ['ip', 'route', 'get', '10.244.2.9'],
      getPod: ['ip', 'route', 'get', '10.244.0.5'],
      getJson: ['ip', '-j', 'route', 'get', '10.244.1.7'],
    };
    for (const [key, argv] of Object.entries(runs)) out[key] = sampleOf(await nodeA.must(argv));

    const capture = async (filter: string, count: number, url: string) => {
      const dump = await nodeA.start(['tcpdump', '-n', '-l', '--immediate-mode', '-i', veth, '-c', String(count), filter], { readyText: 'listening on' });
      await nodeA.exec(['curl', '-s', '-o', '/dev/null', '--max-time', '3', url]);
      const r = await dump.finished(4_000);
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.killed ? 130 : 0, timedOut: false };
    };
    out.plain = await capture('tcp port 8080', 3, 'http://10.98.0.10:8080/');
    out.vxlan = await capture('udp port 4789', 6, 'http://10.244.1.0:8080/');
    writeFileSync(pcap, ipipPcap(['172.18.0.3', '172.18.0.4'], ['10.244.1.5', '10.244.2.6'], 1));
    out.ipip = sampleOf(await must(['tcpdump', '-n', '-r', pcap]));
  }, 40_000);

  afterAll(async () => {
    rmSync(pcap, { force: true });
    await nodeA?.remove();
    await nodeB?.remove();
  });

  test('ip route and ip -j route read as the same routes', () => {
    const text = parseIpRoute(out.route!.stdout);
    const json = parseIpRoute(out.routeJson!.stdout);
    expect(json.json).toBe(true);
    const key = (r: { dst: string; gateway?: string; dev?: string }) => `${r.dst} ${r.gateway ?? '-'} ${r.dev ?? '-'}`;
    expect(text.routes.map(key).sort()).toEqual(json.routes.map(key).sort());
    expect(text.routes.find((r) => r.dst === '10.244.0.5')).toMatchObject({ dev: 'cali1a2b3c4d5e6', scope: 'link', flags: ['linkdown'] });
  });

  test('route.to finds the VXLAN, gateway, Pod veth and default routes in both forms', () => {
    for (const form of ['route', 'routeJson']) {
      const s = out[form]!;
      expect(check('route.to', { dst: '10.244.1.0/26', dev: 'vxlan.calico' }, s).pass, form).toBe(true);
      expect(check('route.to', { dst: '10.244.2.0/24', via: '10.98.0.10' }, s).pass, form).toBe(true);
      expect(check('route.to', { dst: '10.244.0.5/32', devPrefix: 'cali' }, s).pass, form).toBe(true);
      expect(check('route.to', { dst: 'default', via: '10.98.0.10' }, s).pass, form).toBe(true);
      expect(check('route.to', { dst: '10.244.9.0/24', absent: true }, s).pass, form).toBe(true);
      const wrong = check('route.to', { dst: '10.244.1.0/26', dev: 'tunl0' }, s);
      expect(wrong).toMatchObject({ pass: false, differs: 'route to 10.244.1.0/26 goes dev vxlan.calico' });
      expect(wrong.hint?.en).toContain('vxlan.calico');
    }
  });

  test('ip route get shows the device, gateway and source the kernel picks', () => {
    expect(check('route.get', { dev: 'vxlan.calico', src: '10.244.0.0' }, out.getVxlan!).pass).toBe(true);
    expect(check('route.get', { dev: 'vxlan.calico' }, out.getJson!).pass).toBe(true);
    expect(check('route.get', { via: '10.98.0.10', src: '10.98.0.2' }, out.getGateway!).pass).toBe(true);
    expect(check('route.get', { devPrefix: 'cali' }, out.getPod!).pass).toBe(true);
    expect(check('route.get', { dev: 'eth0' }, out.getVxlan!)).toMatchObject({ pass: false, differs: 'chose dev vxlan.calico src 10.244.0.0' });
  });

  test('ip addr and ip -j addr show which device holds an address', () => {
    for (const form of ['addr', 'addrJson']) {
      const r = parseIpAddr(out[form]!.stdout);
      expect(r.interfaces.find((i) => i.name === 'vxlan.calico')?.addresses[0], form).toMatchObject({ address: '10.244.0.0', prefixlen: 32 });
      expect(check('addr.has', { address: '10.244.0.0', dev: 'vxlan.calico' }, out[form]!).pass, form).toBe(true);
      expect(check('addr.has', { address: '10.98.0.2/24' }, out[form]!).pass, form).toBe(true);
      expect(check('addr.has', { address: '10.244.0.0', dev: 'lo' }, out[form]!)).toMatchObject({ pass: false, differs: 'held by vxlan.calico' });
    }
  });

  test('a tunl0 route is read when the ipip module exists', (ctx) => {
    if (!ipipAvailable) ctx.skip('the ipip kernel module is not available here (ip link add tunl0 type ipip failed)');
    expect(check('route.to', { dst: '10.244.3.0/26', via: '10.98.0.10', dev: 'tunl0' }, out.route!).pass).toBe(true);
  });

  test('tcpdump of traffic on the veth reads as plain packets', () => {
    const r = parseTcpdump(out.plain!.stdout);
    expect(r.packets.length).toBe(3);
    expect(r.packets[0]).toMatchObject({ encapsulation: 'none', src: '10.98.0.2', dst: '10.98.0.10', dstPort: 8080 });
    expect(check('encap.seen', 'none', out.plain!).pass).toBe(true);
    expect(check('encap.seen', 'vxlan', out.plain!)).toMatchObject({ pass: false, differs: 'no vxlan packets' });
  });

  test('tcpdump of traffic through vxlan.calico reads as VXLAN with the Pod IPs inside', () => {
    const r = parseTcpdump(out.vxlan!.stdout);
    expect(r.counts.vxlan).toBe(6);
    expect(r.packets.every((p) => p.vni === 4096 && p.dstPort === 4789)).toBe(true);
    expect(r.packets.some((p) => p.inner?.src === '10.244.0.0' && p.inner.dst === '10.244.1.0' && p.inner.dstPort === 8080)).toBe(true);
    expect(check('encap.seen', { type: 'vxlan', innerSrc: '10.244.0.0', innerDst: '10.244.1.0' }, out.vxlan!).pass).toBe(true);
    expect(check('encap.seen', 'none', out.vxlan!).pass).toBe(false);
    const ipip = check('encap.seen', 'ipip', out.vxlan!);
    expect(ipip.pass).toBe(false);
    expect(ipip.hint?.en).toContain('different nodes');
  });

  test('tcpdump -r of IP-in-IP packets reads as IPIP with the Pod IPs inside', () => {
    const r = parseTcpdump(out.ipip!.stdout);
    expect(r.packets).toHaveLength(2);
    expect(r.packets[0]).toMatchObject({ encapsulation: 'ipip', src: '172.18.0.3', dst: '172.18.0.4', inner: { src: '10.244.1.5', dst: '10.244.2.6' } });
    expect(r.packets[0]!.inner!.summary).toMatch(/^ICMP echo request/);
    expect(check('encap.seen', { type: 'ipip', innerDst: '10.244.2.6' }, out.ipip!).pass).toBe(true);
    expect(check('encap.seen', { type: 'ipip', innerDst: '10.244.9.9' }, out.ipip!).differs).toBe('no packet with those inner addresses');
  });

  test('every truncation of the real outputs parses without throwing', () => {
    const texts = Object.values(out).map((s) => s.stdout + s.stderr);
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.nat(), (text, cut) => {
        const part = text.slice(0, cut % (text.length + 1));
        parseIpRoute(part);
        parseIpAddr(part);
        parseTcpdump(part);
        check('encap.seen', 'vxlan', { stdout: part, stderr: '', exitCode: 0, timedOut: false });
        check('route.to', { dst: 'default' }, { stdout: part, stderr: '', exitCode: 0, timedOut: false });
      }),
      { numRuns: 300 },
    );
  });
});
