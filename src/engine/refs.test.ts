import { describe, expect, it } from 'vitest';
import { isClusterScoped, toObjectRef } from './refs.js';

describe('lesson references to cluster-scoped kinds carry no namespace', () => {
  it('knows a cluster-scoped kind by any name kubectl accepts for it: kind, plural, short name', () => {
    for (const name of [
      'node',
      'nodes',
      'no',
      'ns',
      'clusterrole',
      'clusterroles',
      'ClusterRoleBinding',
      'clusterrolebindings',
      'pv',
      'persistentvolumes',
      'crd',
      'crds',
      'customresourcedefinitions',
      'storageclass',
      'storageclasses',
      'sc',
      'pc',
      'priorityclasses',
      'gatewayclass',
      'gc',
      'ippools',
      'felixconfiguration',
      'bgpconfigurations',
      'globalnetworkpolicies',
      'apiservice',
      'runtimeclasses',
      'csidrivers',
      'validatingwebhookconfigurations',
    ]) {
      expect(isClusterScoped(name), name).toBe(true);
    }
  });
  it('reads the kind before a group or version', () => {
    expect(isClusterScoped('clusterroles.rbac.authorization.k8s.io')).toBe(true);
    expect(isClusterScoped('ippool.crd.projectcalico.org')).toBe(true);
    expect(isClusterScoped('deployments.v1.apps')).toBe(false);
  });
  it('keeps namespaced kinds, and kinds it does not know, in the lesson namespace', () => {
    for (const name of ['pod', 'svc', 'deploy', 'endpointslices', 'httproute', 'role', 'widget']) expect(isClusterScoped(name), name).toBe(false);
    expect(toObjectRef('service/web', undefined, 'lab-01')).toEqual({ kind: 'service', name: 'web', namespace: 'lab-01' });
    expect(toObjectRef('clusterroles/view', undefined, 'lab-01')).toEqual({ kind: 'clusterroles', name: 'view' });
  });
});
