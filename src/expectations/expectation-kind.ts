// What every typed expectation is: a key usable in lesson YAML, a parameter schema, and a pure
// evaluation of an observation. New checks are new kinds registered here, never special cases.
import type { z } from 'zod';
import type { Text } from '../core/text.js';

/** One run of a command, or one read of an object field. */
export interface Sample {
  stdout: string;
  stderr: string;
  exitCode: number;
  timedOut: boolean;
}

/** What a check observed in one poll round. `samples` has `repeat` entries (1 when not repeated). */
export interface Observation {
  samples: Sample[];
  /** For `read` checks: the value at the path (string, number, list, object, or undefined when absent). */
  value?: unknown;
  /** The cluster profile the lesson runs on, for expectations that differ by network. */
  profile: string;
}

export interface Verdict {
  pass: boolean;
  /** Human summary of what was expected, e.g. `answers include 10.96.12.7`. */
  expected: string;
  /** What was observed, e.g. `answers: 10.96.0.1` or the raw output when unparseable. */
  observed: string;
  /** Which part differed, e.g. `address 10.96.12.7 missing`. */
  differs?: string;
  /** Learner-facing advice for this failure class (timeout -> likely a NetworkPolicy drop). */
  hint?: Text;
  /** The same three texts in Japanese (values such as IPs stay as they are). Shown with --lang ja. */
  ja?: { expected: string; observed?: string; differs?: string };
}

export interface ExpectationKind<P = unknown> {
  /** The key in lesson YAML, e.g. `dns.addresses.include`. */
  key: string;
  /** Parameter schema as written in YAML (templates already substituted when evaluated). */
  params: z.ZodType<P>;
  /** One-line English description for the JSON Schema and `kindlab validate`. */
  doc: string;
  /** Pure: no I/O, no clock. Must not throw on odd output: return a failing verdict instead. */
  evaluate(params: P, observation: Observation): Verdict;
}

export function defineKind<P>(kind: ExpectationKind<P>): ExpectationKind<P> {
  return kind;
}

import { z as zod } from 'zod';

/**
 * `{{name}}` placeholders for captured values, substituted before `evaluate` is called. Filters,
 * applied left to right: `{{podIPs|one}}` takes the single element of a list (and fails unless
 * there is exactly one); `{{podIP|dashes}}` writes 10.244.1.5 as 10-244-1-5, a Pod's DNS name.
 * Group 1 is the name, group 2 the filters as written (e.g. `|one|dashes`).
 */
export const TEMPLATE_FILTERS = ['one', 'dashes'] as const;
export type TemplateFilter = (typeof TEMPLATE_FILTERS)[number];
export const TEMPLATE_PATTERN = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*((?:\|\s*(?:one|dashes)\s*)*)\}\}/g;

/** `|one|dashes` → ['one', 'dashes']. */
export const templateFilters = (written: string | undefined): TemplateFilter[] =>
  (written ?? '')
    .split('|')
    .map((f) => f.trim())
    .filter((f): f is TemplateFilter => (TEMPLATE_FILTERS as readonly string[]).includes(f));

/** A number that a lesson may also give as a template (`"{{replicas}}"`), checked again after substitution. */
export const numberOrTemplate = zod.union([
  zod.number(),
  zod.string().regex(/^\s*(-?\d+(\.\d+)?|\{\{\s*[A-Za-z_][A-Za-z0-9_.-]*\s*(\|\s*one\s*)?\}\})\s*$/, 'a number or a {{capture}}'),
]);

/** Converts a substituted numberOrTemplate value; NaN means the captured value was not a number. */
export function toNumber(value: number | string): number {
  return typeof value === 'number' ? value : Number(value.trim());
}
