// IP-in-IP capture files for tests: this kernel may have no ipip module, so the packets are built
// here; the tests read them with the real `tcpdump -n -r`, so every printed line is tcpdump's own.

/** IPv4 header checksum (RFC 791). */
function checksum(buf: Buffer): number {
  let sum = 0;
  for (let i = 0; i < buf.length; i += 2) sum += (buf[i]! << 8) + (buf[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function ipv4(src: string, dst: string, protocol: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(20);
  h[0] = 0x45;
  h.writeUInt16BE(20 + payload.length, 2);
  h[8] = 64;
  h[9] = protocol;
  Buffer.from(src.split('.').map(Number)).copy(h, 12);
  Buffer.from(dst.split('.').map(Number)).copy(h, 16);
  h.writeUInt16BE(checksum(h), 10);
  return Buffer.concat([h, payload]);
}

/**
 * A pcap of ICMP echo request/reply pairs between two Pod IPs wrapped in IP protocol 4 between two
 * node IPs, as Calico's tunl0 sends them. Built here because this kernel has no ipip module; the
 * tests read it with the real `tcpdump -n -r`, so every printed line is tcpdump's own.
 */
export function ipipPcap(outer: [string, string], inner: [string, string], pairs = 3): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(1, 20); // Ethernet
  const records: Buffer[] = [];
  for (let seq = 1; seq <= pairs; seq++) {
    for (const reply of [false, true]) {
      const icmp = Buffer.alloc(16);
      icmp[0] = reply ? 0 : 8;
      icmp.writeUInt16BE(0x4b4c, 4);
      icmp.writeUInt16BE(seq, 6);
      icmp.writeUInt16BE(checksum(icmp), 2);
      const [os, od] = reply ? [outer[1], outer[0]] : outer;
      const [is, id] = reply ? [inner[1], inner[0]] : inner;
      const frame = Buffer.concat([
        Buffer.from([0x02, 0x42, 0xac, 0x12, 0x00, 0x04, 0x02, 0x42, 0xac, 0x12, 0x00, 0x03, 0x08, 0x00]),
        ipv4(os, od, 4, ipv4(is, id, 1, icmp)),
      ]);
      const rec = Buffer.alloc(16);
      rec.writeUInt32LE(1_700_000_000 + seq, 0);
      rec.writeUInt32LE(reply ? 500 : 0, 4);
      rec.writeUInt32LE(frame.length, 8);
      rec.writeUInt32LE(frame.length, 12);
      records.push(rec, frame);
    }
  }
  return Buffer.concat([header, ...records]);
}
