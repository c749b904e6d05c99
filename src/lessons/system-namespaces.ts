// Namespaces a lesson may read from but never own: Kubernetes' own, the default one, and those the
// cluster's add-ons live in (kind's storage, Calico's operator). Owning one would let `reset`
// delete it, since reset removes the namespaces labelled with the lesson.
export const SHARED_NAMESPACES = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'local-path-storage',
  'calico-system',
  'calico-apiserver',
  'tigera-operator',
] as const;

export function isSharedNamespace(name: string): boolean {
  return (SHARED_NAMESPACES as readonly string[]).includes(name) || name.startsWith('kube-');
}
