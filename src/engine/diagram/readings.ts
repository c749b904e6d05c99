// What a step's commands are and what they printed, read for its picture: the argv the picture's
// reads run (iptables-save, dig), the tally behind a `share` verdict, the packet a tcpdump check saw.
// Pure.
import { parseTcpdump } from '../../parse/tcpdump.js';

export const IPTABLES_NAT_ARGV = ['iptables-save', '-t', 'nat'];

export const digArgv = (name: string) => ['dig', '+time=2', '+tries=1', name];

/** One answer of a repeated request and how many of the samples gave it. */
export interface SplitAnswer {
  value: string;
  count: number;
}

/**
 * The counts behind a `share` verdict: its observed text is kindlab's own tally
 * (`0.835 (echo-v1: 167/200, echo-v2: 33/200)`, src/expectations/generic.ts showTally).
 */
export function splitFrom(observed: string): { answers: SplitAnswer[]; total: number } {
  const answers: SplitAnswer[] = [];
  let total = 0;
  for (const m of observed.matchAll(/(?:\(|, )([^,()]+?): (\d+)\/(\d+)/g)) {
    answers.push({ value: m[1]!, count: Number(m[2]) });
    total = Number(m[3]);
  }
  return { answers, total };
}

/** One packet of a tcpdump check: how it crossed, outer and inner ends (inner only when encapsulated). */
export interface WireSeen {
  encapsulation: string;
  outer: { src?: string; dst?: string; summary: string };
  inner?: { src?: string; dst?: string; summary: string };
  vni?: number;
  /** Packets the check printed. */
  packets: number;
  raw: string;
}

/** The first pod-to-pod packet tcpdump printed, encapsulated ones first (they carry both ends). */
export function wireFrom(output: string): WireSeen | undefined {
  const result = parseTcpdump(output);
  const packet = result.packets.find((p) => p.encapsulation !== 'none' && p.inner) ?? result.packets.find((p) => p.protocol === 'IP');
  if (!packet) return undefined;
  return {
    encapsulation: packet.encapsulation,
    outer: { src: packet.src, dst: packet.dst, summary: packet.summary },
    ...(packet.inner ? { inner: { src: packet.inner.src, dst: packet.inner.dst, summary: packet.inner.summary } } : {}),
    ...(packet.vni !== undefined ? { vni: packet.vni } : {}),
    packets: result.packets.length,
    raw: packet.raw,
  };
}
