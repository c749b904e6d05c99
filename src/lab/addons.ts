// Cluster add-ons a lesson may need beyond the CNI (an ingress controller, a Gateway API
// implementation, a LoadBalancer provider). Names and what to show here; the pinned manifests
// and their installers live with the adapter (src/cluster/kind/addons/). Lessons list them in `addons:`.
import type { Text } from './text.js';

export interface AddonInfo {
  name: string;
  title: Text;
  version: string;
  /** Files applied, relative to the package root; shown to the learner as kubectl apply -f. */
  manifests: string[];
}

export const ADDONS: AddonInfo[] = [];

export function addonInfo(name: string): AddonInfo | undefined {
  return ADDONS.find((a) => a.name === name);
}
