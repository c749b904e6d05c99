// Captures: values read from the cluster (a ClusterIP, Pod IPs, a node's podCIDR) bound to names
// that later argv and expectations use. Re-read on every poll round so a recreated object is never stale.
import type { Cluster } from '../cluster/port.js';
import type { CaptureFile } from '../lessons/schema.js';
import type { Text } from '../core/text.js';
import { evaluateJsonPath } from '../core/jsonpath.js';
import { toObjectRef } from './refs.js';
import { timeouts } from './timeouts.js';
import { substitute, toBinding, type Binding, type Bindings } from './templating.js';

export interface CaptureOutcome {
  name: string;
  value: Binding | undefined;
  /** Why no value was read (object absent, field absent), for the failure report. */
  missing?: Text;
}

export async function readCapture(
  name: string,
  spec: CaptureFile,
  cluster: Cluster,
  namespace: string,
  bindings: Bindings,
  signal?: AbortSignal,
): Promise<CaptureOutcome> {
  const resolved = substitute(spec, bindings);
  const ref = toObjectRef(resolved.from, resolved.selector, resolved.namespace ?? namespace);
  const objects = await cluster.read(ref, { timeoutMs: timeouts.readMs, signal });
  const where = `${resolved.from}${resolved.selector ? ` -l ${resolved.selector}` : ''}`;
  if (objects.length === 0) return { name, value: undefined, missing: { ja: `${where} が見つかりません`, en: `${where} not found` } };
  const values = objects.map((o) => evaluateJsonPath(o, resolved.path));
  // A named object gives one value; a selector gives a list, one entry per object.
  const raw = ref.name ? values[0] : values.flat().filter((v) => v !== undefined);
  const value = toBinding(raw);
  const empty = value === undefined || (Array.isArray(value) && value.length === 0);
  return empty
    ? { name, value: undefined, missing: { ja: `${where} にはまだ ${resolved.path} がありません`, en: `${where} has no ${resolved.path} yet` } }
    : { name, value };
}

export async function readCaptures(
  specs: Record<string, CaptureFile> | undefined,
  cluster: Cluster,
  namespace: string,
  bindings: Bindings,
  signal?: AbortSignal,
): Promise<CaptureOutcome[]> {
  const outcomes: CaptureOutcome[] = [];
  // In order: a capture may name its object with an earlier capture of the same step.
  for (const [name, spec] of Object.entries(specs ?? {})) {
    let outcome: CaptureOutcome;
    try {
      outcome = await readCapture(name, spec, cluster, namespace, bindings, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      const message = (error as Error).message;
      outcome = { name, value: undefined, missing: { ja: `読めませんでした: ${message}`, en: `could not read: ${message}` } };
    }
    bindings.set(name, outcome.value);
    outcomes.push(outcome);
  }
  return outcomes;
}
