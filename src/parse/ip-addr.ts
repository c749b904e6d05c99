// Reads `ip addr` / `ip -j addr`: interfaces with their flags, state, link and addresses, the
// same from the text and the JSON form.
import { tryJson } from './ip-json.js';

export interface IpAddress {
  family: 'inet' | 'inet6' | string;
  address: string;
  prefixlen: number;
  scope?: string;
  label?: string;
}

export interface IpInterface {
  index: number;
  name: string;
  /** The peer after `@` (`eth0@if12`, `cali123@eth0x`). */
  link?: string;
  flags: string[];
  mtu?: number;
  state?: string;
  mac?: string;
  linkType?: string;
  addresses: IpAddress[];
}

export interface IpAddrResult {
  format: 'ip-addr';
  parsed: boolean;
  json: boolean;
  interfaces: IpInterface[];
  raw: string;
}

function fromJsonInterface(item: Record<string, unknown>): IpInterface {
  const addrInfo = Array.isArray(item.addr_info) ? item.addr_info : [];
  return {
    index: typeof item.ifindex === 'number' ? item.ifindex : 0,
    name: typeof item.ifname === 'string' ? item.ifname : '',
    link: typeof item.link === 'string' ? item.link : undefined,
    flags: Array.isArray(item.flags) ? item.flags.filter((f): f is string => typeof f === 'string') : [],
    mtu: typeof item.mtu === 'number' ? item.mtu : undefined,
    state: typeof item.operstate === 'string' ? item.operstate : undefined,
    mac: typeof item.address === 'string' ? item.address : undefined,
    linkType: typeof item.link_type === 'string' ? item.link_type : undefined,
    addresses: addrInfo
      .filter((a): a is Record<string, unknown> => typeof a === 'object' && a !== null && typeof a.local === 'string')
      .map((a) => ({
        family: String(a.family ?? ''),
        address: String(a.local),
        prefixlen: typeof a.prefixlen === 'number' ? a.prefixlen : Number.NaN,
        scope: typeof a.scope === 'string' ? a.scope : undefined,
        label: typeof a.label === 'string' ? a.label : undefined,
      })),
  };
}

export function parseIpAddr(text: string): IpAddrResult {
  const raw = String(text ?? '');
  const json = tryJson(raw);
  if (json) {
    const interfaces = json.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && 'ifname' in r).map(fromJsonInterface);
    return { format: 'ip-addr', parsed: true, json: true, interfaces, raw };
  }
  const result: IpAddrResult = { format: 'ip-addr', parsed: false, json: false, interfaces: [], raw };
  let current: IpInterface | undefined;
  for (const line of raw.split(/\r?\n/)) {
    let m: RegExpExecArray | null;
    if ((m = /^(\d+):\s+([^:@\s]+)(?:@([^:\s]+))?:\s+<([^>]*)>(.*)$/.exec(line))) {
      const rest = m[5]!;
      current = {
        index: Number(m[1]),
        name: m[2]!,
        link: m[3],
        flags: m[4]!.split(',').filter(Boolean),
        mtu: /\bmtu (\d+)/.exec(rest) ? Number(/\bmtu (\d+)/.exec(rest)![1]) : undefined,
        state: /\bstate (\S+)/.exec(rest)?.[1],
        addresses: [],
      };
      result.interfaces.push(current);
      result.parsed = true;
      continue;
    }
    if (!current) continue;
    if ((m = /^\s+link\/(\S+)(?:\s+(\S+))?/.exec(line))) {
      current.linkType = m[1]!;
      if (m[2] && /^[0-9a-f]{2}(:[0-9a-f]{2})+$/i.test(m[2])) current.mac = m[2];
      continue;
    }
    if ((m = /^\s+(inet6?)\s+([0-9a-fA-F.:]+)(?:\/(\d+))?(.*)$/.exec(line))) {
      const rest = m[4]!;
      const words = rest.trim().split(/\s+/);
      const scope = /\bscope (\S+)/.exec(rest)?.[1];
      // the label (ipv4 only) is the last word when it names the interface or an alias of it
      const lastWord = words[words.length - 1];
      const label = m[1] === 'inet' && lastWord && lastWord.startsWith(current.name) ? lastWord : undefined;
      current.addresses.push({
        family: m[1]!,
        address: m[2]!,
        prefixlen: m[3] !== undefined ? Number(m[3]) : m[1] === 'inet' ? 32 : 128,
        scope,
        label,
      });
    }
  }
  return result;
}
