import { describe, expect, it } from 'vitest';
import { resourceFor, resourceForObject, resourcePath } from './kube-resources.js';

describe('resource names as kubectl accepts them', () => {
  it('maps kinds, plurals and short names to group, version and plural', () => {
    expect(resourceFor('svc')).toEqual({ group: '', version: 'v1', plural: 'services', kind: 'Service', namespaced: true });
    expect(resourceFor('deploy')).toMatchObject({ group: 'apps', plural: 'deployments' });
    expect(resourceFor('ep')).toMatchObject({ group: '', plural: 'endpoints', kind: 'Endpoints' });
    expect(resourceFor('EndpointSlices')).toMatchObject({ group: 'discovery.k8s.io', plural: 'endpointslices' });
    expect(resourceFor('netpol')).toMatchObject({ group: 'networking.k8s.io', plural: 'networkpolicies' });
    expect(resourceFor('node')).toMatchObject({ namespaced: false });
    expect(resourceFor('ns')).toMatchObject({ kind: 'Namespace', namespaced: false });
  });
  it('reads kind.group and plural.version.group', () => {
    expect(resourceFor('httproute.gateway.networking.k8s.io')).toMatchObject({ group: 'gateway.networking.k8s.io', version: 'v1', plural: 'httproutes' });
    expect(resourceFor('deployments.v1.apps')).toMatchObject({ group: 'apps', version: 'v1', plural: 'deployments' });
    expect(resourceFor('ingress.extensions')).toBeUndefined();
    expect(resourceFor('widget')).toBeUndefined();
  });
  it('finds the resource of an object by apiVersion and kind, keeping its version', () => {
    expect(resourceForObject('apps/v1', 'Deployment')).toMatchObject({ plural: 'deployments' });
    expect(resourceForObject('gateway.networking.k8s.io/v1beta1', 'HTTPRoute')).toMatchObject({ version: 'v1beta1', plural: 'httproutes' });
    expect(resourceForObject('v1', 'Deployment')).toBeUndefined();
  });
  it('builds the API paths kubectl would request', () => {
    expect(resourcePath(resourceFor('pod')!, 'lab-03', 'netshoot')).toBe('/api/v1/namespaces/lab-03/pods/netshoot');
    expect(resourcePath(resourceFor('endpointslice')!, 'lab-03')).toBe('/apis/discovery.k8s.io/v1/namespaces/lab-03/endpointslices');
    expect(resourcePath(resourceFor('pod')!)).toBe('/api/v1/pods');
    expect(resourcePath(resourceFor('node')!, 'ignored', 'kindlab-worker')).toBe('/api/v1/nodes/kindlab-worker');
  });
});
