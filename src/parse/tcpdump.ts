// Reads `tcpdump -n` lines well enough to tell pod traffic apart by how it crossed nodes: plain,
// IP-in-IP (Calico IPIP: an `IP a > b: IP c > d: ...` line, `ipip-proto-4`), or VXLAN (Calico
// VXLAN on UDP 4789: `VXLAN, flags [I] (0x08), vni 4096` followed by the inner packet's line).

export type Encapsulation = 'none' | 'ipip' | 'vxlan';

export interface PacketEnds {
  /** `IP`, `IP6`, `ARP`, or another protocol word tcpdump printed. */
  protocol: string;
  src?: string;
  dst?: string;
  srcPort?: number;
  dstPort?: number;
  /** What follows `src > dst: ` (e.g. `ICMP echo request, id 1, seq 1, length 64`). */
  summary: string;
}

export interface TcpdumpPacket extends PacketEnds {
  time?: string;
  /** Interface and direction with `-i any` (`eth0 In`). */
  interface?: string;
  direction?: string;
  encapsulation: Encapsulation;
  vni?: number;
  /** The encapsulated packet (pod to pod) when encapsulation is not `none`. */
  inner?: PacketEnds;
  raw: string;
}

export interface TcpdumpResult {
  format: 'tcpdump';
  parsed: boolean;
  packets: TcpdumpPacket[];
  counts: Record<Encapsulation, number>;
  /** From tcpdump's closing `N packets captured` (stderr), when present. */
  captured?: number;
  unreadLines: string[];
  raw: string;
}

const TIME = /^(?:(\d{4}-\d{2}-\d{2} )?\d{2}:\d{2}:\d{2}\.\d+|\d+\.\d{6})\s+/;
const IFACE = /^(\S+)\s+(In|Out|B|M|P)\s+/;
const IP_ENDS = /^(IP6?) (\S+) > (\S+?): ?(.*)$/;

/** `10.96.0.2.42867` -> host and port; IPv4 with 5 parts or IPv6 with a trailing `.port`. */
function hostPort(word: string, protocol: string): { host: string; port?: number } {
  // Five dot-separated parts: the host is what comes before the fourth (and last) dot.
  const cut = word.lastIndexOf('.');
  if (protocol === 'IP' && cut >= 0 && dotsIn(word, cut) === 4) return { host: word.slice(0, cut), port: Number(word.slice(cut + 1)) };
  if (protocol === 'IP6' && word.includes(':') && /\.\d+$/.test(word)) {
    const cut = word.lastIndexOf('.');
    return { host: word.slice(0, cut), port: Number(word.slice(cut + 1)) };
  }
  return { host: word };
}

/** Dots in `word` up to and including index `last` (the last dot), stopping once past four. */
function dotsIn(word: string, last: number): number {
  let dots = 0;
  for (let i = word.indexOf('.'); i >= 0 && i <= last && dots <= 4; i = word.indexOf('.', i + 1)) dots++;
  return dots;
}

function readEnds(text: string): PacketEnds | undefined {
  const m = IP_ENDS.exec(text);
  if (m) {
    const protocol = m[1]!;
    const src = hostPort(m[2]!, protocol);
    const dst = hostPort(m[3]!, protocol);
    return { protocol, src: src.host, dst: dst.host, srcPort: src.port, dstPort: dst.port, summary: m[4]!.trim() };
  }
  const word = /^([A-Za-z][A-Za-z0-9]*)\b,?\s*(.*)$/.exec(text);
  if (word && text.startsWith(word[1]!)) return { protocol: word[1]!, summary: word[2]!.trim() };
  return undefined;
}

export function parseTcpdump(text: string): TcpdumpResult {
  const raw = String(text ?? '');
  const result: TcpdumpResult = { format: 'tcpdump', parsed: false, packets: [], counts: { none: 0, ipip: 0, vxlan: 0 }, unreadLines: [], raw };
  let awaitingInner: TcpdumpPacket | undefined;
  for (const rawLine of raw.split(/\r?\n/)) {
    const line = rawLine.trimEnd();
    // Trimmed at the end, the line is blank only when it is empty.
    if (!line) continue;
    const captured = /^(\d+) packets? captured/.exec(line);
    if (captured) {
      result.captured = Number(captured[1]);
      continue;
    }
    if (/^(tcpdump: |listening on |\d+ packets? (received|dropped))/.test(line)) continue;
    const time = TIME.exec(line);
    if (!time && awaitingInner) {
      // the line after a VXLAN header is the inner frame
      awaitingInner.inner = readEnds(line.trim()) ?? { protocol: 'unknown', summary: line.trim() };
      awaitingInner = undefined;
      continue;
    }
    let rest = time ? line.slice(time[0].length) : line.trim();
    const iface = IFACE.exec(rest);
    if (iface) rest = rest.slice(iface[0].length);
    const ends = readEnds(rest);
    if (!ends || (!time && ends.src === undefined)) {
      result.unreadLines.push(line);
      awaitingInner = undefined;
      continue;
    }
    // `ends` is this line's own new object: it becomes the packet, with the fields in the order
    // `{ ...ends, time, raw, interface, direction, encapsulation }` would give, without the copy
    // (the copy was most of the parser's time on a large capture).
    const full = ends as TcpdumpPacket;
    full.time = time ? time[0].trim() : undefined;
    full.raw = line;
    if (iface) {
      full.interface = iface[1]!;
      full.direction = iface[2]!;
    }
    full.encapsulation = 'none';
    // Each pattern only where the summary can start with it: most packets are none of these.
    const vxlan = ends.summary.startsWith('VXLAN, ') ? /^VXLAN, flags \[[^\]]*\] \(0x[0-9a-f]+\), vni (\d+)\s*(.*)$/.exec(ends.summary) : null;
    if (vxlan) {
      full.encapsulation = 'vxlan';
      full.vni = Number(vxlan[1]);
      const sameLine = vxlan[2]!.trim();
      if (sameLine) full.inner = readEnds(sameLine);
      else awaitingInner = full;
    } else if (ends.protocol === 'IP' && ends.summary.startsWith('IP') && /^IP6? \S+ > \S+?:/.test(ends.summary)) {
      full.encapsulation = 'ipip';
      full.inner = readEnds(ends.summary.replace(/\s*\(ipip-proto-4\)\s*$/, ''));
    } else if (ends.summary.includes('ipip-proto-4')) {
      full.encapsulation = 'ipip';
    }
    result.packets.push(full);
    result.counts[full.encapsulation]++;
    result.parsed = true;
  }
  return result;
}
