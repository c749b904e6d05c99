// Expectations on iptables rules (iptables-save, -S or -L -n output): a chain exists, a rule
// matching some fields exists (or not), how many rules match, and kube-proxy's random split of a
// KUBE-SVC chain over its KUBE-SEP chains.
import { z } from 'zod';
import type { Text } from '../core/text.js';
import { defineKind, numberOrTemplate, toNumber, type Observation } from './expectation-kind.js';
import { normalizeAddress, parseIptables, type IptablesResult, type IptablesRule } from '../parse/iptables.js';
import { joinSaid, lastSample, listOr, NONE, sampleText, unreadable, verdict, type Said } from './parsed-output.js';

const RULES_HINT: Text = {
  en: 'kube-proxy rewrites its rules a moment after a Service or its endpoints change, so kindlab retries until the deadline. If a rule stays missing: does the Service exist and have ready endpoints, and did you read the nat table (iptables -t nat) on a node?',
  ja: 'kube-proxy は Service やエンドポイントが変わると少し遅れてルールを書き換えるため、kindlab は期限まで再試行します。それでも見つからないなら、Service が存在して Ready なエンドポイントを持つか、ノード上で nat テーブル（iptables -t nat）を読んだかを確認してください。',
};

const SPLIT_HINT: Text = {
  en: 'kube-proxy gives the i-th of n endpoints the probability 1/(n-i+1) (1/3, 1/2, then the rest), so each gets 1/n of new connections. Another count means the endpoints changed: only ready Pods are endpoints.',
  ja: 'kube-proxy は n 個のエンドポイントの i 番目に確率 1/(n-i+1)（1/3、1/2、残り全部）を与え、新しい接続がそれぞれ 1/n ずつになるようにします。数が違うならエンドポイントが変わっています。エンドポイントになるのは Ready な Pod だけです。',
};

function readRules(o: Observation): IptablesResult | undefined {
  const r = parseIptables(sampleText(lastSample(o)));
  return r.parsed ? r : undefined;
}

/** Address parameter, `!` for a negated match; compared in CIDR form (host = /32). */
function addressMatches(want: string, got: string | undefined, negated: boolean | undefined): boolean {
  const neg = want.startsWith('!');
  const address = normalizeAddress(neg ? want.slice(1).trim() : want.trim());
  return address === got && neg === Boolean(negated);
}

const ruleFields = {
  chain: z.string().optional().describe('Chain name, e.g. KUBE-SERVICES.'),
  chainPrefix: z.string().optional().describe('Chain name prefix, e.g. KUBE-SEP-.'),
  target: z.string().optional().describe('Exact target, e.g. DNAT, KUBE-MARK-MASQ.'),
  jumpPrefix: z.string().optional().describe('Target prefix, e.g. KUBE-SVC-.'),
  protocol: z.string().optional(),
  source: z.string().optional().describe('CIDR or IP; prefix with ! for a negated match.'),
  destination: z.string().optional().describe('CIDR or IP (a host matches IP/32); prefix with ! for a negated match.'),
  dport: z.union([numberOrTemplate, z.string()]).optional(),
  comment: z.string().optional().describe('Exact comment, e.g. "lab-05/web:http cluster IP".'),
  commentContains: z.string().optional(),
  toDestination: z.string().optional().describe('DNAT destination, e.g. 10.244.1.5:8080.'),
  probability: numberOrTemplate.optional(),
  position: numberOrTemplate.optional().describe('1-based place in its chain: the `num` column of -L --line-numbers, or counted in -S / iptables-save.'),
};

type RuleFilter = { [K in keyof typeof ruleFields]?: z.infer<(typeof ruleFields)[K]> };

function ruleMatches(rule: IptablesRule, f: RuleFilter): boolean {
  if (f.chain !== undefined && rule.chain !== f.chain) return false;
  if (f.chainPrefix !== undefined && !rule.chain.startsWith(f.chainPrefix)) return false;
  if (f.target !== undefined && rule.target !== f.target) return false;
  if (f.jumpPrefix !== undefined && !(rule.target ?? '').startsWith(f.jumpPrefix)) return false;
  if (f.protocol !== undefined && (rule.protocol ?? 'all') !== f.protocol.toLowerCase()) return false;
  if (f.source !== undefined && !addressMatches(String(f.source), rule.source, rule.sourceNegated)) return false;
  if (f.destination !== undefined && !addressMatches(String(f.destination), rule.destination, rule.destinationNegated)) return false;
  if (f.dport !== undefined && String(rule.dport ?? '') !== String(f.dport).trim()) return false;
  if (f.comment !== undefined && rule.comment !== f.comment) return false;
  if (f.commentContains !== undefined && !(rule.comment ?? '').includes(f.commentContains)) return false;
  if (f.toDestination !== undefined && rule.toDestination !== f.toDestination) return false;
  if (f.probability !== undefined && (rule.probability === undefined || Math.abs(rule.probability - toNumber(f.probability)) > 5e-5)) return false;
  if (f.position !== undefined && rule.position !== toNumber(f.position)) return false;
  return true;
}

function describeFilter(f: RuleFilter): string {
  return (
    Object.entries(f)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ') || '(any rule)'
  );
}

/** `a rule with F` in both languages; `count` says how many (`2 rule(s) with F`). */
function rulesWith(f: RuleFilter, count: 'some' | 'none' | number): Text {
  const filter = describeFilter(f);
  const ja = filter === '(any rule)' ? 'ルール' : `${filter} に一致するルール`;
  if (count === 'some') return { en: `a rule with ${filter}`, ja: `${ja}がある` };
  if (count === 'none') return { en: `no rule with ${filter}`, ja: `${ja}がない` };
  return { en: `${count} rule(s) with ${filter}`, ja: `${ja}が ${count} 件` };
}

export function describeRule(r: IptablesRule): string {
  const parts = [`${r.chain}${r.position ? ` #${r.position}` : ''}:`];
  if (r.protocol) parts.push(r.protocol);
  if (r.source) parts.push(`src ${r.sourceNegated ? '!' : ''}${r.source}`);
  if (r.destination) parts.push(`dst ${r.destinationNegated ? '!' : ''}${r.destination}`);
  if (r.dport) parts.push(`dport ${r.dport}`);
  if (r.comment) parts.push(`/* ${r.comment} */`);
  if (r.probability !== undefined) parts.push(`p=${r.probability}`);
  parts.push(`-> ${r.target ?? '(no target)'}`);
  if (r.toDestination) parts.push(r.toDestination);
  return parts.join(' ');
}

/** The rules nearest to a filter, to show what was there instead. */
function nearby(result: IptablesResult, f: RuleFilter): Said {
  const pool = result.rules.filter((r) => (f.chain === undefined || r.chain === f.chain) && (f.chainPrefix === undefined || r.chain.startsWith(f.chainPrefix)));
  const shown = (pool.length ? pool : result.rules).slice(0, 8).map(describeRule);
  const more = (pool.length ? pool : result.rules).length - shown.length;
  if (!shown.length) return { en: '(no rules)', ja: '（ルールなし）' };
  return more > 0 ? joinSaid([shown.join('; '), { en: `… ${more} more`, ja: `… ほか ${more} 件` }], '; ') : shown.join('; ');
}

export const iptablesChain = defineKind({
  key: 'iptables.chain',
  params: z.union([z.string().min(1), z.object({ name: z.string().min(1), policy: z.string().optional() }).strict()]),
  doc: 'The chain exists (optionally with this policy).',
  evaluate(params, o) {
    const want = typeof params === 'string' ? { name: params, policy: undefined } : params;
    const expected = {
      en: `chain ${want.name}${want.policy ? ` with policy ${want.policy}` : ''}`,
      ja: `チェイン ${want.name} がある${want.policy ? `（ポリシー ${want.policy}）` : ''}`,
    };
    const r = readRules(o);
    if (!r) return unreadable('iptables', expected, lastSample(o));
    const chain = r.chains.find((c) => c.name === want.name);
    const pass = chain !== undefined && (want.policy === undefined || chain.policy === want.policy);
    return verdict({
      pass,
      expected,
      observed: chain
        ? {
            en: `chain ${chain.name}${chain.policy ? ` policy ${chain.policy}` : ''}`,
            ja: `チェイン ${chain.name}${chain.policy ? ` ポリシー ${chain.policy}` : ''}`,
          }
        : joinSaid(
            [
              { en: 'chains: ', ja: 'チェイン: ' },
              listOr(
                r.chains.map((c) => c.name),
                ', ',
              ),
            ],
            '',
          ),
      differs: pass
        ? undefined
        : chain
          ? joinSaid([{ en: 'policy ', ja: 'ポリシー ' }, chain.policy ?? NONE], '')
          : { en: `no chain ${want.name}`, ja: `チェイン ${want.name} がない` },
      hint: pass ? undefined : RULES_HINT,
    });
  },
});

export const iptablesRule = defineKind({
  key: 'iptables.rule',
  params: z.object({ ...ruleFields, absent: z.boolean().optional().describe('true: no rule may match.') }).strict(),
  doc: 'Some rule matches every given field (chain, target, jumpPrefix, destination, dport, comment...), or none does with absent: true.',
  evaluate(params, o) {
    const { absent, ...filter } = params;
    const expected = rulesWith(filter, absent ? 'none' : 'some');
    const r = readRules(o);
    if (!r) return unreadable('iptables', expected, lastSample(o));
    const found = r.rules.filter((rule) => ruleMatches(rule, filter));
    const pass = absent ? found.length === 0 : found.length > 0;
    return verdict({
      pass,
      expected,
      observed: found.length ? found.slice(0, 5).map(describeRule).join('; ') : nearby(r, filter),
      differs: pass
        ? undefined
        : absent
          ? { en: `${found.length} rule(s) still match`, ja: `まだ ${found.length} 件のルールが一致する` }
          : { en: 'no rule matches', ja: '一致するルールがない' },
      hint: pass
        ? undefined
        : absent
          ? {
              en: 'The rule is still there: kube-proxy removes rules a moment after the Service or endpoint goes away; kindlab retries until the deadline.',
              ja: 'ルールがまだ残っています。kube-proxy は Service やエンドポイントが消えて少し後にルールを消します。kindlab は期限まで再試行します。',
            }
          : RULES_HINT,
    });
  },
});

export const iptablesCount = defineKind({
  key: 'iptables.count',
  params: z
    .object({
      chain: ruleFields.chain,
      chainPrefix: ruleFields.chainPrefix,
      target: ruleFields.target,
      jumpPrefix: ruleFields.jumpPrefix,
      commentContains: ruleFields.commentContains,
      equals: numberOrTemplate,
    })
    .strict(),
  doc: "The number of matching rules equals N (e.g. DNAT rules in a Service's KUBE-SEP- chains = its endpoints).",
  evaluate(params, o) {
    const { equals, ...filter } = params;
    const want = toNumber(equals);
    const expected = rulesWith(filter, want);
    const r = readRules(o);
    if (!r) return unreadable('iptables', expected, lastSample(o));
    const found = r.rules.filter((rule) => ruleMatches(rule, filter));
    const pass = found.length === want;
    return verdict({
      pass,
      expected,
      observed: joinSaid([{ en: `${found.length}: `, ja: `${found.length} 件: ` }, listOr(found.slice(0, 8).map(describeRule), '; ')], ''),
      differs: pass ? undefined : { en: `${found.length} rule(s), not ${want}`, ja: `${want} 件ではなく ${found.length} 件` },
      hint: pass ? undefined : RULES_HINT,
    });
  },
});

/** The KUBE-SVC- chain a lesson means: by name, or the one whose rules carry the comment. */
function findServiceChain(r: IptablesResult, chain?: string, commentContains?: string): string | undefined {
  if (chain) return chain;
  const svcRules = r.rules.filter(
    (rule) => rule.chain.startsWith('KUBE-SVC-') && (commentContains === undefined || (rule.comment ?? '').includes(commentContains)),
  );
  if (svcRules[0]) return svcRules[0].chain;
  // -L of KUBE-SERVICES alone: follow the jump whose comment matches
  const jump = r.rules.find(
    (rule) => (rule.target ?? '').startsWith('KUBE-SVC-') && (commentContains === undefined || (rule.comment ?? '').includes(commentContains)),
  );
  return jump?.target;
}

export const iptablesFairSplit = defineKind({
  key: 'iptables.fairSplit',
  params: z.object({ chain: z.string().optional(), commentContains: z.string().optional(), endpoints: numberOrTemplate.optional() }).strict(),
  doc: "The KUBE-SVC- chain's jumps to KUBE-SEP- chains carry probabilities 1/n, 1/(n-1), ... and the last none: kube-proxy's even random split.",
  evaluate(params, o) {
    const wantN = params.endpoints === undefined ? undefined : toNumber(params.endpoints);
    const expected = {
      en: `an even split${wantN !== undefined ? ` over ${wantN} endpoints` : ''} in ${params.chain ?? `the KUBE-SVC- chain${params.commentContains ? ` for ${params.commentContains}` : ''}`}`,
      ja: `${params.chain ? `${params.chain} ` : `${params.commentContains ? `${params.commentContains} の ` : ''}KUBE-SVC- チェイン`}で${wantN !== undefined ? ` ${wantN} 個のエンドポイントへの` : ''}均等な振り分け`,
    };
    const r = readRules(o);
    if (!r) return unreadable('iptables', expected, lastSample(o));
    const chain = findServiceChain(r, params.chain, params.commentContains);
    const jumps = chain ? r.rules.filter((rule) => rule.chain === chain && (rule.target ?? '').startsWith('KUBE-SEP-')) : [];
    if (!chain || jumps.length === 0) {
      const svcChains = [...new Set(r.rules.map((x) => x.chain).filter((c) => c.startsWith('KUBE-SVC-')))];
      return verdict({
        pass: false,
        expected,
        observed: chain
          ? { en: `chain ${chain} has no jumps to KUBE-SEP- chains`, ja: `チェイン ${chain} に KUBE-SEP- チェインへのジャンプがない` }
          : joinSaid([{ en: 'KUBE-SVC- chains: ', ja: 'KUBE-SVC- チェイン: ' }, listOr(svcChains, ', ')], ''),
        differs: chain
          ? { en: 'no endpoints', ja: 'エンドポイントがない' }
          : {
              en: 'service chain not found (read the whole nat table, e.g. iptables-save -t nat)',
              ja: 'Service のチェインが見つからない（nat テーブル全体を読んでください。例: iptables-save -t nat）',
            },
        hint: RULES_HINT,
      });
    }
    const n = jumps.length;
    const problems: Text[] = [];
    jumps.forEach((rule, i) => {
      const want = i < n - 1 ? 1 / (n - i) : undefined;
      if (want === undefined) {
        if (rule.probability !== undefined) {
          problems.push({
            en: `last jump ${rule.target} has probability ${rule.probability}, expected none`,
            ja: `最後のジャンプ ${rule.target} に確率 ${rule.probability} がある（確率なしのはず）`,
          });
        }
      } else if (rule.probability === undefined || Math.abs(rule.probability - want) > 5e-5) {
        problems.push({
          en: `jump ${i + 1} ${rule.target} has ${rule.probability === undefined ? 'no probability' : `probability ${rule.probability}`}, expected ${want.toFixed(5)}`,
          ja: `${i + 1} 番目のジャンプ ${rule.target} ${rule.probability === undefined ? 'に確率がない' : `の確率が ${rule.probability}`}（${want.toFixed(5)} のはず）`,
        });
      }
    });
    if (wantN !== undefined && n !== wantN) problems.unshift({ en: `${n} endpoints, not ${wantN}`, ja: `エンドポイントが ${wantN} 個ではなく ${n} 個` });
    const pass = problems.length === 0;
    return verdict({
      pass,
      expected,
      observed: `${chain}: ${jumps.map((j) => `${j.target}${j.probability !== undefined ? ` p=${j.probability}` : ''}`).join(', ')}`,
      differs: pass ? undefined : joinSaid(problems, '; '),
      hint: pass ? undefined : SPLIT_HINT,
    });
  },
});

export const iptablesKinds = [iptablesChain, iptablesRule, iptablesCount, iptablesFairSplit];
