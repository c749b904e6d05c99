// Expectation on a tcpdump capture: pod traffic crossed nodes encapsulated in IPIP, in VXLAN, or
// not at all (host routing), optionally for a given inner source / destination Pod IP.
import { z } from 'zod';
import { defineKind } from './expectation-kind.js';
import { parseTcpdump, type TcpdumpPacket } from '../parse/tcpdump.js';
import { joinSaid, lastSample, sameAddress, sampleText, unreadable, verdict } from './parsed-output.js';

const TYPES = ['ipip', 'vxlan', 'none'] as const;

const ends = (p: TcpdumpPacket) => {
  const inner = p.inner && p.inner.src ? ` [${p.inner.src} > ${p.inner.dst}]` : '';
  return `${p.encapsulation}: ${p.src ?? p.protocol} > ${p.dst ?? ''}${p.vni !== undefined ? ` vni ${p.vni}` : ''}${inner}`;
};

export const encapSeen = defineKind({
  key: 'encap.seen',
  params: z.union([z.enum(TYPES), z.object({ type: z.enum(TYPES), innerSrc: z.string().optional(), innerDst: z.string().optional() }).strict()]),
  doc: 'tcpdump -n saw pod traffic encapsulated this way: ipip, vxlan, or none (plain, host routing); innerSrc/innerDst pick the Pod IPs.',
  evaluate(params, o) {
    const want = typeof params === 'string' ? { type: params, innerSrc: undefined, innerDst: undefined } : params;
    const packetsJa = want.type === 'none' ? 'カプセル化されていないパケット' : `${want.type.toUpperCase()} のパケット`;
    const expected = {
      en: `${want.type === 'none' ? 'plain (unencapsulated)' : want.type.toUpperCase()} packets${want.innerSrc ? ` from ${want.innerSrc}` : ''}${want.innerDst ? ` to ${want.innerDst}` : ''}`,
      ja: [want.innerSrc && `${want.innerSrc} から`, want.innerDst && `${want.innerDst} への`, packetsJa].filter(Boolean).join(' '),
    };
    const sample = lastSample(o);
    const r = parseTcpdump(sampleText(sample));
    if (!r.parsed) {
      if (r.captured === 0 || /0 packets captured/.test(sample.stderr)) {
        return verdict({
          pass: false,
          expected,
          observed: { en: '0 packets captured', ja: '捕捉したパケット 0 個' },
          differs: { en: 'no packets', ja: 'パケットがない' },
          hint: {
            en: "tcpdump saw nothing: start the traffic while it listens, and listen on the interface the traffic crosses (the node's eth0 for traffic between nodes).",
            ja: 'tcpdump が何も捕捉していません。待ち受け中に通信を発生させ、通信が通るインターフェース（ノード間の通信ならノードの eth0）で待ち受けてください。',
          },
        });
      }
      return unreadable('tcpdump', expected, sample);
    }
    const ofType = r.packets.filter((p) => p.encapsulation === want.type);
    const matching = ofType.filter((p) => {
      const e = want.type === 'none' ? p : p.inner;
      return (want.innerSrc === undefined || sameAddress(e?.src, want.innerSrc)) && (want.innerDst === undefined || sameAddress(e?.dst, want.innerDst));
    });
    const pass = want.type === 'none' ? matching.length > 0 && r.counts.ipip + r.counts.vxlan === 0 : matching.length > 0;
    const summary = {
      en: `${r.packets.length} packets: ${r.counts.none} plain, ${r.counts.ipip} IPIP, ${r.counts.vxlan} VXLAN`,
      ja: `パケット ${r.packets.length} 個: カプセル化なし ${r.counts.none}、IPIP ${r.counts.ipip}、VXLAN ${r.counts.vxlan}`,
    };
    return verdict({
      pass,
      expected,
      observed: joinSaid([summary, r.packets.slice(0, 4).map(ends).join('; ')], '; '),
      differs: pass
        ? undefined
        : ofType.length === 0
          ? { en: `no ${want.type} packets`, ja: `${packetsJa}がない` }
          : want.type === 'none'
            ? { en: 'encapsulated packets seen too', ja: 'カプセル化されたパケットも見えた' }
            : { en: 'no packet with those inner addresses', ja: 'その内側のアドレスを持つパケットがない' },
      hint: pass
        ? undefined
        : {
            en: "Encapsulation only happens between nodes: put the two Pods on different nodes and capture on the node's eth0 while traffic flows. Calico VXLAN is UDP 4789 (vni 4096), Calico IPIP is IP protocol 4 (tcpdump ip proto 4); host routing (BGP, kindnet) sends Pod IPs unwrapped.",
            ja: 'カプセル化はノード間でだけ起こります。2 つの Pod を別々のノードに置き、通信中にノードの eth0 で捕捉してください。Calico VXLAN は UDP 4789（vni 4096）、Calico IPIP は IP プロトコル 4（tcpdump ip proto 4）、ホストルーティング（BGP、kindnet）は Pod IP をそのまま送ります。',
          },
    });
  },
});

export const encapKinds = [encapSeen];
