// The chains and rules of one parse as they are found, with the two lookups every line needs:
// a chain by table and name, and how many rules a chain has so far (a rule's position). Maps, not a
// search per line: kube-proxy's table for thousands of Services made a search quadratic.
import type { IptablesChain, IptablesResult, IptablesRule } from './iptables-model.js';

/** A chain and the number of its rules read so far: one lookup gives both. */
export interface ChainEntry {
  chain: IptablesChain;
  rules: number;
}

export class TableBuilder {
  /** Chains by table ('' for none), then name. */
  private readonly entries = new Map<string, Map<string, ChainEntry>>();
  /** The chain of the last rule added: rules come grouped by chain, so usually the next one's too. */
  private last: ChainEntry | undefined;

  constructor(readonly result: IptablesResult) {}

  /** The chain of that name in that table with its rule count, the chain added on first sight. */
  entry(name: string, table?: string): ChainEntry {
    const last = this.last;
    if (last && last.chain.name === name && last.chain.table === table) return last;
    const key = table ?? '';
    let byName = this.entries.get(key);
    if (!byName) this.entries.set(key, (byName = new Map()));
    let entry = byName.get(name);
    if (!entry) {
      const chain: IptablesChain = { name, table };
      entry = { chain, rules: 0 };
      byName.set(name, entry);
      this.result.chains.push(chain);
    }
    return entry;
  }

  chain(name: string, table?: string): IptablesChain {
    return this.entry(name, table).chain;
  }

  /** Adds a rule of the chain `entry` holds (from `entry()`), counting it. */
  addRule(rule: IptablesRule, entry: ChainEntry): void {
    this.result.rules.push(rule);
    entry.rules++;
    this.last = entry;
  }
}
