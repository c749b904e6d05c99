// Reads dig output: the full form (header, flags, sections, server line, query time) and `+short`
// (one datum per line). Several queries in one run become several messages.
import { isIPv4, isIPv6, recordFrom, srvRecord, stripDot, type DnsRecord, type DnsStatus } from './dns-records.js';

export interface DigQuestion {
  name: string;
  class: string;
  type: string;
}

export interface DigMessage {
  /** The rcode from `->>HEADER<<-`, as printed (NOERROR, NXDOMAIN, SERVFAIL, REFUSED, ...). */
  status?: string;
  opcode?: string;
  id?: number;
  flags: string[];
  counts: { query?: number; answer?: number; authority?: number; additional?: number };
  question: DigQuestion[];
  answer: DnsRecord[];
  authority: DnsRecord[];
  additional: DnsRecord[];
  queryTimeMs?: number;
  /** IP from `;; SERVER: 10.96.0.10#53(10.96.0.10) (UDP)`. */
  server?: string;
  serverPort?: number;
  transport?: string;
}

export interface DigResult {
  format: 'dig';
  /** `full` when a header or section was printed, `short` for `+short` lines, `none` when nothing was recognised. */
  mode: 'full' | 'short' | 'none';
  parsed: boolean;
  /** Status of the last message; `TIMEOUT` when no server answered; undefined for `+short` (dig does not print it). */
  status?: DnsStatus | string;
  server?: string;
  serverPort?: number;
  queryTimeMs?: number;
  flags: string[];
  question?: DigQuestion;
  /** Answer records of every message, in order. */
  answers: DnsRecord[];
  messages: DigMessage[];
  timedOut: boolean;
  raw: string;
}

const SECTION = /^;; (QUESTION|ANSWER|AUTHORITY|ADDITIONAL) SECTION:/;
const RECORD = /^(\S+)\s+(\d+)\s+(?:(IN|CH|HS|ANY|CLASS\d+)\s+)?([A-Z][A-Z0-9]*)\s+(.*)$/;

function newMessage(): DigMessage {
  return { flags: [], counts: {}, question: [], answer: [], authority: [], additional: [] };
}

export function looksLikeFullDig(text: string): boolean {
  return /<<>> DiG|->>HEADER<<-|^;; (ANSWER|QUESTION) SECTION:/m.test(text);
}

export function parseDig(text: string): DigResult {
  const raw = String(text ?? '');
  const result: DigResult = { format: 'dig', mode: 'none', parsed: false, flags: [], answers: [], messages: [], timedOut: false, raw };
  if (/no servers could be reached|connection timed out/.test(raw)) result.timedOut = true;
  if (looksLikeFullDig(raw)) parseFull(raw, result);
  else parseShort(raw, result);
  const last = result.messages[result.messages.length - 1];
  if (last) {
    result.status = last.status;
    result.server = last.server;
    result.serverPort = last.serverPort;
    result.queryTimeMs = last.queryTimeMs;
    result.flags = last.flags;
    result.question = last.question[0];
  }
  if (result.timedOut && (result.status === undefined || result.mode !== 'full')) result.status = 'TIMEOUT';
  result.answers = result.messages.flatMap((m) => m.answer);
  result.parsed = result.mode !== 'none' || result.timedOut;
  return result;
}

function parseFull(raw: string, result: DigResult): void {
  result.mode = 'full';
  let message: DigMessage | undefined;
  let section: 'question' | 'answer' | 'authority' | 'additional' | undefined;
  const current = () => {
    if (!message) {
      message = newMessage();
      result.messages.push(message);
    }
    return message;
  };
  for (const rawLine of raw.split(/\r?\n/)) {
    const line = rawLine.trimEnd();
    let m: RegExpExecArray | null;
    if (/^; <<>> DiG/.test(line)) {
      message = undefined;
      section = undefined;
      continue;
    }
    if ((m = /->>HEADER<<- opcode: (\S+), status: (\S+), id: (\d+)/.exec(line))) {
      if (message?.status !== undefined) message = undefined;
      const msg = current();
      msg.opcode = m[1]!;
      msg.status = m[2]!;
      msg.id = Number(m[3]);
      section = undefined;
      continue;
    }
    if ((m = /^;; flags:([^;]*);(.*)$/.exec(line))) {
      const msg = current();
      msg.flags = m[1]!.trim().split(/\s+/).filter(Boolean);
      for (const part of m[2]!.split(',')) {
        const c = /(QUERY|ANSWER|AUTHORITY|ADDITIONAL): (\d+)/.exec(part);
        if (c) msg.counts[c[1]!.toLowerCase() as keyof DigMessage['counts']] = Number(c[2]);
      }
      continue;
    }
    if ((m = SECTION.exec(line))) {
      section = m[1]!.toLowerCase() as typeof section;
      current();
      continue;
    }
    if ((m = /^;; Query time: (\d+) (msec|usec)/.exec(line))) {
      current().queryTimeMs = m[2] === 'usec' ? Number(m[1]) / 1000 : Number(m[1]);
      section = undefined;
      continue;
    }
    if ((m = /^;; SERVER: (\S+?)#(\d+)(?:\(([^)]*)\))?(?:\s+\((\w+)\))?/.exec(line))) {
      const msg = current();
      msg.server = m[1]!;
      msg.serverPort = Number(m[2]);
      msg.transport = m[4];
      continue;
    }
    if (line === '') {
      section = section === 'question' ? undefined : section;
      continue;
    }
    if (section === 'question' && (m = /^;(\S+)\s+(\S+)\s+(\S+)$/.exec(line))) {
      current().question.push({ name: stripDot(m[1]!), class: m[2]!, type: m[3]! });
      continue;
    }
    if (section && section !== 'question' && !line.startsWith(';') && (m = RECORD.exec(line))) {
      current()[section].push(recordFrom(stripDot(m[1]!), m[4]!, m[5]!, Number(m[2])));
    }
  }
}

function parseShort(raw: string, result: DigResult): void {
  const records: DnsRecord[] = [];
  for (const rawLine of raw.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith(';')) continue;
    if (isIPv4(line)) records.push({ name: '', type: 'A', value: line });
    else if (isIPv6(line)) records.push({ name: '', type: 'AAAA', value: line });
    else if (/^\d+ \d+ \d+ \S+$/.test(line)) {
      const srv = srvRecord('', line);
      if (srv) records.push(srv);
    } else if (/^[A-Za-z0-9_*.-]+\.$/.test(line)) {
      const target = stripDot(line);
      records.push({ name: '', type: 'NAME', value: target, target });
    } else if (/^".*"$/.test(line)) records.push({ name: '', type: 'TXT', value: line });
    else return; // not +short output: leave the result unparsed rather than guess
  }
  if (records.length === 0) return;
  result.mode = 'short';
  const message = newMessage();
  message.answer = records;
  result.messages.push(message);
}
