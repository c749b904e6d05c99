import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterForContext, contextForCluster } from './context-name.js';
import { initialBindings } from '../engine/step.js';
import { loadKubeConfig } from './kind/kube-api.js';

describe('the kubeconfig context of a kind cluster', () => {
  it('is kind-<name>, as kind writes it', () => {
    // kind@v0.30.0 pkg/cluster/internal/kubeconfig/internal/kubeconfig/helpers_test.go: "kind-foobar" for "foobar"
    expect(contextForCluster('foobar')).toBe('kind-foobar');
    expect(contextForCluster('kindlab')).toBe('kind-kindlab');
  });
  it('gives back the cluster name of a kind context, and nothing for any other context', () => {
    expect(clusterForContext('kind-kindlab')).toBe('kindlab');
    expect(clusterForContext(contextForCluster('kind-in-name'))).toBe('kind-in-name');
    expect(clusterForContext('prod')).toBeUndefined();
  });
  it('gives a lesson its {{cluster}}: the kind cluster name, or the context itself when it is not kind’s', () => {
    const lesson = { namespace: 'lab-01' } as Parameters<typeof initialBindings>[0];
    expect(initialBindings(lesson, { profile: 'kindnet', context: 'kind-kindlab' }).get('cluster')).toBe('kindlab');
    expect(initialBindings(lesson, { profile: 'kindnet', context: 'prod' }).get('cluster')).toBe('prod');
  });
  it('names the kind command that writes a missing kind context back', () => {
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'context-name-')), 'config');
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
    expect(() => loadKubeConfig({ context: 'kind-lab2', kubeconfig })).toThrow(
      expect.objectContaining({ fixText: expect.objectContaining({ en: expect.stringContaining('kind export kubeconfig --name lab2') }) }),
    );
  });
});
