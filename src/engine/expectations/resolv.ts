// Expectations on a Pod's /etc/resolv.conf: the nameserver, the search list, ndots.
import { z } from 'zod';
import type { Text } from '../../lab/text.js';
import { defineKind, numberOrTemplate, toNumber, type Observation } from '../expectation-kind.js';
import { parseResolvConf } from '../../parse/resolv.js';
import { lastSample, sameAddress, sameName, strings, unreadable } from './parsed-output.js';

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
    const expected = `nameserver ${want}`;
    const r = read(o);
    if (!r) return unreadable('resolv', expected, lastSample(o));
    const pass = r.nameservers.some((n) => sameAddress(n, String(want)));
    return {
      pass, expected, observed: `nameservers: ${r.nameservers.join(', ') || '(none)'}`,
      differs: pass ? undefined : `${want} not listed`, hint: pass ? undefined : RESOLV_HINT,
    };
  },
});

export const resolvSearch = defineKind({
  key: 'resolv.search',
  params: z.array(z.string()).min(1),
  doc: 'The search list is exactly these domains, in this order.',
  evaluate(params, o) {
    const want = strings(params);
    const expected = `search ${want.join(' ')}`;
    const r = read(o);
    if (!r) return unreadable('resolv', expected, lastSample(o));
    const pass = want.length === r.search.length && want.every((w, i) => sameName(w, r.search[i] ?? ''));
    const firstDiff = want.findIndex((w, i) => !sameName(w, r.search[i] ?? ''));
    return {
      pass, expected, observed: `search ${r.search.join(' ') || '(none)'}`,
      differs: pass ? undefined : firstDiff >= 0 ? `entry ${firstDiff + 1}: ${r.search[firstDiff] ?? '(missing)'} instead of ${want[firstDiff]}` : `${r.search.length - want.length} extra entr(ies)`,
      hint: pass ? undefined : RESOLV_HINT,
    };
  },
});

export const resolvNdots = defineKind({
  key: 'resolv.ndots',
  params: numberOrTemplate,
  doc: 'options ndots:N (names with fewer dots are tried with the search list first).',
  evaluate(params, o) {
    const want = toNumber(params);
    const expected = `ndots ${want}`;
    const r = read(o);
    if (!r) return unreadable('resolv', expected, lastSample(o));
    const got = r.ndots ?? 1;
    const pass = got === want;
    return {
      pass, expected, observed: r.ndots === undefined ? 'no ndots option (resolver default 1)' : `ndots ${r.ndots}`,
      differs: pass ? undefined : `ndots ${got}`, hint: pass ? undefined : RESOLV_HINT,
    };
  },
});

export const resolvKinds = [resolvNameserver, resolvSearch, resolvNdots];
