import { describe, expect, it } from 'vitest';
import { evaluateJsonPath, JsonPathError, parseJsonPath } from './jsonpath.js';

// Shapes follow the Kubernetes API types (core/v1 Service, Node; discovery/v1 EndpointSlice);
// typed by hand for these tests, not recorded from a cluster.
const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'nginx-svc', namespace: 'lab-03', labels: { 'app.kubernetes.io/name': 'nginx', app: 'web' } },
  spec: {
    clusterIP: '10.96.12.34',
    ports: [
      { name: 'http', port: 80, targetPort: 8080 },
      { name: 'metrics', port: 9100 },
    ],
  },
};
const node = {
  kind: 'Node',
  metadata: { name: 'kindlab-worker' },
  spec: { podCIDR: '10.244.1.0/24' },
  status: {
    addresses: [
      { type: 'InternalIP', address: '172.18.0.3' },
      { type: 'Hostname', address: 'kindlab-worker' },
    ],
  },
};
const slice = {
  kind: 'EndpointSlice',
  endpoints: [
    { addresses: ['10.244.1.5'], conditions: { ready: true }, nodeName: 'kindlab-worker' },
    { addresses: ['10.244.2.7'], conditions: { ready: false }, nodeName: 'kindlab-worker2' },
  ],
};
const list = { kind: 'PodList', items: [{ status: { podIP: '10.244.1.5' } }, { status: { podIP: '10.244.2.7' } }] };

describe('jsonpath captures', () => {
  it('reads a Service ClusterIP', () => {
    expect(evaluateJsonPath(service, '.spec.clusterIP')).toBe('10.96.12.34');
  });
  it('accepts the kubectl form with braces and a leading $', () => {
    expect(evaluateJsonPath(service, '{.spec.clusterIP}')).toBe('10.96.12.34');
    expect(evaluateJsonPath(service, '$.spec.ports[0].port')).toBe(80);
  });
  it('reads the first item of a list and a negative index from the end', () => {
    expect(evaluateJsonPath(list, '.items[0].status.podIP')).toBe('10.244.1.5');
    expect(evaluateJsonPath(service, '.spec.ports[-1].name')).toBe('metrics');
  });
  it('collects every endpoint address with [*]', () => {
    expect(evaluateJsonPath(slice, '.endpoints[*].addresses[0]')).toEqual(['10.244.1.5', '10.244.2.7']);
  });
  it('picks the node InternalIP with a filter', () => {
    expect(evaluateJsonPath(node, '.status.addresses[?(@.type=="InternalIP")].address')).toEqual(['172.18.0.3']);
  });
  it('filters on booleans and numbers', () => {
    expect(evaluateJsonPath(slice, '.endpoints[?(@.conditions.ready==true)].nodeName')).toEqual(['kindlab-worker']);
    expect(evaluateJsonPath(service, '.spec.ports[?(@.port>100)].name')).toEqual(['metrics']);
    expect(evaluateJsonPath(service, ".spec.ports[?(@.name!='http')].port")).toEqual([9100]);
  });
  it('reads a label whose key has dots, escaped or in brackets', () => {
    expect(evaluateJsonPath(service, '.metadata.labels.app\\.kubernetes\\.io/name')).toBe('nginx');
    expect(evaluateJsonPath(service, ".metadata.labels['app.kubernetes.io/name']")).toBe('nginx');
  });
  it('returns undefined for an absent field and an empty list for a filter that matches nothing', () => {
    expect(evaluateJsonPath(service, '.status.loadBalancer.ingress[0].ip')).toBeUndefined();
    expect(evaluateJsonPath(service, '.spec.ports[5].port')).toBeUndefined();
    expect(evaluateJsonPath(node, '.status.addresses[?(@.type=="ExternalIP")].address')).toEqual([]);
  });
  it('keeps falsy values that are present (0, false, empty string)', () => {
    expect(evaluateJsonPath({ a: { n: 0, b: false, s: '' } }, '.a.n')).toBe(0);
    expect(evaluateJsonPath({ a: { n: 0, b: false, s: '' } }, '.a.b')).toBe(false);
    expect(evaluateJsonPath({ a: { n: 0, b: false, s: '' } }, '.a.s')).toBe('');
  });
  it('the empty path and $ return the whole object', () => {
    expect(evaluateJsonPath(node, '')).toBe(node);
    expect(evaluateJsonPath(node, '$')).toBe(node);
  });
  it('a malformed path says where it went wrong', () => {
    expect(() => parseJsonPath('.spec.ports[0')).toThrow(JsonPathError);
    expect(() => parseJsonPath('.spec.ports[0')).toThrow(/character 12.*never closed/);
    expect(() => parseJsonPath('spec.clusterIP')).toThrow(/expected "." or "\["/);
    expect(() => parseJsonPath('.items[?(@.type==InternalIP)]')).toThrow(/must be quoted/);
  });
});
