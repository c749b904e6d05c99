// Turns lesson references (`service/web`, `pod` + selector) into ObjectRefs in the right namespace.
import type { ObjectRef } from '../cluster/port.js';
import { isClusterScopedName } from '../core/kube-resources.js';

/** Kinds without a namespace (the resource table's); a namespace given for them is ignored. */
export const isClusterScoped = (kind: string) => isClusterScopedName(kind);

export function toObjectRef(from: string, selector: string | undefined, namespace: string): ObjectRef {
  const [kind = '', name] = from.split('/', 2);
  return {
    kind: kind.toLowerCase(),
    ...(name ? { name } : {}),
    ...(selector ? { selector } : {}),
    ...(isClusterScoped(kind) ? {} : { namespace }),
  };
}
