// A step's picture (lesson field `diagram`) as plain values: what each kind of picture shows.
// live.ts draws it after the step's checks pass, from the live cluster through the Cluster port and
// the step's captures; placeholder.ts draws the same shape for the dry run. The renderers in
// src/ui/map/ turn a StepDiagram into terminal lines.
import type { Step } from '../../lessons/model.js';
import type { PathHop } from '../map/path.js';
import type { DnsSearchPicture } from './dns-search.js';
import type { SplitAnswer, WireSeen } from './readings.js';
import type { ServiceChainPicture } from './service-chain.js';

export type DiagramSpec = NonNullable<Step['diagram']>;
/** One kind of picture's spec (`DiagramSpecOf<'podPath'>` has `podPath`). */
export type DiagramSpecOf<K extends string> = Extract<DiagramSpec, Record<K, unknown>>;

export type StepDiagram =
  | {
      kind: 'podPath';
      from: string;
      to: string;
      profile: string;
      /** Undefined when a Pod has no IP yet or the node holds no route to the other. */
      path?: { sameNode: boolean; hops: PathHop[]; route?: string };
      /** The packet the step's tcpdump check saw on eth0 (lesson field `wire`). */
      wire?: WireSeen;
      commands: string[][];
      placeholder?: true;
    }
  | { kind: 'serviceChain'; node: string; picture: ServiceChainPicture; commands: string[][]; placeholder?: true }
  | { kind: 'dnsSearch'; picture: DnsSearchPicture; commands: string[][]; placeholder?: true }
  | { kind: 'flows'; to: string; arrows: FlowArrow[]; commands: string[][]; placeholder?: true }
  | {
      kind: 'sourceSeen';
      policy: string;
      client: string;
      lb: string;
      seen?: string;
      seenIs: 'lb' | 'node' | 'client' | 'other' | 'unknown';
      seenNode?: string;
      commands: string[][];
      placeholder?: true;
    }
  | {
      kind: 'split';
      answers: SplitAnswer[];
      total: number;
      expected?: { value: string; share: number; tolerance: number };
      commands: string[][];
      placeholder?: true;
    };

/** One arrow of a `flows` picture: did the traffic get through, as its check observed it. */
export interface FlowArrow {
  from: string;
  /** undefined when the check's result is not known (a dry run, or a challenge solved in start). */
  through?: boolean;
  /** The first line the check printed (curl's status code or its error). */
  observed?: string;
}
