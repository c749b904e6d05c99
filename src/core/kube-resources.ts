// Kubernetes resource types as kubectl names them: kind, plural and short names, group, version,
// and whether objects live in a namespace. Pure (no client): lesson rules read it for manifests, the engine for lesson
// references, the kind adapter for API paths. The one list of cluster-scoped kinds.
export interface ResourceInfo {
  /** API group; '' for the core group. */
  group: string;
  version: string;
  /** Plural resource name as it appears in URLs. */
  plural: string;
  kind: string;
  namespaced: boolean;
}

interface TableEntry extends ResourceInfo {
  names: string[];
}

const entry = (kind: string, group: string, version: string, plural: string, namespaced: boolean, ...short: string[]): TableEntry => ({
  kind,
  group,
  version,
  plural,
  namespaced,
  names: [kind.toLowerCase(), plural, ...short],
});

// Names, plurals and short names as `kubectl api-resources` lists them (Kubernetes 1.3x);
// Gateway API from gateway-api's standard channel CRDs; Calico's from crd.projectcalico.org.
const TABLE: TableEntry[] = [
  entry('Pod', '', 'v1', 'pods', true, 'po'),
  entry('Service', '', 'v1', 'services', true, 'svc'),
  entry('Endpoints', '', 'v1', 'endpoints', true, 'ep'),
  entry('Node', '', 'v1', 'nodes', false, 'no'),
  entry('Namespace', '', 'v1', 'namespaces', false, 'ns'),
  entry('ConfigMap', '', 'v1', 'configmaps', true, 'cm'),
  entry('Secret', '', 'v1', 'secrets', true),
  entry('ServiceAccount', '', 'v1', 'serviceaccounts', true, 'sa'),
  entry('Event', '', 'v1', 'events', true, 'ev'),
  entry('PersistentVolume', '', 'v1', 'persistentvolumes', false, 'pv'),
  entry('PersistentVolumeClaim', '', 'v1', 'persistentvolumeclaims', true, 'pvc'),
  entry('StorageClass', 'storage.k8s.io', 'v1', 'storageclasses', false, 'sc'),
  entry('CSIDriver', 'storage.k8s.io', 'v1', 'csidrivers', false),
  entry('RuntimeClass', 'node.k8s.io', 'v1', 'runtimeclasses', false),
  entry('APIService', 'apiregistration.k8s.io', 'v1', 'apiservices', false),
  entry('EndpointSlice', 'discovery.k8s.io', 'v1', 'endpointslices', true),
  entry('Deployment', 'apps', 'v1', 'deployments', true, 'deploy'),
  entry('ReplicaSet', 'apps', 'v1', 'replicasets', true, 'rs'),
  entry('DaemonSet', 'apps', 'v1', 'daemonsets', true, 'ds'),
  entry('StatefulSet', 'apps', 'v1', 'statefulsets', true, 'sts'),
  entry('Job', 'batch', 'v1', 'jobs', true),
  entry('CronJob', 'batch', 'v1', 'cronjobs', true, 'cj'),
  entry('NetworkPolicy', 'networking.k8s.io', 'v1', 'networkpolicies', true, 'netpol'),
  entry('Ingress', 'networking.k8s.io', 'v1', 'ingresses', true, 'ing'),
  entry('IngressClass', 'networking.k8s.io', 'v1', 'ingressclasses', false),
  entry('Role', 'rbac.authorization.k8s.io', 'v1', 'roles', true),
  entry('RoleBinding', 'rbac.authorization.k8s.io', 'v1', 'rolebindings', true),
  entry('ClusterRole', 'rbac.authorization.k8s.io', 'v1', 'clusterroles', false),
  entry('ClusterRoleBinding', 'rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', false),
  entry('PriorityClass', 'scheduling.k8s.io', 'v1', 'priorityclasses', false, 'pc'),
  entry('ValidatingWebhookConfiguration', 'admissionregistration.k8s.io', 'v1', 'validatingwebhookconfigurations', false),
  entry('MutatingWebhookConfiguration', 'admissionregistration.k8s.io', 'v1', 'mutatingwebhookconfigurations', false),
  entry('CustomResourceDefinition', 'apiextensions.k8s.io', 'v1', 'customresourcedefinitions', false, 'crd', 'crds'),
  entry('Gateway', 'gateway.networking.k8s.io', 'v1', 'gateways', true, 'gtw'),
  entry('GatewayClass', 'gateway.networking.k8s.io', 'v1', 'gatewayclasses', false, 'gc'),
  entry('HTTPRoute', 'gateway.networking.k8s.io', 'v1', 'httproutes', true),
  entry('GRPCRoute', 'gateway.networking.k8s.io', 'v1', 'grpcroutes', true),
  entry('ReferenceGrant', 'gateway.networking.k8s.io', 'v1beta1', 'referencegrants', true, 'refgrant'),
  entry('IPPool', 'crd.projectcalico.org', 'v1', 'ippools', false),
  entry('FelixConfiguration', 'crd.projectcalico.org', 'v1', 'felixconfigurations', false),
  entry('BGPConfiguration', 'crd.projectcalico.org', 'v1', 'bgpconfigurations', false),
  entry('GlobalNetworkPolicy', 'crd.projectcalico.org', 'v1', 'globalnetworkpolicies', false),
];

const strip = ({ names: _names, ...info }: TableEntry): ResourceInfo => info;

/**
 * The resource a kubectl-style name stands for: `svc`, `deployment`, `endpointslices`,
 * `httproute.gateway.networking.k8s.io`, `deployments.v1.apps`. Undefined when not in the table
 * (the API's discovery is then asked, see KubeApi.resolve).
 */
export function resourceFor(name: string): ResourceInfo | undefined {
  const n = name.trim().toLowerCase();
  const dot = n.indexOf('.');
  if (dot < 0) {
    const hit = TABLE.find((e) => e.names.includes(n));
    return hit && strip(hit);
  }
  const base = n.slice(0, dot);
  let rest = n.slice(dot + 1);
  let version: string | undefined;
  const v = /^(v\d+(?:(?:alpha|beta)\d+)?)\.(.+)$/.exec(rest);
  if (v) {
    version = v[1];
    rest = v[2] ?? '';
  }
  const hit = TABLE.find((e) => e.group === rest && e.names.includes(base));
  if (!hit) return undefined;
  return { ...strip(hit), version: version ?? hit.version };
}

/** The resource of an object by its apiVersion and kind (e.g. `apps/v1`, `Deployment`). */
export function resourceForObject(apiVersion: string, kind: string): ResourceInfo | undefined {
  const { group, version } = splitApiVersion(apiVersion);
  const hit = TABLE.find((e) => e.group === group && e.kind === kind);
  return hit && { ...strip(hit), version };
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export const apiVersionOf = (r: ResourceInfo) => (r.group ? `${r.group}/${r.version}` : r.version);

/** URL path of a collection (no name) or of one object. */
export function resourcePath(r: ResourceInfo, namespace?: string, name?: string): string {
  const root = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = r.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${root}${ns}/${r.plural}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

const CLUSTER_SCOPED_NAMES = new Set(TABLE.filter((e) => !e.namespaced).flatMap((e) => e.names));

/** True for a kind without a namespace, by any name kubectl accepts (`ns`, `clusterroles`, `ippool.crd.projectcalico.org`). */
export function isClusterScopedName(name: string): boolean {
  return CLUSTER_SCOPED_NAMES.has(name.toLowerCase().split('.')[0]!);
}
