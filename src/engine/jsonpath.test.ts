import { describe, expect, it } from 'vitest';
import { evaluateJsonPath, isValidPath } from './jsonpath.js';

const node = {
  metadata: { name: 'kindlab-worker', labels: { 'kubernetes.io/hostname': 'kindlab-worker' } },
  spec: { podCIDR: '10.244.1.0/24' },
  status: { addresses: [{ type: 'InternalIP', address: '172.18.0.3' }, { type: 'Hostname', address: 'kindlab-worker' }] },
};
const slice = { endpoints: [{ addresses: ['10.244.1.5'] }, { addresses: ['10.244.2.6'] }] };

describe('reading a field by path', () => {
  it('reads a plain field', () => expect(evaluateJsonPath(node, '.spec.podCIDR')).toBe('10.244.1.0/24'));
  it('reads a node InternalIP with a filter', () =>
    expect(evaluateJsonPath(node, '.status.addresses[?(@.type=="InternalIP")].address')).toEqual(['172.18.0.3']));
  it('reads every endpoint address of an EndpointSlice', () => expect(evaluateJsonPath(slice, '.endpoints[*].addresses[0]')).toEqual(['10.244.1.5', '10.244.2.6']));
  it('reads a label key with escaped dots', () => expect(evaluateJsonPath(node, '.metadata.labels.kubernetes\\.io/hostname')).toBe('kindlab-worker'));
  it('an absent field is undefined, not an error', () => expect(evaluateJsonPath(node, '.spec.clusterIP')).toBeUndefined());
  it('accepts kubectl braces', () => expect(evaluateJsonPath(node, '{.metadata.name}')).toBe('kindlab-worker'));
  it('rejects malformed paths', () => expect(isValidPath('.spec[')).toBe(false));
});
