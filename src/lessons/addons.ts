// Cluster add-ons a lesson may need beyond the CNI (an ingress controller, a Gateway API
// implementation, a LoadBalancer provider). Names and what to show here; the pinned manifests
// and their installers live with the adapter (src/cluster/kind/addons/). Lessons list them in `addons:`.
// Why each was chosen, its source and how to preload it offline: docs/addons.md.
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../core/kube-object.js';
import type { Text } from '../core/text.js';

export interface AddonInfo {
  name: string;
  title: Text;
  version: string;
  /** Files applied, relative to the package root; shown to the learner as kubectl apply -f. */
  manifests: string[];
  /**
   * For an add-on that is not a manifest (a container beside the cluster): the command a learner
   * could type instead, shown in place of kubectl apply.
   */
  shown?: string[];
  /** What a learner may read to see it is there (`kubectl get ...`). */
  check?: string[];
}

/** The name of the container kindlab runs cloud-provider-kind in (beside the kind nodes). */
export const CLOUD_PROVIDER_CONTAINER = 'kindlab-cloud-provider';
/** cloud-provider-kind's Gateway API implementation: its GatewayClass and its IngressClass share this name. */
export const CLOUD_PROVIDER_CLASS = 'cloud-provider-kind';
const CLOUD_PROVIDER_VERSION = 'v0.12.0';
/** The pinned image, by tag and digest (two unrelated public repositories pin this digest: docs/addons.md). */
export const CLOUD_PROVIDER_IMAGE_REF = `registry.k8s.io/cloud-provider-kind/cloud-controller-manager:${CLOUD_PROVIDER_VERSION}@sha256:1b97632e5dfec8f83c7e970cf18cedb9e6b707e272011d712cabf6ab59d323c9`;

/** The Docker network kind puts its nodes on; the provider must be on it to reach them directly. */
export const KIND_NETWORK = 'kind';

/**
 * Docker starts the provider again after a Docker or laptop restart, as it does the kind nodes
 * (kind runs them with --restart=on-failure:1, kind@v0.30.0:pkg/cluster/internal/providers/docker/provision.go): without it a restart brings the cluster back but
 * not the provider, and a LoadBalancer Service's finalizer (service.kubernetes.io/load-balancer-cleanup),
 * which only the provider removes, keeps its namespace Terminating. `docker stop` still stops it for good.
 */
export const CLOUD_PROVIDER_RESTART = 'unless-stopped';

/**
 * `docker run` for the provider: the command shown to learners and the one kindlab runs.
 * `image` is the pinned one; tests on a machine without a registry pass a local stand-in.
 */
export function cloudProviderRunArgv(image: string = CLOUD_PROVIDER_IMAGE_REF): string[] {
  return [
    'docker',
    'run',
    '-d',
    '--name',
    CLOUD_PROVIDER_CONTAINER,
    '--restart',
    CLOUD_PROVIDER_RESTART,
    '--network',
    KIND_NETWORK,
    '--label',
    `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`,
    '-v',
    '/var/run/docker.sock:/var/run/docker.sock',
    image,
  ];
}

export const ADDONS: AddonInfo[] = [
  {
    name: 'cloud-provider-kind',
    title: {
      ja: 'cloud-provider-kind（LoadBalancer の外部 IP、Ingress、Gateway API）',
      en: 'cloud-provider-kind (LoadBalancer external IPs, Ingress, Gateway API)',
    },
    version: CLOUD_PROVIDER_VERSION,
    manifests: [],
    // Exactly what kindlab runs.
    shown: cloudProviderRunArgv(),
    check: ['kubectl', 'get', 'gatewayclass,ingressclass'],
  },
];

export function addonInfo(name: string): AddonInfo | undefined {
  return ADDONS.find((a) => a.name === name);
}
