// cloud-provider-kind is pinned by digest too and started with `docker run` (not by kind). After
// `bundle load` on an engine that dropped the digest (Docker's classic image store), it is started
// from the tag bundle load verified, only while that tag has the recorded image ID. Fake docker.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cloudProviderProxyImages, cloudProviderRunArgv, ensureCloudProviderContainer } from '../../src/cluster/kind/addons/cloud-provider-kind.js';
import { CLOUD_PROVIDER_KIND_IMAGE } from '../../src/cluster/kind/images.js';
import { recordVerifiedImage, tagFor } from '../../src/cluster/kind/verified-images.js';
import { fakeTools, type FakeRule } from './fakes/harness.js';

const REF = CLOUD_PROVIDER_KIND_IMAGE.ref;
const TAG = tagFor(REF);
const ID = `sha256:${'ab'.repeat(32)}`;
const inspect = (ref: string, id: string | null): FakeRule =>
  id
    ? { tool: 'docker', argv: ['image', 'inspect', '--format', '{{.Id}}', ref], stdout: `${id}\n` }
    : { tool: 'docker', argv: ['image', 'inspect', '--format', '{{.Id}}', ref], exitCode: 1, stderr: `Error response from daemon: No such image: ${ref}\n` };
const absent: FakeRule = { tool: 'docker', argv: ['container', 'inspect', '...'], exitCode: 1, stderr: 'Error: No such container: kindlab-cloud-provider\n' };
const run: FakeRule = { tool: 'docker', argv: ['run', '-d', '...'], stdout: 'c0ffee\n' };

async function start(rules: FakeRule[], recorded: boolean) {
  const fake = fakeTools([absent, ...rules, run]);
  const home = mkdtempSync(join(tmpdir(), 'kindlab-home-'));
  if (recorded) await recordVerifiedImage(join(home, 'cache'), REF, { tag: TAG, imageId: ID, bundle: '/b', verifiedAt: '2026-11-25T00:00:00.000Z' });
  const action = await ensureCloudProviderContainer({ env: { ...fake.env, KINDLAB_HOME: home }, runner: fake.runner }, { timeoutMs: 30_000 });
  return { action, commands: fake.commands() };
}

describe('cloud-provider-kind from a bundle on an engine that dropped the digest', () => {
  it('the verified tag has the recorded image ID: docker run of the tag', async () => {
    expect(TAG).toBe(REF.split('@')[0]);
    const { action, commands } = await start([inspect(REF, null), inspect(TAG, ID)], true);
    expect(action).toBe('created');
    expect(commands.at(-1)).toEqual(cloudProviderRunArgv(TAG));
  });

  it('the tag names another image ID: docker run of the pinned reference (Docker pulls it by digest, or fails offline)', async () => {
    const { commands } = await start([inspect(REF, null), inspect(TAG, `sha256:${'cd'.repeat(32)}`)], true);
    expect(commands.at(-1)).toEqual(cloudProviderRunArgv(REF));
  });

  it('no bundle record (online): no image inspect at all, docker run of the pinned reference as before', async () => {
    const { commands } = await start([], false);
    expect(commands).toEqual([commands[0], cloudProviderRunArgv(REF)]);
    expect(commands[0]!.slice(0, 3)).toEqual(['docker', 'container', 'inspect']);
  });

  it('kindlab ready asks the provider for its proxy image through the verified tag too', async () => {
    const proxy = 'docker.io/envoyproxy/envoy:v1.33.2';
    const fake = fakeTools([inspect(REF, null), inspect(TAG, ID), { tool: 'docker', argv: ['run', '--rm', TAG, 'list-images'], stdout: `${proxy}\n` }]);
    const home = mkdtempSync(join(tmpdir(), 'kindlab-home-'));
    await recordVerifiedImage(join(home, 'cache'), REF, { tag: TAG, imageId: ID, bundle: '/b', verifiedAt: '2026-11-25T00:00:00.000Z' });
    expect(await cloudProviderProxyImages({ env: { ...fake.env, KINDLAB_HOME: home }, runner: fake.runner }, { timeoutMs: 30_000 })).toEqual([proxy]);
    expect(fake.commands().at(-1)).toEqual(['docker', 'run', '--rm', TAG, 'list-images']);
  });
});
