// iptables parser as of commit 47d7347 (src/parse/iptables.ts), frozen: the oracle of iptables-differential.test.ts,
// which holds the rewritten parser to this one's output. Not used by kindlab itself.
// Reads iptables rules in the three forms a learner prints: `iptables-save`, `iptables -S`, and
// `iptables -L -n` (with or without -v, -x and --line-numbers). kube-proxy's rules carry comments
// (`/* ns/svc:port */` in -L, `-m comment --comment "ns/svc:port cluster IP"` in -S), statistic
// probabilities and DNAT targets; all three forms give the same typed rules.

export interface IptablesChain {
  name: string;
  table?: string;
  /** Built-in chains have a policy (ACCEPT, DROP); user chains have none (`-` in iptables-save). */
  policy?: string;
  references?: number;
  packets?: number;
  bytes?: number;
}

export interface IptablesRule {
  chain: string;
  table?: string;
  /** 1-based position in its chain (`--line-numbers`, or counted). */
  position: number;
  /** Jump (-j) or goto (-g) target; undefined for a rule with no target. */
  target?: string;
  goto?: boolean;
  /** `tcp`, `udp`, `sctp`, `icmp`; undefined for all protocols. */
  protocol?: string;
  protocolNegated?: boolean;
  /** CIDR (host addresses get /32); undefined for any (0.0.0.0/0). */
  source?: string;
  sourceNegated?: boolean;
  destination?: string;
  destinationNegated?: boolean;
  inInterface?: string;
  outInterface?: string;
  /** Destination port or range as printed (`80`, `30000:32767`, `80,443`). */
  dport?: string;
  sport?: string;
  comment?: string;
  /** `-m statistic --mode random --probability P`. */
  probability?: number;
  /** DNAT `--to-destination` (`to:` in -L). */
  toDestination?: string;
  toSource?: string;
  /** MARK target: `--set-xmark 0x4000/0x4000`, `--or-mark 0x4000` (-S) or `MARK or 0x4000` (-L). */
  setMark?: string;
  /** `-m mark --mark 0x4000/0x4000` (with `!` when negated). */
  markMatch?: string;
  /** Modules named with -m, in order. */
  matches: string[];
  packets?: number;
  bytes?: number;
  raw: string;
}

export interface IptablesResult {
  format: 'iptables';
  /** `save` (iptables-save), `rules` (-S), `list` (-L), or `unknown` when nothing was recognised. */
  source: 'save' | 'rules' | 'list' | 'unknown';
  parsed: boolean;
  chains: IptablesChain[];
  rules: IptablesRule[];
  /** Lines that looked like rules but could not be read. */
  unreadLines: string[];
  raw: string;
}

const PROTOCOL_NUMBERS: Record<string, string> = { '0': 'all', '1': 'icmp', '6': 'tcp', '17': 'udp', '58': 'ipv6-icmp', '132': 'sctp' };

/** CIDR form used for every address: hosts get /32 (/128), any (0.0.0.0/0, ::/0) becomes undefined. */
export function normalizeAddress(address: string | undefined): string | undefined {
  if (address === undefined || address === '') return undefined;
  if (address === '0.0.0.0/0' || address === '::/0' || address === 'anywhere') return undefined;
  if (address.includes('/')) return address;
  return address.includes(':') ? `${address}/128` : `${address}/32`;
}

function protocolName(value: string): string | undefined {
  const name = PROTOCOL_NUMBERS[value] ?? value.toLowerCase();
  return name === 'all' ? undefined : name;
}

/** What `/\s/` matches, by char code: no regular expression per character of a large table. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Splits an iptables-save line into words, honouring "double quotes" and backslash escapes. */
export function splitWords(line: string): string[] {
  // Without escapes, the words are runs of plain characters and "quoted parts" between
  // unquoted whitespace: one native match for the whole line, quotes then dropped.
  if (!line.includes('\\')) {
    const found = line.match(/(?:[^\s"]+|"[^"]*"?)+/g);
    if (!found) return [];
    for (let i = 0; i < found.length; i++) {
      const word = found[i]!;
      const quote = word.indexOf('"');
      if (quote < 0) continue;
      // Usually the whole word is one quoted part (`"ns/svc:port cluster IP"`).
      found[i] = quote === 0 && word.indexOf('"', 1) === word.length - 1 && word.length > 1 ? word.slice(1, -1) : word.replaceAll('"', '');
    }
    return found;
  }
  const words: string[] = [];
  // A word is `word` (pieces before a quote or escape) plus the plain run from `run` to here:
  // runs are sliced out whole rather than built a character at a time.
  let word = '';
  let run = -1;
  let inWord = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 92 && i + 1 < line.length) {
      if (run >= 0) word += line.slice(run, i);
      word += line[++i];
      run = -1;
      inWord = true;
    } else if (c === 34) {
      if (run >= 0) word += line.slice(run, i);
      run = -1;
      quoted = !quoted;
      inWord = true;
    } else if (!quoted && isSpace(c)) {
      if (inWord) words.push(run >= 0 ? word + line.slice(run, i) : word);
      word = '';
      run = -1;
      inWord = false;
    } else {
      if (run < 0) run = i;
      inWord = true;
    }
  }
  if (inWord) words.push(run >= 0 ? word + line.slice(run) : word);
  return words;
}

export function detectIptablesSource(text: string): IptablesResult['source'] {
  // Each pattern is tried only when the text holds a character it needs: a miss scans the whole text.
  if ((text.includes('*') && /^\*[a-z]+\s*$/m.test(text)) || (text.includes('[') && /^:[^\s]+ [^\s]+ \[\d+:\d+\]/m.test(text))) return 'save';
  if (text.includes('Chain ') && /^Chain \S+ \(/m.test(text)) return 'list';
  if (/^-[ANP] \S+/m.test(text)) return 'rules';
  return 'unknown';
}

export function parseIptables(text: string): IptablesResult {
  const raw = String(text ?? '');
  const source = detectIptablesSource(raw);
  const result: IptablesResult = { format: 'iptables', source, parsed: source !== 'unknown', chains: [], rules: [], unreadLines: [], raw };
  if (source === 'list') parseList(raw, result);
  else if (source !== 'unknown') parseSaveOrRules(raw, result);
  lastResult = lastLookup = undefined;
  return result;
}

/**
 * Lookups by chain while parsing, kept in step with result.chains and result.rules (each new
 * element is indexed on the next lookup): a linear search per line made a large table
 * (kube-proxy with thousands of Services) quadratic.
 */
interface Lookup {
  /** Chains by table ('' for none), then by name. */
  chains: Map<string, Map<string, IptablesChain>>;
  chainsSeen: number;
  /** Rules so far by table, then chain; and by chain alone (the -L listing has no table). */
  rules: Map<string, Map<string, number>>;
  rulesByChain: Map<string, number>;
  rulesSeen: number;
}
const lookups = new WeakMap<IptablesResult, Lookup>();
// The result being parsed and its lookup: two lookups per rule, so not through the WeakMap each time.
let lastResult: IptablesResult | undefined;
let lastLookup: Lookup | undefined;

function inner<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let map = outer.get(key);
  if (!map) outer.set(key, (map = new Map()));
  return map;
}

function lookupOf(result: IptablesResult): Lookup {
  let lookup = lastResult === result ? lastLookup : lookups.get(result);
  if (!lookup) lookups.set(result, (lookup = { chains: new Map(), chainsSeen: 0, rules: new Map(), rulesByChain: new Map(), rulesSeen: 0 }));
  lastResult = result;
  lastLookup = lookup;
  for (; lookup.chainsSeen < result.chains.length; lookup.chainsSeen++) {
    const c = result.chains[lookup.chainsSeen]!;
    const byName = inner(lookup.chains, c.table ?? '');
    if (!byName.has(c.name)) byName.set(c.name, c);
  }
  // Counted a run of rules of one chain (and table) at a time: rules come grouped by chain.
  while (lookup.rulesSeen < result.rules.length) {
    const r = result.rules[lookup.rulesSeen]!;
    let run = 1;
    for (let next = result.rules[lookup.rulesSeen + run]; next && next.chain === r.chain && next.table === r.table; next = result.rules[lookup.rulesSeen + run])
      run++;
    lookup.rulesSeen += run;
    const byChain = inner(lookup.rules, r.table ?? '');
    byChain.set(r.chain, (byChain.get(r.chain) ?? 0) + run);
    lookup.rulesByChain.set(r.chain, (lookup.rulesByChain.get(r.chain) ?? 0) + run);
  }
  return lookup;
}

function chainOf(result: IptablesResult, name: string, table?: string): IptablesChain {
  let chain = lookupOf(result)
    .chains.get(table ?? '')
    ?.get(name);
  if (!chain) {
    chain = { name, table };
    result.chains.push(chain);
  }
  return chain;
}

/** How many rules of this chain (and table, when given as `table`) are in the result so far. */
function rulesSoFar(result: IptablesResult, chain: string, table?: string | null): number {
  const lookup = lookupOf(result);
  return (table === null ? lookup.rulesByChain.get(chain) : lookup.rules.get(table ?? '')?.get(chain)) ?? 0;
}

function parseSaveOrRules(raw: string, result: IptablesResult): void {
  let table: string | undefined;
  // Line by line as `raw.split(/\r?\n/)` would cut it, each trimmed, cut straight from the text:
  // one string per line, not two, and no array of them all.
  for (let start = 0; start <= raw.length;) {
    const newline = raw.indexOf('\n', start);
    const next = newline < 0 ? raw.length + 1 : newline + 1;
    let end = newline < 0 ? raw.length : newline > start && raw.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    let from = start;
    while (from < end && isSpace(raw.charCodeAt(from))) from++;
    while (end > from && isSpace(raw.charCodeAt(end - 1))) end--;
    start = next;
    const line = raw.slice(from, end);
    if (!line || line.startsWith('#') || line === 'COMMIT') continue;
    let m: RegExpExecArray | null;
    // Most lines are rules (`-A`, or `[p:b] -A` with counters): straight to them.
    const first = line.charCodeAt(0);
    if (
      (first === 45 && (line.startsWith('-A') || line.startsWith('-I')) && isSpace(line.charCodeAt(2))) ||
      (first === 91 && /^\[\d+:\d+\]\s+-[AI]\s/.test(line))
    ) {
      const rule = ruleFromWords(line, table, result);
      if (rule) result.rules.push(rule);
      else result.unreadLines.push(line);
      continue;
    }
    if ((m = /^\*(\S+)$/.exec(line))) {
      table = m[1]!;
      continue;
    }
    if ((m = /^:(\S+)\s+(\S+)(?:\s+\[(\d+):(\d+)\])?/.exec(line))) {
      const chain = chainOf(result, m[1]!, table);
      if (m[2] !== '-') chain.policy = m[2]!;
      if (m[3] !== undefined) {
        chain.packets = Number(m[3]);
        chain.bytes = Number(m[4]);
      }
      continue;
    }
    if ((m = /^-N\s+(\S+)$/.exec(line))) {
      chainOf(result, m[1]!, table);
      continue;
    }
    if ((m = /^-P\s+(\S+)\s+(\S+)/.exec(line))) {
      chainOf(result, m[1]!, table).policy = m[2]!;
      continue;
    }
    if (/^(?:\[\d+:\d+\]\s+)?-[AI]\s/.test(line)) {
      const rule = ruleFromWords(line, table, result);
      if (rule) result.rules.push(rule);
      else result.unreadLines.push(line);
      continue;
    }
    result.unreadLines.push(line);
  }
}

function ruleFromWords(line: string, table: string | undefined, result: IptablesResult): IptablesRule | undefined {
  const words = splitWords(line);
  let i = 0;
  let packets: number | undefined;
  let bytes: number | undefined;
  const counters = words[0]?.charCodeAt(0) === 91 ? /^\[(\d+):(\d+)\]$/.exec(words[0]) : null;
  if (counters) {
    packets = Number(counters[1]);
    bytes = Number(counters[2]);
    i = 1;
  }
  const op = words[i];
  const chainName = words[i + 1];
  if (!chainName || (op !== '-A' && op !== '-I')) return undefined;
  i += 2;
  if (op === '-I' && /^\d+$/.test(words[i] ?? '')) i++;
  // The rule before is of the same chain (the usual case): its chain exists, and this rule comes next.
  const before = result.rules[result.rules.length - 1];
  let position: number;
  if (before && before.chain === chainName && before.table === table) position = before.position + 1;
  else {
    chainOf(result, chainName, table);
    position = rulesSoFar(result, chainName, table) + 1;
  }
  const rule: IptablesRule = { chain: chainName, table, position, matches: [], raw: line, packets, bytes };
  let negate = false;
  let afterTarget = false;
  let lastModule: string | undefined;
  const next = () => words[++i];
  for (; i < words.length; i++) {
    const word = words[i]!;
    if (word === '!') {
      negate = true;
      continue;
    }
    switch (word) {
      case '-s':
      case '--source':
        rule.source = normalizeAddress(next());
        rule.sourceNegated = negate || undefined;
        break;
      case '-d':
      case '--destination':
        rule.destination = normalizeAddress(next());
        rule.destinationNegated = negate || undefined;
        break;
      case '-p':
      case '--protocol':
        rule.protocol = protocolName(next() ?? '');
        rule.protocolNegated = negate || undefined;
        break;
      case '-i':
      case '--in-interface':
        rule.inInterface = `${negate ? '!' : ''}${next() ?? ''}`;
        break;
      case '-o':
      case '--out-interface':
        rule.outInterface = `${negate ? '!' : ''}${next() ?? ''}`;
        break;
      case '-m':
      case '--match':
        lastModule = next();
        if (lastModule) rule.matches.push(lastModule);
        break;
      case '--comment':
        rule.comment = next();
        break;
      case '--dport':
      case '--dports':
      case '--destination-port':
      case '--destination-ports':
        rule.dport = `${negate ? '!' : ''}${next() ?? ''}`;
        break;
      case '--sport':
      case '--sports':
      case '--source-port':
      case '--source-ports':
        rule.sport = `${negate ? '!' : ''}${next() ?? ''}`;
        break;
      case '--probability': {
        const p = Number(next());
        if (Number.isFinite(p)) rule.probability = p;
        break;
      }
      case '--mark':
        if (lastModule === 'mark' && !afterTarget) rule.markMatch = `${negate ? '! ' : ''}${next() ?? ''}`;
        else next();
        break;
      case '-j':
      case '--jump':
        rule.target = next();
        afterTarget = true;
        break;
      case '-g':
      case '--goto':
        rule.target = next();
        rule.goto = true;
        afterTarget = true;
        break;
      case '--to-destination':
        rule.toDestination = next();
        break;
      case '--to-source':
        rule.toSource = next();
        break;
      case '--set-xmark':
      case '--set-mark':
      case '--or-mark':
      case '--xor-mark':
      case '--and-mark':
        rule.setMark = `${word.slice(2)} ${next() ?? ''}`;
        break;
      case '-c':
      case '--set-counters': {
        const p = Number(next());
        const b = Number(next());
        if (Number.isFinite(p) && Number.isFinite(b)) {
          rule.packets = p;
          rule.bytes = b;
        }
        break;
      }
      default:
        break;
    }
    negate = false;
  }
  return rule;
}

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

function parseList(raw: string, result: IptablesResult): void {
  let chain: IptablesChain | undefined;
  let columns: string[] = [];
  for (const rawLine of raw.split(/\r?\n/)) {
    const line = rawLine.replace(/\s+$/, '');
    if (!line) continue;
    let m: RegExpExecArray | null;
    if ((m = /^Chain (\S+) \((.*)\)$/.exec(line))) {
      chain = chainOf(result, m[1]!);
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
    const rule = listRule(line, columns, chain.name, result);
    if (rule) result.rules.push(rule);
    else result.unreadLines.push(line);
  }
}

/** One `-L` rule line. The target column is blank for rules without a target, so words are
 *  located from the `opt` column (always `--`, `-f` or `!f`) rather than counted from the left. */
function listRule(line: string, columns: string[], chainName: string, result: IptablesResult): IptablesRule | undefined {
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
  const position = hasNum ? Number(tokens[0]!.word) : rulesSoFar(result, chainName, null) + 1;
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
