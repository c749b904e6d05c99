import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../port.js';
import { conditionHolds } from './wait-conditions.js';

const deploy = (o: {
  replicas: number;
  gen?: number;
  observed?: number;
  updated?: number;
  total?: number;
  available?: number;
  cond?: 'True' | 'False';
}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', generation: o.gen ?? 1 },
  spec: { replicas: o.replicas },
  status: {
    observedGeneration: o.observed ?? o.gen ?? 1,
    replicas: o.total ?? o.replicas,
    updatedReplicas: o.updated ?? o.replicas,
    availableReplicas: o.available ?? o.replicas,
    conditions: [{ type: 'Available', status: o.cond ?? 'True' }],
  },
});

describe('wait conditions', () => {
  it('Available needs the rollout finished, as kubectl rollout status checks it', () => {
    expect(conditionHolds('Available', [deploy({ replicas: 3 })])).toBe(true);
    expect(conditionHolds('Available', [deploy({ replicas: 3, gen: 2, observed: 1 })])).toBe(false); // controller has not seen the change
    expect(conditionHolds('Available', [deploy({ replicas: 3, updated: 2 })])).toBe(false); // not all updated
    expect(conditionHolds('Available', [deploy({ replicas: 3, total: 4 })])).toBe(false); // an old Pod still terminating
    expect(conditionHolds('Available', [deploy({ replicas: 3, available: 2 })])).toBe(false);
    expect(conditionHolds('Available', [deploy({ replicas: 3, cond: 'False' })])).toBe(false);
    expect(conditionHolds('Available', [])).toBe(false);
  });
  it('Ready needs every matched object Ready; Exists and Deleted count objects', () => {
    const pod = (ready: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      status: { conditions: [{ type: 'Ready', status: ready }] },
    });
    expect(conditionHolds('Ready', [pod('True'), pod('True')])).toBe(true);
    expect(conditionHolds('Ready', [pod('True'), pod('False')])).toBe(false);
    expect(conditionHolds('Ready', [])).toBe(false);
    expect(conditionHolds('Exists', [pod('False')])).toBe(true);
    expect(conditionHolds('Deleted', [])).toBe(true);
    expect(conditionHolds('Deleted', [pod('True')])).toBe(false);
  });
});
