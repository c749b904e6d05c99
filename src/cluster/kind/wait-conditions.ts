// When a wait is over: the WaitCondition of the port read on the objects a wait matched.
import type { KubeObject, WaitCondition } from '../port.js';

/** True when `condition` holds for the objects matched right now. */
export function conditionHolds(condition: WaitCondition, objs: KubeObject[]): boolean {
  switch (condition) {
    case 'Exists':
      return objs.length > 0;
    case 'Deleted':
      return objs.length === 0;
    case 'Ready':
      return objs.length > 0 && objs.every((o) => hasCondition(o, 'Ready'));
    case 'Complete':
      return objs.length > 0 && objs.every((o) => hasCondition(o, 'Complete'));
    case 'Available':
      return objs.length > 0 && objs.every((o) => (o.kind === 'Deployment' ? deploymentRolledOut(o) : hasCondition(o, 'Available')));
  }
}

const hasCondition = (o: KubeObject, type: string) =>
  ((o.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === type && c.status === 'True');

/** The checks `kubectl rollout status` makes (k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go), plus Available=True. */
function deploymentRolledOut(d: KubeObject): boolean {
  const spec = (d.spec ?? {}) as { replicas?: number };
  const st = (d.status ?? {}) as { observedGeneration?: number; replicas?: number; updatedReplicas?: number; availableReplicas?: number };
  const generation = (d.metadata as { generation?: number }).generation ?? 0;
  const want = spec.replicas ?? 1;
  if ((st.observedGeneration ?? 0) < generation) return false;
  if ((st.updatedReplicas ?? 0) < want) return false;
  if ((st.replicas ?? 0) > (st.updatedReplicas ?? 0)) return false;
  if ((st.availableReplicas ?? 0) < (st.updatedReplicas ?? 0)) return false;
  return hasCondition(d, 'Available');
}
