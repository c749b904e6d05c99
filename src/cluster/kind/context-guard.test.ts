import { describe, expect, it } from 'vitest';
import { WrongContext } from '../port.js';
import { assertWritableContext, kubectlTargetArgs } from './context-guard.js';

describe('context guard', () => {
  it('lets writes go to the lab’s own context', () => {
    expect(() => assertWritableContext({ clusterName: 'kindlab', context: 'kind-kindlab' })).not.toThrow();
  });
  it('refuses any other context unless the user named it', () => {
    expect(() => assertWritableContext({ clusterName: 'kindlab', context: 'prod' })).toThrow(WrongContext);
    expect(() => assertWritableContext({ clusterName: 'kindlab', context: 'kind-other' })).toThrow(/only writes to "kind-kindlab"/);
    expect(() => assertWritableContext({ clusterName: 'kindlab', context: 'prod', allowOtherContext: true })).not.toThrow();
  });
  it('pins kubectl to the context (and kubeconfig) explicitly', () => {
    expect(kubectlTargetArgs('kind-kindlab')).toEqual(['--context', 'kind-kindlab']);
    expect(kubectlTargetArgs('kind-kindlab', '/tmp/kc')).toEqual(['--kubeconfig', '/tmp/kc', '--context', 'kind-kindlab']);
  });
});
