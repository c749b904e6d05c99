// Every parser by format name, for `kindlab parse FORMAT` and for expectations. All are pure and
// never throw: an unreadable input gives a result with `parsed: false` and the raw text.
import { parseCurlText } from './curl.js';
import { looksLikeFullDig, parseDig, type DigResult } from './dig.js';
import { parseIpAddr, parseIpRoute } from './ip.js';
import { parseIptables } from './iptables.js';
import { parseNslookup, type NslookupResult } from './nslookup.js';
import { parseResolvConf } from './resolv.js';
import { parseTcpdump } from './tcpdump.js';

export const parsers: Record<string, (text: string) => unknown> = {
  nslookup: parseNslookup,
  dig: parseDig,
  curl: parseCurlText,
  iptables: parseIptables,
  'ip-route': parseIpRoute,
  'ip-addr': parseIpAddr,
  resolv: parseResolvConf,
  tcpdump: parseTcpdump,
};

export const formatNames = Object.keys(parsers);

/** Which DNS tool printed this: dig (full or +short) or nslookup. */
export function detectDnsFormat(text: string): 'nslookup' | 'dig' {
  if (looksLikeFullDig(text)) return 'dig';
  if (/^Server:\s|^Address:\s|\*\* server can't find|canonical name =|^Name:\s/m.test(text)) return 'nslookup';
  return 'dig';
}

/** Reads DNS tool output of either kind. */
export function parseDns(text: string): NslookupResult | DigResult {
  return detectDnsFormat(text) === 'dig' ? parseDig(text) : parseNslookup(text);
}

export { parseCurl, parseCurlText } from './curl.js';
export { parseDig } from './dig.js';
export { parseIpAddr, parseIpRoute } from './ip.js';
export { parseIptables } from './iptables.js';
export { parseNslookup } from './nslookup.js';
export { parseResolvConf } from './resolv.js';
export { parseTcpdump } from './tcpdump.js';
