// Expectations on a Pod's /etc/resolv.conf: the nameserver, the search list, ndots.
import { z } from 'zod';
import type { Text } from '../core/text.js';
import { defineKind, numberOrTemplate, toNumber, type Observation } from './expectation-kind.js';
import { parseResolvConf } from '../parse/resolv.js';
import { joinSaid, lastSample, listOr, NONE, sameAddress, sameName, strings, unreadable, verdict } from './parsed-output.js';

const RESOLV_HINT: Text = {
  en: "kubelet writes a Pod's resolv.conf from its dnsPolicy: with ClusterFirst the nameserver is the kube-dns Service ClusterIP, the search list is <namespace>.svc.cluster.local svc.cluster.local cluster.local, and options ndots:5. spec.dnsConfig changes it.",
  ja: 'kubelet は Pod の resolv.conf を dnsPolicy に従って書きます。ClusterFirst なら nameserver は kube-dns Service の ClusterIP、search は <Namespace>.svc.cluster.local svc.cluster.local cluster.local、options は ndots:5 です。spec.dnsConfig で変えられます。',
};

function read(o: Observation) {
  const r = parseResolvConf(lastSample(o).stdout);
  return r.parsed ? r : undefined;
}

export const resolvNameserver = defineKind({
  key: 'resolv.nameserver',
  params: z.string().min(1),
  doc: 'resolv.conf lists this nameserver.',
  evaluate(want, o) {
    const expected = { en: `nameserver ${want}`, ja: `nameserver に ${want} がある` };
    const r = read(o);
    if (!r) return unreadable('resolv', expected, lastSample(o));
    const pass = r.nameservers.some((n) => sameAddress(n, String(want)));
    return verdict({
      pass,
      expected,
      observed: joinSaid([{ en: 'nameservers: ', ja: 'nameserver 行: ' }, listOr(r.nameservers, ', ')], ''),
      differs: pass ? undefined : { en: `${want} not listed`, ja: `${want} が載っていない` },
      hint: pass ? undefined : RESOLV_HINT,
    });
  },
});

export const resolvSearch = defineKind({
  key: 'resolv.search',
  params: z.array(z.string()).min(1),
  doc: 'The search list is exactly these domains, in this order.',
  evaluate(params, o) {
    const want = strings(params);
    const expected = { en: `search ${want.join(' ')}`, ja: `search リストが ${want.join(' ')}` };
    const r = read(o);
    if (!r) return unreadable('resolv', expected, lastSample(o));
    const pass = want.length === r.search.length && want.every((w, i) => sameName(w, r.search[i] ?? ''));
    const firstDiff = want.findIndex((w, i) => !sameName(w, r.search[i] ?? ''));
    const instead = r.search[firstDiff];
    return verdict({
      pass,
      expected,
      observed: joinSaid([{ en: 'search ', ja: 'search リスト: ' }, listOr(r.search, ' ')], ''),
      differs: pass
        ? undefined
        : firstDiff >= 0
          ? {
              en: `entry ${firstDiff + 1}: ${instead ?? '(missing)'} instead of ${want[firstDiff]}`,
              ja: `${firstDiff + 1} 番目が ${want[firstDiff]} ではなく ${instead ?? NONE.ja}`,
            }
          : { en: `${r.search.length - want.length} extra entr(ies)`, ja: `余分な項目が ${r.search.length - want.length} 個` },
      hint: pass ? undefined : RESOLV_HINT,
    });
  },
});

export const resolvNdots = defineKind({
  key: 'resolv.ndots',
  params: numberOrTemplate,
  doc: 'options ndots:N (names with fewer dots are tried with the search list first).',
  evaluate(params, o) {
    const want = toNumber(params);
    const expected = { en: `ndots ${want}`, ja: `ndots が ${want}` };
    const r = read(o);
    if (!r) return unreadable('resolv', expected, lastSample(o));
    const got = r.ndots ?? 1;
    const pass = got === want;
    return verdict({
      pass,
      expected,
      observed: r.ndots === undefined ? { en: 'no ndots option (resolver default 1)', ja: 'ndots オプションなし（リゾルバーの既定値 1）' } : `ndots ${r.ndots}`,
      differs: pass ? undefined : { en: `ndots ${got}`, ja: `ndots は ${got}` },
      hint: pass ? undefined : RESOLV_HINT,
    });
  },
});

export const resolvKinds = [resolvNameserver, resolvSearch, resolvNdots];
