// Reads iproute2 output: `ip route` / `ip -j route`, `ip route get` (same line form), and
// `ip addr` / `ip -j addr`. Field names follow iproute2's own JSON (`gateway`, `prefsrc`...), so
// the text and JSON forms give the same typed result.

export interface IpRoute {
  /** `default`, a CIDR, or a host address as printed (`10.244.0.5`). */
  dst: string;
  /** Route type when printed (`local`, `broadcast`, `blackhole`, `unreachable`...); undefined for unicast. */
  type?: string;
  gateway?: string;
  dev?: string;
  protocol?: string;
  scope?: string;
  prefsrc?: string;
  metric?: number;
  table?: string;
  /** `onlink`, `linkdown`, `dead`... */
  flags: string[];
  /** Multipath next hops (`nexthop via X dev Y`). */
  nexthops?: { gateway?: string; dev?: string; weight?: number }[];
  raw?: string;
}

export interface IpRouteResult {
  format: 'ip-route';
  parsed: boolean;
  json: boolean;
  routes: IpRoute[];
  /** `RTNETLINK answers: Network is unreachable` and similar, from `ip route get`. */
  error?: string;
  raw: string;
}

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

const ROUTE_TYPES = new Set(['unicast', 'local', 'broadcast', 'multicast', 'anycast', 'blackhole', 'unreachable', 'prohibit', 'throw', 'nat']);
const ROUTE_VALUE_KEYS: Record<string, keyof IpRoute | 'skip'> = {
  via: 'gateway', dev: 'dev', proto: 'protocol', scope: 'scope', src: 'prefsrc', metric: 'metric', table: 'table',
  mtu: 'skip', advmss: 'skip', uid: 'skip', pref: 'skip', realm: 'skip', expires: 'skip', hoplimit: 'skip', initcwnd: 'skip',
  initrwnd: 'skip', rtt: 'skip', rttvar: 'skip', weight: 'skip', tos: 'skip', dsfield: 'skip', from: 'skip', iif: 'skip',
  error: 'skip', mark: 'skip', encap: 'skip', nhid: 'skip', quickack: 'skip', congctl: 'skip',
};

function parseRouteLine(line: string): IpRoute | undefined {
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  let i = 0;
  let type: string | undefined;
  if (ROUTE_TYPES.has(words[0]!) && words.length > 1) type = words[i++];
  const dst = words[i++];
  if (!dst || (dst !== 'default' && !/^[0-9a-fA-F.:]+(\/\d+)?$/.test(dst))) return undefined;
  const route: IpRoute = { dst, flags: [], raw: line.trim() };
  if (type && type !== 'unicast') route.type = type;
  for (; i < words.length; i++) {
    const word = words[i]!;
    const key = ROUTE_VALUE_KEYS[word];
    if (key === 'skip') {
      i++;
      continue;
    }
    if (key) {
      const value = words[++i];
      if (value === undefined) break;
      if (key === 'metric') route.metric = Number(value);
      else (route as unknown as Record<string, string>)[key] = key === 'gateway' && (value === 'inet' || value === 'inet6') ? words[++i] ?? value : value;
      continue;
    }
    if (word === 'via' || word === 'cache' || word === 'nexthop') continue;
    if (/^[a-z-]+$/.test(word)) route.flags.push(word);
  }
  return route;
}

function fromJsonRoute(item: Record<string, unknown>): IpRoute {
  const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
  const route: IpRoute = {
    dst: str(item.dst) ?? '',
    type: item.type !== undefined && item.type !== 'unicast' ? str(item.type) : undefined,
    gateway: str(item.gateway),
    dev: str(item.dev),
    protocol: str(item.protocol),
    scope: str(item.scope),
    prefsrc: str(item.prefsrc),
    metric: typeof item.metric === 'number' ? item.metric : undefined,
    table: str(item.table),
    flags: Array.isArray(item.flags) ? item.flags.filter((f): f is string => typeof f === 'string') : [],
  };
  if (Array.isArray(item.nexthops)) {
    route.nexthops = item.nexthops.filter((n): n is Record<string, unknown> => typeof n === 'object' && n !== null).map((n) => ({
      gateway: str(n.gateway), dev: str(n.dev), weight: typeof n.weight === 'number' ? n.weight : undefined,
    }));
  }
  return route;
}

function tryJson(text: string): unknown[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function parseIpRoute(text: string): IpRouteResult {
  const raw = String(text ?? '');
  const json = tryJson(raw);
  if (json) {
    const routes = json.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && 'dst' in r).map(fromJsonRoute);
    return { format: 'ip-route', parsed: true, json: true, routes, raw };
  }
  const result: IpRouteResult = { format: 'ip-route', parsed: false, json: false, routes: [], raw };
  let lastRoute: IpRoute | undefined;
  for (const line of raw.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const error = /^(RTNETLINK answers: .*|Error: .*)$/.exec(line.trim());
    if (error) {
      result.error = error[1]!;
      result.parsed = true;
      continue;
    }
    if (/^\s/.test(line) && lastRoute) {
      // continuation: `    cache`, or a multipath `nexthop via X dev Y weight 1`
      const hop = /nexthop\s+via\s+(\S+)(?:\s+dev\s+(\S+))?(?:\s+weight\s+(\d+))?/.exec(line);
      if (hop) (lastRoute.nexthops ??= []).push({ gateway: hop[1], dev: hop[2], weight: hop[3] ? Number(hop[3]) : undefined });
      continue;
    }
    const route = parseRouteLine(line);
    if (route) {
      result.routes.push(route);
      result.parsed = true;
      lastRoute = route;
    }
  }
  return result;
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
