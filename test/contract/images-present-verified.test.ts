// kindlab ready after `bundle load` on an engine that dropped the node image's digest: the node image
// counts as present only through the tag bundle load verified, and only while that tag has the
// recorded image ID. Fake docker (test/contract/fakes); the real engine: test/docker/images-bundle.test.ts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imagesPresent } from '../../src/cluster/kind/images-present.js';
import { NODE_IMAGE } from '../../src/cluster/kind/images.js';
import { recordVerifiedImage } from '../../src/cluster/kind/verified-images.js';
import { fakeTools, type FakeRule } from './fakes/harness.js';

const TAG = 'kindest/node:v1.33.4';
const ID = `sha256:${'ab'.repeat(32)}`;
const noDigest: FakeRule = {
  tool: 'docker',
  argv: ['image', 'inspect', '--format', '{{.Id}}', NODE_IMAGE.ref],
  exitCode: 1,
  stderr: `Error response from daemon: No such image: ${NODE_IMAGE.ref}\n`,
};

async function presence(tagId: string | null, recorded: boolean) {
  const fake = fakeTools([
    noDigest,
    tagId
      ? { tool: 'docker', argv: ['image', 'inspect', '--format', '{{.Id}}', TAG], stdout: `${tagId}\n` }
      : { tool: 'docker', argv: ['image', 'inspect', '...'], exitCode: 1, stderr: 'No such image\n' },
  ]);
  const cacheDir = join(mkdtempSync(join(tmpdir(), 'kindlab-cache-')), 'cache');
  if (recorded) await recordVerifiedImage(cacheDir, NODE_IMAGE.ref, { tag: TAG, imageId: ID, bundle: '/b', verifiedAt: '2026-11-25T00:00:00.000Z' });
  const [result] = await imagesPresent([NODE_IMAGE], { env: fake.env, runner: fake.runner, cacheDir });
  return { result: result!, commands: fake.commands() };
}

describe('kindlab ready: the node image loaded from a bundle on an engine that dropped its digest', () => {
  it('the verified tag with the recorded image ID: present, and the detail names the tag and ID', async () => {
    const { result, commands } = await presence(ID, true);
    expect(result).toEqual({ ref: NODE_IMAGE.ref, present: true, detail: `${TAG} = ${ID}` });
    expect(commands).toEqual([
      ['docker', 'image', 'inspect', '--format', '{{.Id}}', NODE_IMAGE.ref],
      ['docker', 'image', 'inspect', '--format', '{{.Id}}', TAG],
    ]);
  });

  it("the tag now names another image: absent, in docker's words for the pinned reference", async () => {
    const { result } = await presence(`sha256:${'cd'.repeat(32)}`, true);
    expect(result.present).toBe(false);
    expect(result.detail).toContain('No such image');
  });

  it('no record from bundle load: absent, and the tag is not asked about', async () => {
    const { result, commands } = await presence(ID, false);
    expect(result.present).toBe(false);
    expect(commands).toHaveLength(1);
  });
});
