// Expectations on what curl reported: the HTTP status, a header, and how the attempt ended
// (answered, refused, timed out, name not resolved), each failure class with its usual cause.
import { z } from 'zod';
import type { Text } from '../core/text.js';
import { defineKind, numberOrTemplate, toNumber, type Observation, type Verdict } from './expectation-kind.js';
import { parseCurl, type CurlOutcome, type CurlResult } from '../parse/curl.js';
import { clip, joinSaid, lastSample, listOr, verdict } from './parsed-output.js';

export const CURL_HINTS: Record<CurlOutcome, Text> = {
  timeout: {
    en: 'A timeout here usually means a NetworkPolicy dropped the packet (or nothing routes to that address). Check the policies in both namespaces: kubectl get networkpolicy -A.',
    ja: 'ここでのタイムアウトは、多くの場合 NetworkPolicy がパケットを破棄したことを意味します（あるいはその宛先への経路がありません）。両方の Namespace のポリシーを確認してください: kubectl get networkpolicy -A',
  },
  refused: {
    en: 'Connection refused: nothing listens on that port, or the Service has no ready endpoints (kube-proxy then rejects the connection). Check port and targetPort, and kubectl get endpointslices.',
    ja: '接続が拒否されました。そのポートで待ち受けているプロセスがないか、Service に Ready なエンドポイントがありません（その場合 kube-proxy が接続を拒否します）。port と targetPort、kubectl get endpointslices を確認してください。',
  },
  'resolve-failed': {
    en: 'The host name did not resolve. Check the Service name, and from another namespace use name.namespace.',
    ja: 'ホスト名を解決できませんでした。Service 名を確認し、別の Namespace からは「名前.Namespace」を使ってください。',
  },
  'http-error': {
    en: 'A server answered with an HTTP error, so the network path works; check the URL path, the Host header, or the Ingress / HTTPRoute rules.',
    ja: 'サーバーが HTTP エラーで応答しました。ネットワーク経路は通っています。URL のパス、Host ヘッダー、Ingress / HTTPRoute のルールを確認してください。',
  },
  other: {
    en: "curl failed for another reason: read its message (curl: (N) ...) and look the exit code up in 'man curl' (EXIT CODES).",
    ja: 'curl が別の理由で失敗しました。メッセージ（curl: (N) …）を読み、終了コードを man curl（EXIT CODES）で確認してください。',
  },
  ok: {
    en: 'The request succeeded. If it should have been blocked, check that the NetworkPolicy selects the right Pods (podSelector) and namespace.',
    ja: 'リクエストは成功しました。遮断されるはずなら、NetworkPolicy が正しい Pod（podSelector）と Namespace を選んでいるか確認してください。',
  },
};

function readCurl(o: Observation): CurlResult {
  const s = lastSample(o);
  return parseCurl({ stdout: s.stdout, stderr: s.stderr, exitCode: s.exitCode, timedOut: s.timedOut });
}

function describe(r: CurlResult): Text {
  const parts: (string | Text)[] = [{ en: `outcome ${r.outcome}`, ja: `結果 ${r.outcome}` }];
  if (r.status !== undefined) parts.push(`HTTP ${r.status}`);
  if (r.exitCode !== undefined && r.exitCode !== 0) parts.push({ en: `exit code ${r.exitCode}`, ja: `終了コード ${r.exitCode}` });
  if (r.error) parts.push(r.error);
  return joinSaid(parts, { en: ', ', ja: '、' });
}

/** When curl got no response, its failure class explains more than "status missing". */
function noResponse(r: CurlResult, expected: Text): Verdict {
  const outcome = r.outcome === 'unknown' ? 'other' : r.outcome;
  return verdict({
    pass: false,
    expected,
    observed: r.parsed ? describe(r) : clip(r.raw.trim()) || { en: '(no output)', ja: '（出力なし）' },
    differs: r.parsed
      ? { en: `no HTTP response (${r.outcome})`, ja: `HTTP の応答がない（${r.outcome}）` }
      : { en: 'no HTTP status line or -w %{http_code} output', ja: 'HTTP のステータス行も -w %{http_code} の出力もない' },
    hint: r.parsed
      ? CURL_HINTS[outcome]
      : {
          en: "kindlab reads the status from curl -I, -i or -v, or from a bare -w '%{http_code}' output.",
          ja: "kindlab はステータスを curl -I、-i、-v の出力か、-w '%{http_code}' だけの出力から読みます。",
        },
  });
}

export const httpStatus = defineKind({
  key: 'http.status',
  params: numberOrTemplate,
  doc: "curl got this HTTP status (read from -I, -i or -v headers, or a bare -w '%{http_code}').",
  evaluate(params, o) {
    const want = toNumber(params);
    const expected = { en: `HTTP ${want}`, ja: `HTTP ステータス ${want}` };
    const r = readCurl(o);
    if (r.status === undefined) return noResponse(r, expected);
    const pass = r.status === want;
    return verdict({
      pass,
      expected,
      observed: describe(r),
      differs: pass ? undefined : { en: `status ${r.status}`, ja: `ステータス ${r.status}` },
      hint: pass ? undefined : r.status >= 400 ? CURL_HINTS['http-error'] : undefined,
    });
  },
});

export const httpHeader = defineKind({
  key: 'http.header',
  params: z.object({ name: z.string().min(1), equals: z.string().optional(), contains: z.string().optional() }).strict(),
  doc: 'The last response has this header (case-insensitive name), optionally equal to or containing a value.',
  evaluate(params, o) {
    const expected = {
      en: `header ${params.name}${params.equals !== undefined ? ` = ${params.equals}` : ''}${params.contains !== undefined ? ` containing ${params.contains}` : ''}`,
      ja: `ヘッダー ${params.name}${params.equals !== undefined ? ` = ${params.equals}` : ''}${params.contains !== undefined ? `（${params.contains} を含む）` : ''}`,
    };
    const r = readCurl(o);
    if (r.status === undefined) return noResponse(r, expected);
    const values = r.headers.filter((h) => h.name.toLowerCase() === params.name.toLowerCase()).map((h) => h.value);
    const pass = values.some((v) => (params.equals === undefined || v === params.equals) && (params.contains === undefined || v.includes(params.contains)));
    return verdict({
      pass,
      expected,
      observed: values.length
        ? `${params.name}: ${values.join(' | ')}`
        : joinSaid(
            [
              { en: 'headers: ', ja: 'ヘッダー: ' },
              listOr(
                r.headers.map((h) => h.name),
                ', ',
              ),
            ],
            '',
          ),
      differs: pass
        ? undefined
        : values.length
          ? { en: `value ${values.join(' | ')}`, ja: `値は ${values.join(' | ')}` }
          : { en: `no ${params.name} header`, ja: `${params.name} ヘッダーがない` },
      hint:
        pass || r.headers.length
          ? undefined
          : {
              en: 'No headers were printed: run curl with -I (headers only), -i (headers and body) or -v.',
              ja: 'ヘッダーが出力されていません。curl に -I（ヘッダーのみ）、-i（ヘッダーと本文）、-v のいずれかを付けてください。',
            },
    });
  },
});

export const CURL_OUTCOMES = ['ok', 'http-error', 'resolve-failed', 'refused', 'timeout', 'other'] as const;

export const curlOutcome = defineKind({
  key: 'curl.outcome',
  params: z.enum(CURL_OUTCOMES),
  doc: 'How curl ended: ok, http-error (status >= 400), resolve-failed (exit 6), refused (exit 7), timeout (exit 28), other.',
  evaluate(want, o) {
    const r = readCurl(o);
    const got = r.outcome === 'unknown' ? 'other' : r.outcome;
    const pass = got === want;
    return verdict({
      pass,
      expected: { en: `curl outcome ${want}`, ja: `curl の結果が ${want}` },
      observed: describe(r),
      differs: pass ? undefined : { en: `outcome ${got}`, ja: `結果は ${got}` },
      hint: pass ? undefined : CURL_HINTS[got],
    });
  },
});

export const httpKinds = [httpStatus, httpHeader, curlOutcome];
