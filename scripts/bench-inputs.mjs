// For `npm run bench`: parser inputs in the real tools' formats, scaled up. Where this machine can
// (root, unshare, the tools), the text is printed by the real tool in a throwaway network
// namespace: iptables-save/-S after iptables-restore of 5,000 Services in kube-proxy's shape,
// `ip route`/`ip addr` with thousands of entries, dig/nslookup over TCP against dnsmasq with a
// large answer, curl -v against a local server, tcpdump -r of a built capture. Otherwise the same
// shapes are generated here, and each input says which it is.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const sh = (argv, input) => spawnSync(argv[0], argv.slice(1), { input, encoding: 'utf8', maxBuffer: 1 << 30 });
const has = (program) => sh(['sh', '-c', 'command -v "$1"', 'sh', program]).status === 0;
const canNetns = () => process.getuid?.() === 0 && has('unshare') && sh(['unshare', '-n', 'true']).status === 0;

/** Runs a POSIX sh script in a fresh network namespace (gone when the script ends). */
const inNetns = (script, ...args) => sh(['unshare', '-n', 'sh', '-c', script, 'bench', ...args]);

const hash = (n) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let s = '';
  let x = Math.imul(n + 1, 2654435761) >>> 0;
  for (let i = 0; i < 16; i++) {
    s += alphabet[x >>> 27];
    x = (Math.imul(x, 1103515245) + 12345 + i) >>> 0;
  }
  return s;
};

/**
 * kube-proxy's nat table for `services` Services with 3 endpoints each, in the shape its iptables
 * proxier writes (kubernetes/kubernetes pkg/proxy/iptables/proxier.go; the same shape as
 * test/real-tools/fixtures/kube-proxy-nat.rules).
 */
export function kubeProxyNatRules(services) {
  const chains = [
    ':PREROUTING ACCEPT [0:0]',
    ':INPUT ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':POSTROUTING ACCEPT [0:0]',
    ':KUBE-SERVICES - [0:0]',
    ':KUBE-NODEPORTS - [0:0]',
    ':KUBE-POSTROUTING - [0:0]',
    ':KUBE-MARK-MASQ - [0:0]',
  ];
  const rules = [
    '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
    '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
    '-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000',
    '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000',
  ];
  for (let i = 0; i < services; i++) {
    const svc = `KUBE-SVC-${hash(i)}`;
    const name = `ns-${i % 50}/svc-${i}:http`;
    const ip = `10.96.${(i >> 8) & 255}.${i & 255}`;
    chains.push(`:${svc} - [0:0]`);
    rules.push(`-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "${name} cluster IP" -m tcp --dport 80 -j ${svc}`);
    rules.push(`-A ${svc} ! -s 10.244.0.0/16 -d ${ip}/32 -p tcp -m comment --comment "${name} cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ`);
    for (let e = 0; e < 3; e++) {
      const sep = `KUBE-SEP-${hash(i * 3 + e + 1_000_000)}`;
      const ep = `10.244.${(i * 3 + e) % 250}.${((i + e) % 250) + 2}`;
      chains.push(`:${sep} - [0:0]`);
      const probability =
        e === 0 ? ' -m statistic --mode random --probability 0.33333333349' : e === 1 ? ' -m statistic --mode random --probability 0.50000000000' : '';
      rules.push(`-A ${svc} -m comment --comment "${name} -> ${ep}:8080"${probability} -j ${sep}`);
      rules.push(`-A ${sep} -s ${ep}/32 -m comment --comment "${name}" -j KUBE-MARK-MASQ`);
      rules.push(`-A ${sep} -p tcp -m comment --comment "${name}" -m tcp -j DNAT --to-destination ${ep}:8080`);
    }
  }
  rules.push(
    '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
  );
  return `*nat\n${chains.join('\n')}\n${rules.join('\n')}\nCOMMIT\n`;
}

function iptablesInputs(services, real) {
  const rules = kubeProxyNatRules(services);
  if (real && has('iptables-restore') && has('iptables-save')) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kindlab-bench-'));
    const file = path.join(dir, 'nat.rules');
    writeFileSync(file, rules);
    const save = inNetns('iptables-restore <"$1" && iptables-save -t nat', file);
    const list = inNetns('iptables-restore <"$1" && iptables -t nat -S', file);
    rmSync(dir, { recursive: true, force: true });
    if (save.status === 0 && list.status === 0) {
      return [
        {
          format: 'iptables',
          name: `iptables-save -t nat, ${services} Services`,
          text: save.stdout,
          origin: 'real iptables-save after iptables-restore, in a network namespace',
        },
        {
          format: 'iptables',
          name: `iptables -t nat -S, ${services} Services`,
          text: list.stdout,
          origin: 'real iptables -S after iptables-restore, in a network namespace',
        },
      ];
    }
  }
  return [
    {
      format: 'iptables',
      name: `iptables-save -t nat, ${services} Services`,
      text: rules,
      origin: "generated in kube-proxy's shape (no root/unshare/iptables here)",
    },
  ];
}

function ipInputs(count, real) {
  if (real && has('ip')) {
    const batch = [];
    for (let i = 0; i < count; i++)
      batch.push(`route add 10.${100 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}/32 via 192.168.7.${(i % 200) + 2} dev d0 proto bird`);
    for (let i = 0; i < count / 4; i++) batch.push(`address add 172.20.${(i >> 8) & 255}.${i & 255}/32 dev d${i % 2}`);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kindlab-bench-'));
    const file = path.join(dir, 'batch');
    writeFileSync(file, batch.join('\n') + '\n');
    // veth, not dummy: a kernel without the dummy module still has veth (the real-tools tests use it).
    const setup =
      'ip link add d0 type veth peer name d1 && ip link set d0 up && ip link set d1 up && ip addr add 192.168.7.1/24 dev d0 && ip -batch "$1" >/dev/null';
    const route = inNetns(`${setup} && ip route`, file);
    const addr = inNetns(`${setup} && ip addr`, file);
    rmSync(dir, { recursive: true, force: true });
    if (route.status === 0 && addr.status === 0) {
      return [
        { format: 'ip-route', name: `ip route, ${count} routes`, text: route.stdout, origin: 'real ip route in a network namespace' },
        { format: 'ip-addr', name: `ip addr, ${count / 4} addresses`, text: addr.stdout, origin: 'real ip addr in a network namespace' },
      ];
    }
  }
  const routes = Array.from(
    { length: count },
    (_, i) => `10.${100 + (i >> 16)}.${(i >> 8) & 255}.${i & 255} via 192.168.7.${(i % 200) + 2} dev d0 proto bird`,
  ).join('\n');
  const addrs = Array.from(
    { length: count / 4 },
    (_, i) => `    inet 172.20.${(i >> 8) & 255}.${i & 255}/32 scope global d0\n       valid_lft forever preferred_lft forever`,
  ).join('\n');
  return [
    {
      format: 'ip-route',
      name: `ip route, ${count} routes`,
      text: `default via 192.168.7.1 dev d0\n${routes}\n`,
      origin: "generated in iproute2's format (no root/ip here)",
    },
    {
      format: 'ip-addr',
      name: `ip addr, ${count / 4} addresses`,
      text: `2: d0: <BROADCAST,NOARP,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/ether 7a:1f:00:00:00:01 brd ff:ff:ff:ff:ff:ff\n${addrs}\n`,
      origin: "generated in iproute2's format (no root/ip here)",
    },
  ];
}

function dnsInputs(records, real) {
  if (real && has('dnsmasq') && has('dig') && has('nslookup')) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kindlab-bench-'));
    const hosts = path.join(dir, 'hosts');
    chmodSync(dir, 0o755); // dnsmasq reads the hosts file after dropping to its own user
    writeFileSync(hosts, Array.from({ length: records }, (_, i) => `10.244.${(i >> 8) & 255}.${i & 255} web.lab-07.svc.cluster.local`).join('\n') + '\n');
    const serve = `ip link set lo up; dnsmasq --keep-in-foreground --no-resolv --no-hosts --addn-hosts="$1" --listen-address=127.0.0.1 --port=53 --bind-interfaces --pid-file="$2/pid.$3" & d=$!; sleep 0.5;`;
    // dnsmasq is stopped by its pid: it would otherwise outlive the namespace's shell.
    const dig = inNetns(`${serve} dig +tcp @127.0.0.1 web.lab-07.svc.cluster.local A; kill "$d"`, hosts, dir, 'dig');
    const nslookup = inNetns(`${serve} nslookup -vc web.lab-07.svc.cluster.local 127.0.0.1; kill "$d"`, hosts, dir, 'nslookup');
    rmSync(dir, { recursive: true, force: true });
    if (dig.stdout.includes('ANSWER SECTION') && nslookup.stdout.includes('Address:')) {
      return [
        { format: 'dig', name: `dig, ${records}-record answer`, text: dig.stdout, origin: 'real dig +tcp against dnsmasq in a network namespace' },
        {
          format: 'nslookup',
          name: `nslookup, ${records}-record answer`,
          text: nslookup.stdout,
          origin: 'real nslookup -vc against dnsmasq in a network namespace',
        },
      ];
    }
  }
  const answers = Array.from({ length: records }, (_, i) => `web.lab-07.svc.cluster.local. 0\tIN\tA\t10.244.${(i >> 8) & 255}.${i & 255}`).join('\n');
  const digText = `\n; <<>> DiG 9.18.41-1~deb12u1-Debian <<>> +tcp @127.0.0.1 web.lab-07.svc.cluster.local A\n; (1 server found)\n;; global options: +cmd\n;; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4242\n;; flags: qr aa rd ra; QUERY: 1, ANSWER: ${records}, AUTHORITY: 0, ADDITIONAL: 1\n\n;; QUESTION SECTION:\n;web.lab-07.svc.cluster.local.\tIN\tA\n\n;; ANSWER SECTION:\n${answers}\n\n;; Query time: 3 msec\n;; SERVER: 127.0.0.1#53(127.0.0.1) (TCP)\n`;
  const nsText = `Server:\t\t127.0.0.1\nAddress:\t127.0.0.1#53\n\n${Array.from({ length: records }, (_, i) => `Name:\tweb.lab-07.svc.cluster.local\nAddress: 10.244.${(i >> 8) & 255}.${i & 255}`).join('\n')}\n\n`;
  return [
    { format: 'dig', name: `dig, ${records}-record answer`, text: digText, origin: "generated in dig's format (no root/dnsmasq/dig here)" },
    { format: 'nslookup', name: `nslookup, ${records}-record answer`, text: nsText, origin: "generated in nslookup's format (no root/dnsmasq/nslookup here)" },
  ];
}

async function curlInput(headers) {
  const server = http.createServer((_req, res) => {
    for (let i = 0; i < headers; i++) res.setHeader(`X-Bench-${i}`, `value-${i}-${'x'.repeat(20)}`);
    res.end('echo-v1\n');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  const run = has('curl')
    ? await new Promise((resolve) => {
        // curl -v runs while this process serves, so it cannot be spawnSync.
        import('node:child_process').then(({ execFile }) =>
          execFile('curl', ['-sv', '-H', 'Host: app.example.test', `http://127.0.0.1:${port}/`], { maxBuffer: 1 << 28 }, (err, stdout, stderr) =>
            resolve({ ok: !err, stdout, stderr }),
          ),
        );
      })
    : { ok: false };
  server.close();
  if (run.ok)
    return {
      format: 'curl',
      name: `curl -v, ${headers} response headers`,
      text: `${run.stderr}${run.stdout}`,
      origin: 'real curl -v against a local HTTP server',
    };
  const lines = Array.from({ length: headers }, (_, i) => `< X-Bench-${i}: value-${i}-${'x'.repeat(20)}\r`).join('\n');
  return {
    format: 'curl',
    name: `curl -v, ${headers} response headers`,
    text: `*   Trying 127.0.0.1:8080...\n* Connected to 127.0.0.1 (127.0.0.1) port 8080\n> GET / HTTP/1.1\r\n> Host: app.example.test\r\n>\r\n< HTTP/1.1 200 OK\r\n${lines}\n<\r\necho-v1\n`,
    origin: "generated in curl -v's format (no curl here)",
  };
}

/** pcap of ICMP echo requests between Pod IPs, read back by the real tcpdump -n -r. */
function tcpdumpInput(packets, real) {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(101, 20); // LINKTYPE_RAW: bare IPv4
  const parts = [header];
  for (let i = 0; i < packets; i++) {
    // ICMP echo request (type 8) between two Pod IPs, as lesson 09 captures them.
    const payload = Buffer.alloc(8 + 20);
    payload[0] = 8;
    payload.writeUInt16BE(1, 4);
    payload.writeUInt16BE(i & 0xffff, 6);
    const ip = Buffer.alloc(20);
    ip[0] = 0x45;
    ip.writeUInt16BE(20 + payload.length, 2);
    ip[8] = 64;
    ip[9] = 1;
    Buffer.from([10, 244, 1, 5 + (i % 3)]).copy(ip, 12);
    Buffer.from([10, 244, 2, 7]).copy(ip, 16);
    let sum = 0;
    for (let b = 0; b < 20; b += 2) sum += (ip[b] << 8) + ip[b + 1];
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    ip.writeUInt16BE(~sum & 0xffff, 10);
    const rec = Buffer.alloc(16);
    rec.writeUInt32LE(1_700_000_000 + Math.floor(i / 1000), 0);
    rec.writeUInt32LE((i % 1000) * 1000, 4);
    rec.writeUInt32LE(ip.length + payload.length, 8);
    rec.writeUInt32LE(ip.length + payload.length, 12);
    parts.push(rec, ip, payload);
  }
  if (real && has('tcpdump')) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kindlab-bench-'));
    const file = path.join(dir, 'vxlan.pcap');
    writeFileSync(file, Buffer.concat(parts));
    const r = sh(['tcpdump', '-n', '-r', file]);
    rmSync(dir, { recursive: true, force: true });
    if (r.status === 0 && r.stdout)
      return { format: 'tcpdump', name: `tcpdump -n -r, ${packets} packets`, text: r.stdout, origin: 'real tcpdump -n -r of a capture built here' };
  }
  const lines = Array.from(
    { length: packets },
    (_, i) =>
      `22:13:${String(20 + (Math.floor(i / 1000) % 40)).padStart(2, '0')}.${String((i % 1000) * 1000).padStart(6, '0')} IP 10.244.1.${5 + (i % 3)} > 10.244.2.7: ICMP echo request, id 1, seq ${i & 0xffff}, length 28`,
  ).join('\n');
  return { format: 'tcpdump', name: `tcpdump -n -r, ${packets} packets`, text: `${lines}\n`, origin: "generated in tcpdump's format (no tcpdump here)" };
}

/** A resolv.conf as kubelet writes it for a Pod (ndots:5 and the cluster search list), many times over. */
function resolvInput(copies) {
  const one = 'search lab-04.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n';
  return {
    format: 'resolv',
    name: `resolv.conf ×${copies}`,
    text: one.repeat(copies),
    origin: "kubelet's resolv.conf shape, repeated (a file, not a tool's output)",
  };
}

export async function parserInputs({ real = canNetns() } = {}) {
  return [
    ...iptablesInputs(5000, real),
    ...ipInputs(20_000, real),
    ...dnsInputs(1500, real),
    await curlInput(3000),
    tcpdumpInput(20_000, real && has('tcpdump')),
    resolvInput(20_000),
  ];
}
