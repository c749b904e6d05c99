// The kubeconfig context kind writes for a cluster, `kind-<name>`, built here and nowhere else,
// as kind builds it in one function (kind@v0.30.0 pkg/cluster/internal/kubeconfig/kubeconfig.go
// ContextForCluster → internal/kubeconfig/helpers.go KINDClusterKey).
const PREFIX = 'kind-';

/** `kindlab` → `kind-kindlab`. */
export const contextForCluster = (clusterName: string) => `${PREFIX}${clusterName}`;

/** `kind-kindlab` → `kindlab`; undefined for a context kind did not name (e.g. `--context prod`). */
export function clusterForContext(context: string): string | undefined {
  return context.startsWith(PREFIX) ? context.slice(PREFIX.length) : undefined;
}
