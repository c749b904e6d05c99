// How a Pod's resolver walks its search list for a name (resolv.conf(5)): with fewer dots than
// ndots the search domains come first, then the name as it is; the first candidate with an address
// answers. Each candidate is asked with dig as an absolute name (trailing dot), so what the picture
// shows is the answer to exactly that candidate and which server gave it. Pure helpers; the reads
// are in live.ts.
import type { DigResult } from '../../parse/dig.js';
import type { ResolvConfResult } from '../../parse/resolv.js';

export interface DnsTry {
  /** The candidate as asked, absolute (`web.lab-04.svc.cluster.local.`). */
  name: string;
  /** NOERROR, NXDOMAIN, SERVFAIL, TIMEOUT…; undefined when not asked (an earlier candidate answered). */
  status?: string;
  addresses: string[];
  server?: string;
}

export interface DnsSearchPicture {
  pod: string;
  name: string;
  ndots: number;
  nameserver?: string;
  search: string[];
  /** True when the name had fewer dots than ndots (the search list goes first). */
  searchFirst: boolean;
  tries: DnsTry[];
  /** The candidate that answered with an address, if any. */
  answeredBy?: string;
  kubeDns?: { clusterIP?: string; endpoints: { ip: string; pod?: string }[] };
}

/** The candidates in the order the resolver asks them. */
export function searchCandidates(name: string, resolv: Pick<ResolvConfResult, 'search' | 'ndots'>): { candidates: string[]; searchFirst: boolean } {
  if (name.endsWith('.')) return { candidates: [name], searchFirst: false };
  const ndots = resolv.ndots ?? 1;
  const dots = (name.match(/\./g) ?? []).length;
  const searched = resolv.search.map((domain) => `${name}.${domain.replace(/\.$/, '')}.`);
  const asIs = `${name}.`;
  return dots < ndots ? { candidates: [...searched, asIs], searchFirst: true } : { candidates: [asIs, ...searched], searchFirst: false };
}

/** The outcome of one dig for one candidate. */
export function tryFrom(name: string, dig: DigResult): DnsTry {
  const addresses = dig.answers.filter((r) => r.type === 'A' || r.type === 'AAAA').map((r) => r.value);
  return { name, ...(dig.status ? { status: String(dig.status) } : {}), addresses, ...(dig.server ? { server: dig.server } : {}) };
}
