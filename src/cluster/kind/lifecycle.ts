// The door to `kindlab up` and `kindlab down` for the rest of kindlab: plans of tasks, each
// with the exact command it runs. The steps of `up` live in up/ (one file each), `down` in down.ts.
export { DEFAULT_TIMEOUTS, type Choice, type LifecycleOptions, type LifecycleTimeouts, type UpOptions } from './lifecycle-options.js';
export { INFO_CONFIGMAP, INFO_NAMESPACE, infoConfigMap } from './lab-info.js';
export { inspectCluster, type ClusterState, type NodeState } from './inspect-cluster.js';
export type { TaskTiming } from './task-timing.js';
export { planUp, type UpPlan } from './up/up.js';
export { labAccess } from './up/restore-context.js';
export { planDown, type DownPlan } from './down.js';
