// Expectations on DNS answers as nslookup or dig printed them (the tool is detected): status,
// the server that answered, the name, addresses, canonical name and SRV records.
import { z } from 'zod';
import type { Text } from '../core/text.js';
import { defineKind, numberOrTemplate, toNumber, type Observation, type Verdict } from './expectation-kind.js';
import { parseDns } from '../parse/index.js';
import { DNS_STATUSES, type DnsRecord, type DnsStatus } from '../parse/dns-records.js';
import type { DigResult } from '../parse/dig.js';
import type { NslookupResult } from '../parse/nslookup.js';
import { joinSaid, lastSample, listOr, sameAddress, sameName, sampleText, strings, unreadable, verdict, type Said } from './parsed-output.js';

export const DNS_HINTS: Record<DnsStatus | 'WRONG_ANSWER', Text> = {
  TIMEOUT: {
    en: 'No DNS server answered. Check that the CoreDNS Pods are running (kubectl -n kube-system get pods -l k8s-app=kube-dns) and that no NetworkPolicy blocks UDP/TCP port 53 to them.',
    ja: 'DNS サーバーから応答がありませんでした。CoreDNS の Pod が動いているか（kubectl -n kube-system get pods -l k8s-app=kube-dns）、NetworkPolicy がポート 53（UDP/TCP）を塞いでいないかを確認してください。',
  },
  NXDOMAIN: {
    en: "The name does not exist as asked. A short name is completed with the search list of the Pod's own namespace: from another namespace write name.namespace, or the full name ending in .svc.cluster.local.",
    ja: 'その名前は存在しません。短い名前は Pod 自身の Namespace の search リストで補われます。別の Namespace の Service は「名前.Namespace」か、.svc.cluster.local で終わる完全な名前で引いてください。',
  },
  SERVFAIL: {
    en: 'The DNS server could not produce an answer (for CoreDNS: the upstream it forwards to failed, or a plugin error). Look at kubectl -n kube-system logs -l k8s-app=kube-dns.',
    ja: 'DNS サーバーが答えを用意できませんでした（CoreDNS なら転送先の上位サーバーの失敗やプラグインのエラー）。kubectl -n kube-system logs -l k8s-app=kube-dns を確認してください。',
  },
  REFUSED: {
    en: 'The server refused the query: it does not serve that name. Check which server was asked (the Server: line) and the name.',
    ja: 'サーバーが問い合わせを拒否しました。その名前を扱っていないサーバーです。問い合わせ先（Server: の行）と名前を確認してください。',
  },
  NOERROR: {
    en: 'The name exists. If you expected a failure, check which namespace the command ran in: the search list completes short names from there.',
    ja: '名前は解決できています。失敗を期待していたなら、コマンドをどの Namespace で実行したかを確認してください。短い名前はその Namespace の search リストで補われます。',
  },
  WRONG_ANSWER: {
    en: 'The name resolved, but not to what was expected. A Service that was recreated gets a new ClusterIP; a headless Service answers with the Pod IPs of its ready Pods.',
    ja: '名前は解決できましたが、期待した答えではありません。作り直した Service は新しい ClusterIP を持ちます。Headless Service は Ready な Pod の IP を返します。',
  },
};

type DnsView = NslookupResult | DigResult;

/** Reads the last sample; undefined when it is neither nslookup nor dig output. */
function read(o: Observation): { view?: DnsView; status?: DnsStatus | string } {
  const sample = lastSample(o);
  const view = parseDns(sampleText(sample));
  let status = view.status;
  if (status === undefined && sample.timedOut) status = 'TIMEOUT';
  if (!view.parsed && status === undefined) return {};
  return { view, status };
}

const describe = (records: DnsRecord[]): Said =>
  listOr(
    records.map((r) => `${r.name ? `${r.name} ` : ''}${r.type} ${r.value}`),
    ', ',
    { en: '(no answers)', ja: '（応答なし）' },
  );

function observedOf(view: DnsView, status: string | undefined): Text {
  const server = view.format === 'nslookup' ? view.serverAddress : view.server;
  const head: Text = {
    en: `status ${status ?? '(not printed)'}${server ? ` from ${server}` : ''}`,
    ja: `ステータス${status ? ` ${status}` : '（出力なし）'}${server ? `（応答元 ${server}）` : ''}`,
  };
  return joinSaid([head, describe(view.answers)], '; ');
}

/** `missing a, b; unexpected c` for address lists that differ. */
function addressDiff(missing: string[], extra: string[]): Text {
  return joinSaid(
    [
      ...(missing.length ? [{ en: `missing ${missing.join(', ')}`, ja: `含まれない: ${missing.join(', ')}` }] : []),
      ...(extra.length ? [{ en: `unexpected ${extra.join(', ')}`, ja: `想定外: ${extra.join(', ')}` }] : []),
    ],
    '; ',
  );
}

function statusHint(status: string | undefined): Text | undefined {
  return status && status in DNS_HINTS ? DNS_HINTS[status as DnsStatus] : undefined;
}

/** Runs `check` on a readable answer, else returns an unreadable verdict. */
function withDns(o: Observation, expected: Text, check: (view: DnsView, status: string | undefined) => Verdict): Verdict {
  const { view, status } = read(o);
  if (!view) return unreadable('nslookup', expected, lastSample(o));
  return check(view, status);
}

/** A failed lookup explains why there is no answer better than "answer missing". */
function failedLookup(view: DnsView, status: string | undefined, expected: Text): Verdict | undefined {
  if (status === undefined || status === 'NOERROR') return undefined;
  if (view.answers.length > 0) return undefined;
  return verdict({
    pass: false,
    expected,
    observed: observedOf(view, status),
    differs: { en: `lookup failed: ${status}`, ja: `名前解決に失敗: ${status}` },
    hint: statusHint(status),
  });
}

export const dnsStatus = defineKind({
  key: 'dns.status',
  params: z.enum(DNS_STATUSES as unknown as [DnsStatus, ...DnsStatus[]]),
  doc: 'The DNS lookup (nslookup or dig) ends with this status: NOERROR, NXDOMAIN, SERVFAIL, REFUSED or TIMEOUT.',
  evaluate(want, o) {
    const expected = { en: `DNS status ${want}`, ja: `DNS ステータス ${want}` };
    return withDns(o, expected, (view, status) => {
      if (status === undefined) {
        return verdict({
          pass: false,
          expected,
          observed: observedOf(view, status),
          differs:
            view.format === 'dig' && view.mode === 'short'
              ? {
                  en: 'dig +short does not print the status; use dig without +short',
                  ja: 'dig +short はステータスを出力しません。+short を付けずに dig を使ってください',
                }
              : { en: 'no status in the output', ja: '出力にステータスがない' },
        });
      }
      const pass = status === want;
      return verdict({
        pass,
        expected,
        observed: observedOf(view, status),
        differs: pass ? undefined : { en: `status ${status}, not ${want}`, ja: `ステータスが ${want} ではなく ${status}` },
        hint: pass ? undefined : statusHint(status),
      });
    });
  },
});

export const dnsServer = defineKind({
  key: 'dns.server',
  params: z.string().min(1),
  doc: 'The DNS server that answered has this IP (e.g. the kube-dns ClusterIP 10.96.0.10).',
  evaluate(want, o) {
    const expected = { en: `answered by ${want}`, ja: `${want} が応答する` };
    return withDns(o, expected, (view, status) => {
      const server = view.format === 'nslookup' ? (view.serverAddress ?? view.server) : view.server;
      const pass = sameAddress(server, String(want));
      return verdict({
        pass,
        expected,
        observed: observedOf(view, status),
        differs: pass
          ? undefined
          : server
            ? { en: `server ${server}`, ja: `応答したサーバーは ${server}` }
            : { en: 'no server line (no server answered?)', ja: 'Server の行がない（どのサーバーも応答しなかった？）' },
        hint: pass
          ? undefined
          : status === 'TIMEOUT'
            ? DNS_HINTS.TIMEOUT
            : {
                en: "The Pod asked another DNS server. A Pod's nameserver comes from its dnsPolicy (ClusterFirst: the kube-dns Service ClusterIP); check /etc/resolv.conf in the Pod.",
                ja: 'Pod は別の DNS サーバーに問い合わせています。Pod の nameserver は dnsPolicy で決まります（ClusterFirst なら kube-dns Service の ClusterIP）。Pod 内の /etc/resolv.conf を確認してください。',
              },
      });
    });
  },
});

export const dnsName = defineKind({
  key: 'dns.name',
  params: z.string().min(1),
  doc: 'The answer is for this name (the FQDN the search list produced, without the trailing dot).',
  evaluate(want, o) {
    const expected = { en: `answer for ${want}`, ja: `${want} の応答` };
    return withDns(o, expected, (view, status) => {
      const names =
        view.format === 'nslookup'
          ? view.names
          : [...new Set([...view.answers.map((a) => a.name).filter(Boolean), ...(view.question ? [view.question.name] : [])])];
      const pass = names.some((n) => sameName(n, String(want))) && view.answers.length > 0;
      if (!pass) {
        const failed = failedLookup(view, status, expected);
        if (failed) return failed;
      }
      return verdict({
        pass,
        expected,
        observed: joinSaid([{ en: 'names: ', ja: '名前: ' }, listOr(names, ', '), '; ', observedOf(view, status)], ''),
        differs: pass ? undefined : { en: `name ${want} not answered`, ja: `名前 ${want} の応答がない` },
        hint: pass ? undefined : DNS_HINTS.NXDOMAIN,
      });
    });
  },
});

const addressAnswers = (view: DnsView) => view.answers.filter((a) => a.type === 'A' || a.type === 'AAAA').map((a) => a.value);

export const dnsAddressesInclude = defineKind({
  key: 'dns.addresses.include',
  params: z.union([z.string().min(1), z.array(z.string()).min(1)]),
  doc: 'Every given address is among the A/AAAA answers (each may be a {{capture}}, also of a list).',
  evaluate(params, o) {
    const wanted = strings(params);
    const expected = { en: `answers include ${wanted.join(', ')}`, ja: `応答に ${wanted.join(', ')} が含まれる` };
    return withDns(o, expected, (view, status) => {
      const have = addressAnswers(view);
      const missing = wanted.filter((w) => !have.some((h) => sameAddress(h, w)));
      if (missing.length && have.length === 0) {
        const failed = failedLookup(view, status, expected);
        if (failed) return failed;
      }
      return verdict({
        pass: missing.length === 0 && wanted.length > 0,
        expected,
        observed: observedOf(view, status),
        differs: missing.length
          ? addressDiff(missing, [])
          : wanted.length
            ? undefined
            : { en: 'no address given (empty capture?)', ja: 'アドレスが指定されていない（キャプチャが空？）' },
        hint: missing.length ? DNS_HINTS.WRONG_ANSWER : undefined,
      });
    });
  },
});

export const dnsAddressesExactly = defineKind({
  key: 'dns.addresses.exactly',
  params: z.union([z.string().min(1), z.array(z.string())]),
  doc: 'The A/AAAA answers are exactly these addresses, in any order (e.g. the Pod IPs of a headless Service).',
  evaluate(params, o) {
    const wanted = [...new Set(strings(params))];
    const expected = { en: `answers exactly {${wanted.join(', ')}}`, ja: `応答がちょうど {${wanted.join(', ')}}` };
    return withDns(o, expected, (view, status) => {
      const have = [...new Set(addressAnswers(view))];
      const missing = wanted.filter((w) => !have.some((h) => sameAddress(h, w)));
      const extra = have.filter((h) => !wanted.some((w) => sameAddress(h, w)));
      if (missing.length && have.length === 0) {
        const failed = failedLookup(view, status, expected);
        if (failed) return failed;
      }
      const pass = missing.length === 0 && extra.length === 0;
      return verdict({
        pass,
        expected,
        observed: observedOf(view, status),
        differs: pass ? undefined : addressDiff(missing, extra),
        hint: pass ? undefined : DNS_HINTS.WRONG_ANSWER,
      });
    });
  },
});

export const dnsCname = defineKind({
  key: 'dns.cname',
  params: z.string().min(1),
  doc: 'The name is an alias (CNAME) of this name, as an ExternalName Service answers.',
  evaluate(want, o) {
    const expected = { en: `canonical name ${want}`, ja: `正規名（CNAME）が ${want}` };
    return withDns(o, expected, (view, status) => {
      const targets = view.answers.filter((a) => a.type === 'CNAME' || a.type === 'NAME').map((a) => a.target ?? a.value);
      const pass = targets.some((t) => sameName(t, String(want)));
      if (!pass) {
        const failed = failedLookup(view, status, expected);
        if (failed) return failed;
      }
      return verdict({
        pass,
        expected,
        observed: targets.length ? { en: `canonical names: ${targets.join(', ')}`, ja: `正規名: ${targets.join(', ')}` } : observedOf(view, status),
        differs: pass
          ? undefined
          : targets.length
            ? { en: `canonical name ${targets.join(', ')}`, ja: `正規名は ${targets.join(', ')}` }
            : { en: 'no canonical name in the answer', ja: '応答に正規名がない' },
        hint: pass
          ? undefined
          : {
              en: 'Only an ExternalName Service answers with a canonical name (CNAME); a ClusterIP Service answers with its address. Check spec.type and spec.externalName.',
              ja: 'CNAME（canonical name）で答えるのは ExternalName の Service だけです。ClusterIP の Service はアドレスで答えます。spec.type と spec.externalName を確認してください。',
            },
      });
    });
  },
});

export const dnsSrv = defineKind({
  key: 'dns.srv',
  params: z.object({ target: z.string().optional(), port: numberOrTemplate.optional() }).strict(),
  doc: 'Some SRV answer (_port._proto.service) has this target and/or port.',
  evaluate(params, o) {
    const port = params.port === undefined ? undefined : toNumber(params.port);
    const detail = [params.target && `ターゲット ${params.target}`, port !== undefined && `ポート ${port}`].filter(Boolean).join('、');
    const expected = {
      en: `SRV answer${params.target ? ` target ${params.target}` : ''}${port !== undefined ? ` port ${port}` : ''}`,
      ja: `SRV の応答${detail ? `（${detail}）` : ''}`,
    };
    return withDns(o, expected, (view, status) => {
      const srv = view.answers.filter((a) => a.type === 'SRV');
      const pass = srv.some((a) => (params.target === undefined || sameName(a.target ?? '', params.target)) && (port === undefined || a.port === port));
      if (!pass) {
        const failed = failedLookup(view, status, expected);
        if (failed) return failed;
      }
      return verdict({
        pass,
        expected,
        observed: srv.length ? `SRV: ${srv.map((a) => `${a.target}:${a.port}`).join(', ')}` : observedOf(view, status),
        differs: pass
          ? undefined
          : srv.length
            ? { en: 'no SRV answer matches', ja: '一致する SRV の応答がない' }
            : { en: 'no SRV answer', ja: 'SRV の応答がない' },
        hint: pass
          ? undefined
          : {
              en: 'SRV records exist for named ports: query _<port name>._<protocol>.<service>.<namespace>.svc.cluster.local with type SRV (dig SRV ... or nslookup -type=srv ...).',
              ja: 'SRV レコードは名前付きポートにあります。_<ポート名>._<プロトコル>.<Service>.<Namespace>.svc.cluster.local を SRV 型で引いてください（dig SRV … や nslookup -type=srv …）。',
            },
      });
    });
  },
});

export const dnsKinds = [dnsStatus, dnsServer, dnsName, dnsAddressesInclude, dnsAddressesExactly, dnsCname, dnsSrv];
