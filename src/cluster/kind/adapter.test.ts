import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../port.js';
import { LESSON_CLUSTER_SCOPED_KINDS, toYamlStream } from './adapter.js';
import { resourceFor } from '../../core/kube-resources.js';

describe('objects on stdin', () => {
  it('are one YAML document each', () => {
    const a: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lab-03' } };
    const b: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'lab-03' }, data: { long: 'x'.repeat(200) } };
    expect(toYamlStream([a, b])).toBe(
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: lab-03\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: lab-03\ndata:\n  long: ${'x'.repeat(200)}\n`,
    );
  });
});

describe('what reset deletes beyond namespaces', () => {
  it('is cluster-scoped kinds of the resource table, so reset lists each by its own API path', () => {
    for (const kind of LESSON_CLUSTER_SCOPED_KINDS) expect(resourceFor(kind), kind).toMatchObject({ namespaced: false });
  });
});
