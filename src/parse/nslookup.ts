// Reads bind9 nslookup output (bind9-dnsutils / bind-tools, what netshoot runs): the server that
// answered, the answers (A/AAAA, canonical names, SRV, PTR) and the failure (NXDOMAIN, timeout...).
import { recordFrom, srvRecord, stripDot, type DnsRecord, type DnsStatus } from './dns-records.js';

export interface NslookupResult {
  format: 'nslookup';
  /** False when nothing in the text looked like nslookup output; `raw` keeps it. */
  parsed: boolean;
  /** The `Server:` line (an IP or a name). */
  server?: string;
  /** IP of the server from `Address: 10.96.0.10#53`. */
  serverAddress?: string;
  serverPort?: number;
  /** `TIMEOUT` when no server answered; undefined when the text shows neither answers nor an error. */
  status?: DnsStatus;
  /** Name from `** server can't find NAME: STATUS`. */
  failedName?: string;
  /** Owner names of the answers in order (from `Name:` and `X canonical name = Y` lines). */
  names: string[];
  answers: DnsRecord[];
  /** `Non-authoritative answer:` was printed. */
  nonAuthoritative: boolean;
  raw: string;
}

const ERROR_LINE = /^\*\* server can't find (.+?): ([A-Z]+)\s*$/;
const NO_ANSWER = /^\*\*\* Can't find (.+?): No answer\s*$/;
const TIMEOUT_LINE = /no servers could be reached|connection timed out/;

export function parseNslookup(text: string): NslookupResult {
  const result: NslookupResult = { format: 'nslookup', parsed: false, names: [], answers: [], nonAuthoritative: false, raw: text };
  const failures: { name: string; status: string }[] = [];
  let timedOut = false;
  let sawNoAnswer = false;
  let currentName: string | undefined;
  let serverBlock = false;

  for (const rawLine of String(text ?? '').split(/\r?\n/)) {
    const line = rawLine.trimEnd();
    let m: RegExpExecArray | null;
    if ((m = /^Server:\s+(\S+)$/.exec(line))) {
      result.server = m[1]!;
      serverBlock = true;
      result.parsed = true;
      continue;
    }
    if ((m = /^Address:\s+(\S+?)#(\d+)$/.exec(line)) && serverBlock) {
      result.serverAddress = m[1]!;
      result.serverPort = Number(m[2]);
      serverBlock = false;
      continue;
    }
    if (/^Non-authoritative answer:/.test(line)) {
      result.nonAuthoritative = true;
      result.parsed = true;
      continue;
    }
    if ((m = /^Name:\s+(\S+)$/.exec(line))) {
      currentName = stripDot(m[1]!);
      if (!result.names.includes(currentName)) result.names.push(currentName);
      serverBlock = false;
      result.parsed = true;
      continue;
    }
    if ((m = /^Address(?:es)?:\s+(\S+)$/.exec(line)) && currentName !== undefined) {
      const address = m[1]!;
      result.answers.push({ name: currentName, type: address.includes(':') ? 'AAAA' : 'A', value: address });
      continue;
    }
    if ((m = /^(\S+)\s+canonical name = (\S+)$/.exec(line))) {
      const owner = stripDot(m[1]!);
      result.answers.push(recordFrom(owner, 'CNAME', m[2]!));
      if (!result.names.includes(owner)) result.names.push(owner);
      result.parsed = true;
      continue;
    }
    if ((m = /^(\S+)\s+service = (.+)$/.exec(line))) {
      const owner = stripDot(m[1]!);
      const record = srvRecord(owner, m[2]!);
      if (record) result.answers.push(record);
      if (!result.names.includes(owner)) result.names.push(owner);
      result.parsed = true;
      continue;
    }
    if ((m = /^(\S+)\s+name = (\S+)$/.exec(line))) {
      const owner = stripDot(m[1]!);
      result.answers.push(recordFrom(owner, 'PTR', m[2]!));
      if (!result.names.includes(owner)) result.names.push(owner);
      result.parsed = true;
      continue;
    }
    if ((m = /^(\S+)\s+mail exchanger = (.+)$/.exec(line))) {
      result.answers.push(recordFrom(stripDot(m[1]!), 'MX', m[2]!));
      result.parsed = true;
      continue;
    }
    if ((m = /^(\S+)\s+text = (.+)$/.exec(line))) {
      result.answers.push(recordFrom(stripDot(m[1]!), 'TXT', m[2]!));
      result.parsed = true;
      continue;
    }
    if ((m = ERROR_LINE.exec(line))) {
      failures.push({ name: stripDot(m[1]!), status: m[2]! });
      result.parsed = true;
      continue;
    }
    if (NO_ANSWER.test(line)) {
      sawNoAnswer = true;
      result.parsed = true;
      continue;
    }
    if (TIMEOUT_LINE.test(line)) {
      timedOut = true;
      result.parsed = true;
    }
  }

  if (result.answers.length > 0) {
    result.status = 'NOERROR';
  } else if (failures.length > 0) {
    const last = failures[failures.length - 1]!;
    result.failedName = last.name;
    result.status = (['NXDOMAIN', 'SERVFAIL', 'REFUSED', 'NOERROR'] as const).find((s) => s === last.status) ?? undefined;
  } else if (timedOut) {
    result.status = 'TIMEOUT';
  } else if (sawNoAnswer) {
    result.status = 'NOERROR';
  }
  return result;
}
