// The typed rules and chains every iptables form is read into, and the two value rules all forms
// share: addresses in CIDR form, protocols by name.

export interface IptablesChain {
  name: string;
  table?: string;
  /** Built-in chains have a policy (ACCEPT, DROP); user chains have none (`-` in iptables-save). */
  policy?: string;
  references?: number;
  packets?: number;
  bytes?: number;
}

export interface IptablesRule {
  chain: string;
  table?: string;
  /** 1-based position in its chain (`--line-numbers`, or counted). */
  position: number;
  /** Jump (-j) or goto (-g) target; undefined for a rule with no target. */
  target?: string;
  goto?: boolean;
  /** `tcp`, `udp`, `sctp`, `icmp`; undefined for all protocols. */
  protocol?: string;
  protocolNegated?: boolean;
  /** CIDR (host addresses get /32); undefined for any (0.0.0.0/0). */
  source?: string;
  sourceNegated?: boolean;
  destination?: string;
  destinationNegated?: boolean;
  inInterface?: string;
  outInterface?: string;
  /** Destination port or range as printed (`80`, `30000:32767`, `80,443`). */
  dport?: string;
  sport?: string;
  comment?: string;
  /** `-m statistic --mode random --probability P`. */
  probability?: number;
  /** DNAT `--to-destination` (`to:` in -L). */
  toDestination?: string;
  toSource?: string;
  /** MARK target: `--set-xmark 0x4000/0x4000`, `--or-mark 0x4000` (-S) or `MARK or 0x4000` (-L). */
  setMark?: string;
  /** `-m mark --mark 0x4000/0x4000` (with `!` when negated). */
  markMatch?: string;
  /** Modules named with -m, in order. */
  matches: string[];
  packets?: number;
  bytes?: number;
  raw: string;
}

export interface IptablesResult {
  format: 'iptables';
  /** `save` (iptables-save), `rules` (-S), `list` (-L), or `unknown` when nothing was recognised. */
  source: 'save' | 'rules' | 'list' | 'unknown';
  parsed: boolean;
  chains: IptablesChain[];
  rules: IptablesRule[];
  /** Lines that looked like rules but could not be read. */
  unreadLines: string[];
  raw: string;
}

const PROTOCOL_NUMBERS: Record<string, string> = { '0': 'all', '1': 'icmp', '6': 'tcp', '17': 'udp', '58': 'ipv6-icmp', '132': 'sctp' };

/** CIDR form used for every address: hosts get /32 (/128), any (0.0.0.0/0, ::/0) becomes undefined. */
export function normalizeAddress(address: string | undefined): string | undefined {
  if (address === undefined || address === '') return undefined;
  if (address === '0.0.0.0/0' || address === '::/0' || address === 'anywhere') return undefined;
  if (address.includes('/')) return address;
  return address.includes(':') ? `${address}/128` : `${address}/32`;
}

export function protocolName(value: string): string | undefined {
  const name = PROTOCOL_NUMBERS[value] ?? value.toLowerCase();
  return name === 'all' ? undefined : name;
}
