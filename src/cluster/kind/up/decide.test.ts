import { describe, expect, it } from 'vitest';
import { noCluster } from '../../../../test/fakes/up-steps.js';
import type { ClusterState } from '../inspect-cluster.js';
import { decideUp } from './decide.js';

const want = { clusterName: 'kindlab', profile: 'kindnet' };
const healthy: ClusterState = { ...noCluster, exists: true, reachable: true, profile: 'kindnet', healthy: true };
const halfMade: ClusterState = { ...healthy, profile: null, healthy: false, problems: [{ ja: 'ノード未準備', en: 'Nodes not Ready: kindlab-worker' }] };

describe('decideUp', () => {
  it('no cluster: create it, no question asked', () => {
    expect(decideUp(noCluster, want)).toEqual({ action: 'create' });
    expect(decideUp(noCluster, { ...want, consent: 'recreate' })).toEqual({ action: 'create' });
  });

  it('a healthy cluster of the same profile is reused', () => {
    const decision = decideUp(healthy, want);
    expect(decision.action).toBe('reuse');
    expect(decision.action === 'reuse' && decision.message.en).toBe('Cluster kindlab (kindnet) is up and healthy; reusing it.');
  });

  it('a half-made cluster asks repair or recreate, with the problems found, and goes on only with an answer', () => {
    const asked = decideUp(halfMade, want);
    expect(asked).toEqual({
      action: 'ask',
      choices: ['repair', 'recreate'],
      problem: {
        ja: 'クラスタ kindlab は途中までしかできていません。 ノード未準備',
        en: 'Cluster kindlab is only partly set up. Nodes not Ready: kindlab-worker',
      },
    });
    expect(decideUp(halfMade, { ...want, consent: 'repair' })).toEqual({ action: 'repair' });
    expect(decideUp(halfMade, { ...want, consent: 'recreate' })).toEqual({ action: 'recreate' });
  });

  it('a cluster made with another profile can only be recreated: repair is not an answer', () => {
    const other = { ...healthy, profile: 'calico-ipip' };
    const asked = decideUp(other, { ...want, consent: 'repair' });
    expect(asked.action).toBe('ask');
    expect(asked.action === 'ask' && asked.choices).toEqual(['recreate']);
    expect(asked.action === 'ask' && asked.problem.en).toContain('made with calico-ipip, not kindnet');
    expect(decideUp(other, { ...want, consent: 'recreate' })).toEqual({ action: 'recreate' });
  });
});
