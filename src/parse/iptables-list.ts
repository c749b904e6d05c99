// `iptables -L -n` (with or without -v, -x and --line-numbers): `Chain NAME (policy …)` headers,
// a column header, then one rule per line in columns, with matches and targets as words after
// the destination (`/* comment */`, `dpt:80`, `statistic mode random probability 0.5`, `to:…`).
import { normalizeAddress, protocolName, type IptablesChain, type IptablesRule } from './iptables-model.js';
import type { TableBuilder } from './iptables-table.js';

/** Reads the words of a -L line's extra column (after destination). */
function readListExtras(rule: IptablesRule, extras: string): void {
  let rest = extras;
  const comment = /\/\* (.*?) \*\//.exec(rest);
  if (comment) {
    rule.comment = comment[1]!;
    rule.matches.push('comment');
    rest = rest.replace(comment[0], ' ');
  }
  let m: RegExpExecArray | null;
  if ((m = /\b(?:tcp|udp|sctp)\b.*?\bdpts?:(!?\S+)/.exec(rest))) rule.dport = m[1]!;
  else if ((m = /\bdports (!?\S+)/.exec(rest))) rule.dport = m[1]!;
  if ((m = /\b(?:tcp|udp|sctp)\b.*?\bspts?:(!?\S+)/.exec(rest))) rule.sport = m[1]!;
  else if ((m = /\bsports (!?\S+)/.exec(rest))) rule.sport = m[1]!;
  if ((m = /statistic mode random probability (\S+)/.exec(rest))) {
    rule.matches.push('statistic');
    const p = Number(m[1]);
    if (Number.isFinite(p)) rule.probability = p;
  }
  if ((m = /\bto:(\S+)/.exec(rest))) {
    if (rule.target === 'SNAT') rule.toSource = m[1]!;
    else rule.toDestination = m[1]!;
  }
  if ((m = /\bMARK (set|or|xor|and) (\S+)/.exec(rest))) rule.setMark = `${m[1]} ${m[2]}`;
  if ((m = /\bmark match (! )?(\S+)/.exec(rest))) {
    rule.matches.push('mark');
    rule.markMatch = `${m[1] ? '! ' : ''}${m[2]}`;
  }
}

export function parseList(raw: string, table: TableBuilder): void {
  const result = table.result;
  let chain: IptablesChain | undefined;
  let columns: string[] = [];
  for (const rawLine of raw.split(/\r?\n/)) {
    const line = rawLine.replace(/\s+$/, '');
    if (!line) continue;
    let m: RegExpExecArray | null;
    if ((m = /^Chain (\S+) \((.*)\)$/.exec(line))) {
      chain = table.chain(m[1]!);
      columns = [];
      const policy = /^policy (\S+)(?: (\d+) packets, (\d+) bytes)?/.exec(m[2]!);
      if (policy) {
        chain.policy = policy[1]!;
        if (policy[2] !== undefined) {
          chain.packets = Number(policy[2]);
          chain.bytes = Number(policy[3]);
        }
      }
      const refs = /^(\d+) references/.exec(m[2]!);
      if (refs) chain.references = Number(refs[1]);
      continue;
    }
    if (/^\s*(num\s+)?(pkts\s+bytes\s+)?target\s+prot\s+opt\b/.test(line)) {
      columns = line.trim().split(/\s+/);
      continue;
    }
    if (!chain || columns.length === 0) {
      result.unreadLines.push(line);
      continue;
    }
    const rule = listRule(line, columns, chain.name, table);
    if (rule) table.addRule(rule, table.entry(chain.name));
    else result.unreadLines.push(line);
  }
}

/** One `-L` rule line. The target column is blank for rules without a target, so words are
 *  located from the `opt` column (always `--`, `-f` or `!f`) rather than counted from the left. */
function listRule(line: string, columns: string[], chainName: string, table: TableBuilder): IptablesRule | undefined {
  const tokens: { word: string; end: number }[] = [];
  const re = /\S+/g;
  let t: RegExpExecArray | null;
  while ((t = re.exec(line))) tokens.push({ word: t[0], end: t.index + t[0].length });
  const hasNum = columns[0] === 'num';
  const hasCounters = columns.includes('pkts');
  const hasInterfaces = columns.includes('in');
  const lead = (hasNum ? 1 : 0) + (hasCounters ? 2 : 0);
  const optIndex = tokens.findIndex((tok, idx) => idx > lead && /^(--|-f|!f)$/.test(tok.word));
  if (optIndex < 0) return undefined;
  const beforeOpt = optIndex - lead; // 2: target prot, 1: prot only
  if (beforeOpt !== 1 && beforeOpt !== 2) return undefined;
  const after = optIndex + 1 + (hasInterfaces ? 2 : 0);
  const src = tokens[after];
  const dst = tokens[after + 1];
  if (!src || !dst) return undefined;
  const position = hasNum ? Number(tokens[0]!.word) : table.entry(chainName).rules + 1;
  const counter = (w: string | undefined) => {
    const mm = /^(\d+)([KMGT]?)$/.exec(w ?? '');
    if (!mm) return undefined;
    return Number(mm[1]) * ({ '': 1, K: 1e3, M: 1e6, G: 1e9, T: 1e12 }[mm[2] as '' | 'K'] ?? 1);
  };
  const rule: IptablesRule = {
    chain: chainName,
    position: Number.isFinite(position) ? position : 0,
    target: beforeOpt === 2 ? tokens[lead]!.word : undefined,
    matches: [],
    raw: line,
  };
  if (hasCounters) {
    rule.packets = counter(tokens[hasNum ? 1 : 0]?.word);
    rule.bytes = counter(tokens[hasNum ? 2 : 1]?.word);
  }
  let prot = tokens[optIndex - 1]!.word;
  if (prot.startsWith('!')) {
    rule.protocolNegated = true;
    prot = prot.slice(1);
  }
  rule.protocol = protocolName(prot);
  if (hasInterfaces) {
    const inIf = tokens[optIndex + 1]?.word;
    const outIf = tokens[optIndex + 2]?.word;
    if (inIf && inIf !== '*') rule.inInterface = inIf;
    if (outIf && outIf !== '*') rule.outInterface = outIf;
  }
  const address = (word: string): [string | undefined, boolean | undefined] =>
    word.startsWith('!') ? [normalizeAddress(word.slice(1)), true] : [normalizeAddress(word), undefined];
  [rule.source, rule.sourceNegated] = address(src.word);
  [rule.destination, rule.destinationNegated] = address(dst.word);
  readListExtras(rule, line.slice(dst.end));
  return rule;
}
