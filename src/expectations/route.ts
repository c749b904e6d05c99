// Expectations on routes and addresses (ip route, ip -j route, ip route get, ip addr, ip -j addr):
// where traffic to a CIDR goes (gateway, device such as vxlan.calico / tunl0 / cali*), and which
// device holds an address.
import { z } from 'zod';
import type { Text } from '../core/text.js';
import { defineKind, type Observation } from './expectation-kind.js';
import { parseIpAddr, parseIpRoute, type IpRoute } from '../parse/ip.js';
import { lastSample, listOr, sameAddress, sampleText, unreadable, verdict } from './parsed-output.js';

const ROUTE_HINT: Text = {
  en: "Routes to other nodes' Pod CIDRs are written by the CNI: Calico VXLAN uses vxlan.calico, Calico IPIP uses tunl0, BGP and kindnet route via the other node's IP on eth0, and each local Pod has a route to its veth (cali*). Check the cluster profile and that the Pods are scheduled where you think (kubectl get pods -o wide).",
  ja: '他ノードの Pod CIDR への経路は CNI が書きます。Calico VXLAN は vxlan.calico、Calico IPIP は tunl0、BGP や kindnet は eth0 経由で相手ノードの IP へ、ローカルの Pod にはそれぞれの veth（cali*）への経路があります。クラスタのプロファイルと、Pod が思ったノードにいるか（kubectl get pods -o wide）を確認してください。',
};

const NO_ROUTE: Text = { en: '(no routes)', ja: '（経路なし）' };

/** `default`, `0.0.0.0/0` and host addresses with or without /32 compare equal. */
function sameDestination(a: string, b: string): boolean {
  const norm = (x: string) =>
    x.trim() === '0.0.0.0/0' || x.trim() === '::/0'
      ? 'default'
      : x
          .trim()
          .toLowerCase()
          .replace(/\/(32|128)$/, '');
  return norm(a) === norm(b);
}

const describeRoute = (r: IpRoute) =>
  [r.type, r.dst, r.gateway && `via ${r.gateway}`, r.dev && `dev ${r.dev}`, r.prefsrc && `src ${r.prefsrc}`, ...r.flags].filter(Boolean).join(' ');

const hopFields = {
  via: z.string().optional().describe('Gateway IP.'),
  dev: z.string().optional().describe('Exact device, e.g. vxlan.calico, tunl0, eth0.'),
  devPrefix: z.string().optional().describe('Device prefix, e.g. cali.'),
};

function hopMatches(r: IpRoute, p: { via?: string; dev?: string; devPrefix?: string }): boolean {
  const hops = [{ gateway: r.gateway, dev: r.dev }, ...(r.nexthops ?? [])];
  return hops.some(
    (h) =>
      (p.via === undefined || sameAddress(h.gateway, p.via)) &&
      (p.dev === undefined || (h.dev ?? r.dev) === p.dev) &&
      (p.devPrefix === undefined || (h.dev ?? r.dev ?? '').startsWith(p.devPrefix)),
  );
}

const describeHop = (p: { via?: string; dev?: string; devPrefix?: string }) =>
  [p.via && `via ${p.via}`, p.dev && `dev ${p.dev}`, p.devPrefix && `dev ${p.devPrefix}*`].filter(Boolean).join(' ');

function readRoutes(o: Observation) {
  const r = parseIpRoute(sampleText(lastSample(o)));
  return r.parsed ? r : undefined;
}

export const routeTo = defineKind({
  key: 'route.to',
  params: z.object({ dst: z.string().min(1).describe("CIDR, host IP or 'default'."), ...hopFields, absent: z.boolean().optional() }).strict(),
  doc: 'The routing table has a route to dst (optionally via a gateway / through a device), or none with absent: true.',
  evaluate(params, o) {
    const hop = describeHop(params);
    const expected = {
      en: `${params.absent ? 'no route' : 'a route'} to ${params.dst}${hop ? ` ${hop}` : ''}`,
      ja: `${params.dst} への経路${hop ? `（${hop}）` : ''}が${params.absent ? 'ない' : 'ある'}`,
    };
    const r = readRoutes(o);
    if (!r) return unreadable('ip-route', expected, lastSample(o));
    const toDst = r.routes.filter((route) => sameDestination(route.dst, params.dst) && (route.type === undefined || route.type === 'unicast'));
    const found = toDst.filter((route) => hopMatches(route, params));
    const pass = params.absent ? found.length === 0 : found.length > 0;
    const goes = toDst.map((x) => describeHop({ via: x.gateway, dev: x.dev })).join(', ');
    return verdict({
      pass,
      expected,
      observed: listOr((found.length ? found : toDst.length ? toDst : r.routes).slice(0, 10).map(describeRoute), '; ', NO_ROUTE),
      differs: pass
        ? undefined
        : params.absent
          ? { en: 'the route is there', ja: '経路がある' }
          : toDst.length
            ? { en: `route to ${params.dst} goes ${goes}`, ja: `${params.dst} への経路は ${goes} を通る` }
            : { en: `no route to ${params.dst}`, ja: `${params.dst} への経路がない` },
      hint: pass ? undefined : ROUTE_HINT,
    });
  },
});

export const routeGet = defineKind({
  key: 'route.get',
  params: z.object({ ...hopFields, src: z.string().optional().describe('Source address the kernel picks.') }).strict(),
  doc: 'ip route get ADDRESS chose this gateway / device / source address.',
  evaluate(params, o) {
    const hop = [describeHop(params), params.src && `src ${params.src}`].filter(Boolean).join(' ');
    const expected = { en: `route chosen ${hop || '(any)'}`, ja: `選ばれる経路: ${hop || '（どれでもよい）'}` };
    const r = readRoutes(o);
    if (!r) return unreadable('ip-route', expected, lastSample(o));
    const chosen = r.routes[0];
    if (!chosen) {
      return verdict({
        pass: false,
        expected,
        observed: r.error ?? { en: '(no route)', ja: '（経路なし）' },
        differs: { en: 'no route chosen', ja: '経路が選ばれなかった' },
        hint: ROUTE_HINT,
      });
    }
    const pass = hopMatches(chosen, params) && (params.src === undefined || sameAddress(chosen.prefsrc, params.src));
    const chose = describeHop({ via: chosen.gateway, dev: chosen.dev });
    const src = chosen.prefsrc ? ` src ${chosen.prefsrc}` : '';
    return verdict({
      pass,
      expected,
      observed: describeRoute(chosen),
      differs: pass
        ? undefined
        : {
            en: `chose ${chose || '(no gateway or device)'}${src}`,
            ja: `選ばれた経路: ${chose || '（ゲートウェイもデバイスもなし）'}${src}`,
          },
      hint: pass ? undefined : ROUTE_HINT,
    });
  },
});

export const addrHas = defineKind({
  key: 'addr.has',
  params: z.object({ address: z.string().min(1).describe('IP, or IP/prefix to check the prefix too.'), dev: z.string().optional() }).strict(),
  doc: 'An interface (optionally this one) holds the address (ip addr or ip -j addr).',
  evaluate(params, o) {
    const expected = {
      en: `address ${params.address}${params.dev ? ` on ${params.dev}` : ''}`,
      ja: `${params.dev ? `${params.dev} に` : ''}アドレス ${params.address} がある`,
    };
    const r = parseIpAddr(sampleText(lastSample(o)));
    if (!r.parsed) return unreadable('ip-addr', expected, lastSample(o));
    const [ip, prefix] = params.address.trim().split('/') as [string, string | undefined];
    const holders = r.interfaces.filter((i) => i.addresses.some((a) => sameAddress(a.address, ip) && (prefix === undefined || a.prefixlen === Number(prefix))));
    const pass = holders.some((i) => params.dev === undefined || i.name === params.dev);
    const all = r.interfaces.map((i) => `${i.name}: ${i.addresses.map((a) => `${a.address}/${a.prefixlen}`).join(' ') || '-'}`);
    const holderNames = holders.map((i) => i.name).join(', ');
    return verdict({
      pass,
      expected,
      observed: listOr(all, '; ', { en: '(no interfaces)', ja: '（インターフェースなし）' }),
      differs: pass
        ? undefined
        : holders.length
          ? { en: `held by ${holderNames}`, ja: `${holderNames} が持っている` }
          : { en: `no interface holds ${params.address}`, ja: `${params.address} を持つインターフェースがない` },
      hint: pass
        ? undefined
        : {
            en: "A Pod's IP sits on its eth0 inside the Pod; on the node, Calico gives vxlan.calico / tunl0 an address from the node's block. Check that you ran the command in the right Pod or node.",
            ja: 'Pod の IP は Pod 内の eth0 にあります。ノード上では Calico が vxlan.calico / tunl0 にそのノードのブロックのアドレスを付けます。正しい Pod やノードでコマンドを実行したか確認してください。',
          },
    });
  },
});

export const routeKinds = [routeTo, routeGet, addrHas];
