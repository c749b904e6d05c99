// Turns lesson references (`service/web`, `pod` + selector) into ObjectRefs in the right namespace.
import type { ObjectRef } from '../cluster/port.js';

/** Kinds without a namespace; a namespace given for them is ignored. */
const CLUSTER_SCOPED = new Set([
  'node', 'nodes', 'no', 'namespace', 'namespaces', 'ns', 'clusterrole', 'clusterrolebinding', 'gatewayclass', 'gatewayclasses',
  'ingressclass', 'ingressclasses', 'customresourcedefinition', 'crd', 'persistentvolume', 'pv', 'storageclass',
  'priorityclass', 'runtimeclass', 'csidriver', 'apiservice', 'validatingwebhookconfiguration', 'mutatingwebhookconfiguration',
  'ippool', 'ippools', 'felixconfiguration', 'bgpconfiguration', 'globalnetworkpolicy',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind.toLowerCase().split('.')[0]!);
}

export function toObjectRef(from: string, selector: string | undefined, namespace: string): ObjectRef {
  const [kind = '', name] = from.split('/', 2);
  return {
    kind: kind.toLowerCase(),
    ...(name ? { name } : {}),
    ...(selector ? { selector } : {}),
    ...(isClusterScoped(kind) ? {} : { namespace }),
  };
}

export const defaults = {
  applyMs: 60_000,
  waitMs: 120_000,
  execMs: 15_000,
  readMs: 10_000,
  eventuallyMs: 30_000,
  deleteLessonMs: 180_000,
  addonMs: 300_000,
};
