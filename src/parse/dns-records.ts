// DNS answer records as both nslookup and dig print them, so DNS expectations need not care
// which tool a lesson ran.

export type DnsStatus = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' | 'TIMEOUT';

export interface DnsRecord {
  /** Owner name without the trailing dot; empty for `dig +short`, which does not print it. */
  name: string;
  /** `NAME` is a host name printed by `dig +short`, whose record type (CNAME or PTR) is not shown. */
  type: 'A' | 'AAAA' | 'CNAME' | 'SRV' | 'PTR' | 'TXT' | 'MX' | 'NS' | 'SOA' | 'NAME' | 'OTHER';
  /** The data as printed, trailing dot removed from names: an address, a target name, `0 100 80 web...` for SRV. */
  value: string;
  ttl?: number;
  priority?: number;
  weight?: number;
  port?: number;
  /** Target host of SRV / CNAME / PTR / MX records, without the trailing dot. */
  target?: string;
}

export const DNS_STATUSES: readonly DnsStatus[] = ['NOERROR', 'NXDOMAIN', 'SERVFAIL', 'REFUSED', 'TIMEOUT'];

export const stripDot = (name: string) => (name.endsWith('.') && name.length > 1 ? name.slice(0, -1) : name);

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
export const isIPv4 = (text: string) => IPV4.test(text) && text.split('.').every((part) => Number(part) <= 255);
export const isIPv6 = (text: string) => /^[0-9a-fA-F:]+(%\S+)?$/.test(text) && text.includes(':') && (text.match(/::/g) ?? []).length <= 1;

/** Reads SRV data `priority weight port target.` into a record. */
export function srvRecord(name: string, data: string, ttl?: number): DnsRecord | undefined {
  const m = /^(\d+)\s+(\d+)\s+(\d+)\s+(\S+)$/.exec(data.trim());
  if (!m) return undefined;
  const target = stripDot(m[4]!);
  return {
    name,
    type: 'SRV',
    value: `${m[1]} ${m[2]} ${m[3]} ${target}`,
    ttl,
    priority: Number(m[1]),
    weight: Number(m[2]),
    port: Number(m[3]),
    target,
  };
}

/** Builds a record from a type and its data as printed in an answer section. */
export function recordFrom(name: string, type: string, data: string, ttl?: number): DnsRecord {
  const t = type.toUpperCase();
  const clean = data.trim();
  if (t === 'SRV') return srvRecord(name, clean, ttl) ?? { name, type: 'SRV', value: clean, ttl };
  if (t === 'CNAME' || t === 'PTR' || t === 'NS') {
    const target = stripDot(clean);
    return { name, type: t, value: target, ttl, target };
  }
  if (t === 'MX') {
    const m = /^(\d+)\s+(\S+)$/.exec(clean);
    return m ? { name, type: 'MX', value: clean, ttl, priority: Number(m[1]), target: stripDot(m[2]!) } : { name, type: 'MX', value: clean, ttl };
  }
  if (t === 'A' || t === 'AAAA' || t === 'TXT' || t === 'SOA') return { name, type: t, value: clean, ttl };
  return { name, type: 'OTHER', value: `${t} ${clean}`, ttl };
}
