// Reads iptables rules in the three forms a learner prints: `iptables-save`, `iptables -S`, and
// `iptables -L -n` (with or without -v, -x and --line-numbers). kube-proxy's rules carry comments
// (`/* ns/svc:port */` in -L, `-m comment --comment "ns/svc:port cluster IP"` in -S), statistic
// probabilities and DNAT targets; all three forms give the same typed rules. This file tells the
// forms apart; iptables-save.ts and iptables-list.ts read them into iptables-model.ts's types.
import { parseList } from './iptables-list.js';
import type { IptablesResult } from './iptables-model.js';
import { parseSaveOrRules } from './iptables-save.js';
import { TableBuilder } from './iptables-table.js';

export type { IptablesChain, IptablesResult, IptablesRule } from './iptables-model.js';
export { normalizeAddress } from './iptables-model.js';
export { splitWords } from './iptables-words.js';

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
  if (source === 'list') parseList(raw, new TableBuilder(result));
  else if (source !== 'unknown') parseSaveOrRules(raw, new TableBuilder(result));
  return result;
}
