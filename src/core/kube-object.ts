// A Kubernetes object as kindlab sees it at every layer (lesson manifests, the cluster port, the
// engine's reads), and the labels kindlab puts on every object it creates.

/** A Kubernetes object as plain JSON (what `kubectl get -o json` prints). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name?: string; namespace?: string; labels?: Record<string, string>; [k: string]: unknown };
  [k: string]: unknown;
}

/** Label every object kindlab creates carries, so reset removes only kindlab's objects. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'kindlab';
export const LESSON_LABEL = 'kindlab.dev/lesson';
