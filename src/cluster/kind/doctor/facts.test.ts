import { describe, expect, it } from 'vitest';
import { fakeTools } from '../../../../test/contract/fakes/harness.js';
import { gatherDoctorFacts } from './facts.js';

// Every side effect of gathering comes in through its options: fake docker/kind/kubectl on PATH, fixture files, fixture paths.
describe('doctor facts: gathering', () => {
  it("paths that exist are asked of the injected `exists` for ipip too, not of this machine's /sys", async () => {
    const fake = fakeTools([]);
    const facts = await gatherDoctorFacts({
      profile: 'calico-ipip',
      ports: [],
      env: fake.env,
      platform: 'linux',
      readText: async () => null,
      exists: async (p) => p === '/sys/module/ipip',
      kernelRelease: '6.8.0',
    });
    expect(facts.ipip).toEqual({ loaded: true, evidence: { ja: '/sys/module/ipip があります (組み込み)', en: '/sys/module/ipip exists (built in)' } });
  });

  it('unreadable /proc files leave memory and inotify limits not known (null), never zero', async () => {
    const fake = fakeTools([]);
    const nothing = { readText: async () => null, exists: async () => false };
    const facts = await gatherDoctorFacts({ profile: 'kindnet', ports: [], env: fake.env, platform: 'linux', ...nothing });
    expect(facts.hostMemory.availableBytes).toBeNull();
    expect(facts.inotify).toEqual({ maxUserWatches: null, maxUserInstances: null });
  });

  it('a kind that answers without a version is found, version unknown; kubectl printing no JSON likewise', async () => {
    const fake = fakeTools([
      { tool: 'kind', argv: ['version'], stdout: 'kind (devel)\n' },
      { tool: 'kubectl', argv: ['version', '--client', '-o', 'json'], stdout: 'not json\n' },
    ]);
    const facts = await gatherDoctorFacts({ profile: 'kindnet', ports: [], env: fake.env, platform: 'darwin', arch: 'arm64' });
    expect(facts.kind).toEqual({ found: true, version: undefined });
    expect(facts.kubectl).toEqual({ found: true, version: undefined });
    expect(facts.arch).toBe('arm64');
  });
});
