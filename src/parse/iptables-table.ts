// The chains and rules of one parse as they are found, with the two lookups every line needs:
// a chain by table and name, and how many rules a chain has so far (a rule's position). Maps, not a
// search per line: kube-proxy's table for thousands of Services made a search quadratic.
import type { IptablesChain, IptablesResult, IptablesRule } from './iptables-model.js';

export class TableBuilder {
  /** Chains by table ('' for none), then name. */
  private readonly chains = new Map<string, Map<string, IptablesChain>>();
  /** Rules so far by table ('' for none), then chain; the chain of the last rule is counted in `run` until another comes. */
  private readonly counts = new Map<string, Map<string, number>>();
  private runChain: string | undefined;
  private runTable: string | undefined;
  private run = 0;

  constructor(readonly result: IptablesResult) {}

  /** The chain of that name in that table, added on first sight. */
  chain(name: string, table?: string): IptablesChain {
    const key = table ?? '';
    let byName = this.chains.get(key);
    if (!byName) this.chains.set(key, (byName = new Map()));
    let chain = byName.get(name);
    if (!chain) {
      chain = { name, table };
      byName.set(name, chain);
      this.result.chains.push(chain);
    }
    return chain;
  }

  /** The position (1-based) the next rule of `chain` in `table` takes. */
  nextPosition(chain: string, table: string | undefined): number {
    if (chain === this.runChain && table === this.runTable) return this.run + 1;
    return (this.counts.get(table ?? '')?.get(chain) ?? 0) + 1;
  }

  /** Adds a rule, counting it for its chain. */
  addRule(rule: IptablesRule): void {
    this.result.rules.push(rule);
    if (rule.chain === this.runChain && rule.table === this.runTable) {
      this.run++;
      return;
    }
    this.flushRun();
    this.runChain = rule.chain;
    this.runTable = rule.table;
    this.run = (this.counts.get(rule.table ?? '')?.get(rule.chain) ?? 0) + 1;
  }

  private flushRun(): void {
    if (this.runChain === undefined) return;
    const key = this.runTable ?? '';
    let byChain = this.counts.get(key);
    if (!byChain) this.counts.set(key, (byChain = new Map()));
    byChain.set(this.runChain, this.run);
  }
}
