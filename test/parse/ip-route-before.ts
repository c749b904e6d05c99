// ip-route parser as of commit 21063d3 (src/parse/ip-route.ts), frozen: the oracle of ip-route-differential.test.ts,
// which holds the rewritten parser to this one's output. Not used by kindlab itself.
// Reads `ip route` / `ip -j route` and `ip route get` (same line form). Field names follow
// iproute2's own JSON (`gateway`, `prefsrc`...), so the text and JSON forms give the same routes.
import { tryJson } from '../../src/parse/ip-json.js';

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

const ROUTE_TYPES = new Set(['unicast', 'local', 'broadcast', 'multicast', 'anycast', 'blackhole', 'unreachable', 'prohibit', 'throw', 'nat']);
const ROUTE_VALUE_KEYS: Record<string, keyof IpRoute | 'skip'> = {
  via: 'gateway',
  dev: 'dev',
  proto: 'protocol',
  scope: 'scope',
  src: 'prefsrc',
  metric: 'metric',
  table: 'table',
  mtu: 'skip',
  advmss: 'skip',
  uid: 'skip',
  pref: 'skip',
  realm: 'skip',
  expires: 'skip',
  hoplimit: 'skip',
  initcwnd: 'skip',
  initrwnd: 'skip',
  rtt: 'skip',
  rttvar: 'skip',
  weight: 'skip',
  tos: 'skip',
  dsfield: 'skip',
  from: 'skip',
  iif: 'skip',
  error: 'skip',
  mark: 'skip',
  encap: 'skip',
  nhid: 'skip',
  quickack: 'skip',
  congctl: 'skip',
};

/** What `/\s/` matches, by char code. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

// A cursor over the words of the line being read (the words of `line.trim().split(/\s+/)`): a
// word is sliced out only when it is kept, and keywords are recognised in place (`keyAt`).
let line = '';
let cursor = 0;
let wordStart = 0;
let wordEnd = 0;

/** Moves to the next word; false at the end of the line. */
function nextWord(): boolean {
  while (cursor < line.length && isSpace(line.charCodeAt(cursor))) cursor++;
  if (cursor >= line.length) return false;
  wordStart = cursor;
  for (const length = line.length; cursor < length; cursor++) {
    const c = line.charCodeAt(cursor);
    if (c > 32 && c < 127) continue; // printable ASCII: most characters, none of them a space
    if (isSpace(c)) break;
  }
  wordEnd = cursor;
  return true;
}
const currentWord = () => line.slice(wordStart, wordEnd);

// The keys of ROUTE_VALUE_KEYS by length and first letter (`(length << 7) | letter`).
const KEYS_BY_SHAPE: string[][] = [];
for (const key of Object.keys(ROUTE_VALUE_KEYS)) (KEYS_BY_SHAPE[(key.length << 7) | key.charCodeAt(0)] ??= []).push(key);

/** The key of ROUTE_VALUE_KEYS (its own) that `line` spells from `start` to `end`, if any. */
function keyAt(line: string, start: number, end: number): string | undefined {
  const first = line.charCodeAt(start);
  const candidates = first < 128 && end - start < 64 ? KEYS_BY_SHAPE[((end - start) << 7) | first] : undefined;
  if (candidates) for (const key of candidates) if (line.startsWith(key, start)) return key;
  return undefined;
}

/** `/^[0-9a-fA-F.:]+(\/\d+)?$/.test(word)`, a character at a time. */
function isAddress(word: string): boolean {
  let i = 0;
  for (; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (!((c >= 48 && c <= 58) || c === 46 || (c >= 65 && c <= 70) || (c >= 97 && c <= 102))) break;
  }
  if (i === 0) return false;
  if (i === word.length) return true;
  if (word.charCodeAt(i) !== 47 || i + 1 === word.length) return false;
  for (i++; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `text` is trimmed. */
function parseRouteLine(text: string): IpRoute | undefined {
  line = text;
  cursor = 0;
  if (!nextWord()) return undefined;
  let type: string | undefined;
  let dst = currentWord();
  if (text.charCodeAt(0) >= 97 && ROUTE_TYPES.has(dst) && nextWord()) {
    type = dst;
    dst = currentWord();
  }
  if (!dst || (dst !== 'default' && !isAddress(dst))) return undefined;
  const route: IpRoute = { dst, flags: [], raw: text };
  if (type && type !== 'unicast') route.type = type;
  while (nextWord()) {
    // A word that is no key of its own is still looked up on the table, as it always was.
    const word = keyAt(text, wordStart, wordEnd) ?? currentWord();
    const key = ROUTE_VALUE_KEYS[word];
    if (key === 'skip') {
      nextWord();
      continue;
    }
    if (key) {
      if (!nextWord()) break;
      const value = currentWord();
      if (key === 'metric') route.metric = Number(value);
      else {
        const shown = key === 'gateway' && (value === 'inet' || value === 'inet6') ? (nextWord() ? currentWord() : value) : value;
        // Named stores for the usual keys: a store by a computed key was much of the time per route.
        if (key === 'gateway') route.gateway = shown;
        else if (key === 'dev') route.dev = shown;
        else if (key === 'protocol') route.protocol = shown;
        else (route as unknown as Record<string, string>)[key] = shown;
      }
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
    route.nexthops = item.nexthops
      .filter((n): n is Record<string, unknown> => typeof n === 'object' && n !== null)
      .map((n) => ({
        gateway: str(n.gateway),
        dev: str(n.dev),
        weight: typeof n.weight === 'number' ? n.weight : undefined,
      }));
  }
  return route;
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
  // Line by line as `raw.split(/\r?\n/)` would cut it, each line trimmed, with one string per line
  // (the trimmed one) rather than three: on a large table, collecting garbage was most of the time.
  for (let start = 0; start <= raw.length;) {
    const newline = raw.indexOf('\n', start);
    const next = newline < 0 ? raw.length + 1 : newline + 1;
    let end = newline < 0 ? raw.length : newline > start && raw.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    const indented = start < end && isSpace(raw.charCodeAt(start));
    let from = start;
    while (from < end && isSpace(raw.charCodeAt(from))) from++;
    while (end > from && isSpace(raw.charCodeAt(end - 1))) end--;
    start = next;
    if (from === end) continue;
    const trimmed = raw.slice(from, end);
    const first = trimmed.charCodeAt(0);
    const error = first === 82 || first === 69 ? /^(RTNETLINK answers: .*|Error: .*)$/.exec(trimmed) : null;
    if (error) {
      result.error = error[1]!;
      result.parsed = true;
      continue;
    }
    if (indented && lastRoute) {
      // continuation: `    cache`, or a multipath `nexthop via X dev Y weight 1`
      const hop = /nexthop\s+via\s+(\S+)(?:\s+dev\s+(\S+))?(?:\s+weight\s+(\d+))?/.exec(trimmed);
      if (hop) (lastRoute.nexthops ??= []).push({ gateway: hop[1], dev: hop[2], weight: hop[3] ? Number(hop[3]) : undefined });
      continue;
    }
    const route = parseRouteLine(trimmed);
    if (route) {
      result.routes.push(route);
      result.parsed = true;
      lastRoute = route;
    }
  }
  line = ''; // the cursor lets go of the text
  return result;
}
