// `iptables-save` and `iptables -S`: `*table` and `:CHAIN POLICY [p:b]` (save), `-P`/`-N` (-S),
// and one rule per `-A`/`-I` line, read word by word with one WordReader: a rule costs its own
// object and the values it keeps, not an array of every word.
import { normalizeAddress, protocolName, type IptablesRule } from './iptables-model.js';
import type { ChainEntry, TableBuilder } from './iptables-table.js';
import { isSpace, WordReader } from './iptables-words.js';

const words = new WordReader();

export function parseSaveOrRules(raw: string, table: TableBuilder): void {
  const result = table.result;
  let tableName: string | undefined;
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
      addRule(line, tableName, table);
      continue;
    }
    if ((m = /^\*(\S+)$/.exec(line))) {
      tableName = m[1]!;
      continue;
    }
    if (first === 58 && chainLine(line, tableName, table)) continue;
    if ((m = /^-N\s+(\S+)$/.exec(line))) {
      table.chain(m[1]!, tableName);
      continue;
    }
    if ((m = /^-P\s+(\S+)\s+(\S+)/.exec(line))) {
      table.chain(m[1]!, tableName).policy = m[2]!;
      continue;
    }
    if (/^(?:\[\d+:\d+\]\s+)?-[AI]\s/.test(line)) {
      addRule(line, tableName, table);
      continue;
    }
    result.unreadLines.push(line);
  }
}

function addRule(line: string, tableName: string | undefined, table: TableBuilder): void {
  const read = ruleFromWords(line, tableName, table);
  if (read) table.addRule(read.rule, read.entry);
  else table.result.unreadLines.push(line);
}

// Every option the rule reader acts on, and `!`. Found in place (by length, then the characters),
// so a word is made a string only when it is a value the rule keeps; the switch below then
// compares these constant strings.
const OPTIONS = [
  '!',
  '-s',
  '--source',
  '-d',
  '--destination',
  '-p',
  '--protocol',
  '-i',
  '--in-interface',
  '-o',
  '--out-interface',
  '-m',
  '--match',
  '--comment',
  '--dport',
  '--dports',
  '--destination-port',
  '--destination-ports',
  '--sport',
  '--sports',
  '--source-port',
  '--source-ports',
  '--probability',
  '--mark',
  '-j',
  '--jump',
  '-g',
  '--goto',
  '--to-destination',
  '--to-source',
  '--set-xmark',
  '--set-mark',
  '--or-mark',
  '--xor-mark',
  '--and-mark',
  '-c',
  '--set-counters',
];
const optionsByLength: string[][] = [];
for (const option of OPTIONS) (optionsByLength[option.length] ??= []).push(option);
const optionSet = new Set(OPTIONS);
/** The two-character options (`-s`) by their second character. */
const SHORT: string[] = [];
for (const option of optionsByLength[2]!) if (option.charCodeAt(0) === 45) SHORT[option.charCodeAt(1)] = option;

/** The option the current word is (one of OPTIONS, as that constant string), or null. */
function optionWord(): string | null {
  if (!words.plain) {
    const text = words.text();
    return optionSet.has(text) ? text : null;
  }
  const first = words.codeAt(0);
  if (first !== 45 && first !== 33) return null;
  if (words.length === 2) return first === 45 ? (SHORT[words.codeAt(1)] ?? null) : null;
  const candidates = optionsByLength[words.length];
  if (candidates) for (const option of candidates) if (words.is(option)) return option;
  return null;
}

/** `:CHAIN POLICY [packets:bytes]` read in place, as /^:(\S+)\s+(\S+)(?:\s+\[(\d+):(\d+)\])?/ would; false if it is not one. */
function chainLine(line: string, tableName: string | undefined, table: TableBuilder): boolean {
  const length = line.length;
  let i = 1;
  while (i < length && !isSpace(line.charCodeAt(i))) i++;
  const nameEnd = i;
  if (nameEnd === 1 || i === length) return false;
  while (i < length && isSpace(line.charCodeAt(i))) i++;
  const policyStart = i;
  while (i < length && !isSpace(line.charCodeAt(i))) i++;
  if (i === policyStart) return false;
  const chain = table.chain(line.slice(1, nameEnd), tableName);
  if (!(i - policyStart === 1 && line.charCodeAt(policyStart) === 45)) chain.policy = line.slice(policyStart, i);
  // Counters: spaces, `[`, digits, `:`, digits, `]`.
  let j = i;
  while (j < length && isSpace(line.charCodeAt(j))) j++;
  if (j === i || line.charCodeAt(j) !== 91) return true;
  const packetsStart = ++j;
  while (j < length && isDigit(line.charCodeAt(j))) j++;
  if (j === packetsStart || line.charCodeAt(j) !== 58) return true;
  const bytesStart = ++j;
  while (j < length && isDigit(line.charCodeAt(j))) j++;
  if (j === bytesStart || line.charCodeAt(j) !== 93) return true;
  chain.packets = Number(line.slice(packetsStart, bytesStart - 1));
  chain.bytes = Number(line.slice(bytesStart, j));
  return true;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

function ruleFromWords(line: string, tableName: string | undefined, table: TableBuilder): { rule: IptablesRule; entry: ChainEntry } | undefined {
  words.reset(line);
  if (!words.next()) return undefined;
  let packets: number | undefined;
  let bytes: number | undefined;
  let op = words.text();
  if (op.charCodeAt(0) === 91) {
    const counters = /^\[(\d+):(\d+)\]$/.exec(op);
    if (counters) {
      packets = Number(counters[1]);
      bytes = Number(counters[2]);
      op = words.value() ?? '';
    }
  }
  const chainName = words.value();
  if (!chainName || (op !== '-A' && op !== '-I')) return undefined;
  // `-I CHAIN 3`: the number is skipped; anything else is the rule's first word.
  let pending = words.next();
  if (pending && op === '-I' && /^\d+$/.test(words.text())) pending = words.next();
  const entry = table.entry(chainName, tableName);
  const rule: IptablesRule = { chain: chainName, table: tableName, position: entry.rules + 1, matches: NO_MATCHES, raw: line, packets, bytes };
  // The modules (-m), gathered first and then made one array of their number: a push to an empty
  // array reserves 17 places, which every rule of a large table would keep.
  let match1: string | undefined;
  let match2: string | undefined;
  let more: string[] | undefined;
  let negate = false;
  let afterTarget = false;
  let lastModule: string | undefined;
  const next = () => words.value();
  for (; pending; pending = words.next()) {
    const word = optionWord();
    if (word === null) {
      negate = false;
      continue;
    }
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
        if (lastModule) {
          if (match1 === undefined) match1 = lastModule;
          else if (match2 === undefined) match2 = lastModule;
          else (more ??= []).push(lastModule);
        }
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
        else words.next();
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
  rule.matches = match1 === undefined ? [] : match2 === undefined ? [match1] : more === undefined ? [match1, match2] : [match1, match2, ...more];
  return { rule, entry };
}

const NO_MATCHES: string[] = [];
