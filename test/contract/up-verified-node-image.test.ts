// kindlab up after `kindlab bundle load` on an engine that lost the node image's digest (Docker's
// classic image store): the kind config it writes names the tag bundle load verified, only while
// that tag still names the recorded image ID; otherwise, and online, the pinned digest reference.
// Fake kind, kubectl and docker (test/contract/fakes); the real engine's side of this is
// in test/docker/images-bundle.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { planUp } from '../../src/cluster/kind/lifecycle.js';
import { NODE_IMAGE } from '../../src/cluster/kind/images.js';
import { recordVerifiedImage } from '../../src/cluster/kind/verified-images.js';
import { runQuietly as runTasks } from '../fakes/run-quietly.js';
import { fakeTools, upOptions, type FakeRule as Rule } from './fakes/harness.js';

const CTX = ['--context', 'kind-kindlab'];
const TAG = 'kindest/node:v1.33.4';
const ID = `sha256:${'ab'.repeat(32)}`;
const INSPECT = (ref: string) => ['docker', 'image', 'inspect', '--format', '{{.Id}}', ref];
const noSuchImage = (ref: string): Rule => ({
  tool: 'docker',
  argv: INSPECT(ref).slice(1),
  exitCode: 1,
  stderr: `Error response from daemon: No such image: ${ref}\n`,
});
const imageId = (ref: string, id: string): Rule => ({ tool: 'docker', argv: INSPECT(ref).slice(1), stdout: `${id}\n` });
const createOk: Rule[] = [
  { tool: 'kind', argv: ['get', 'clusters'], stdout: '', stderr: 'No kind clusters found.\n' },
  { tool: 'kubectl', argv: ['config', 'current-context'], stdout: 'work\n' },
  { tool: 'kubectl', argv: ['config', 'use-context', 'work'] },
  { tool: 'kind', argv: ['create', 'cluster', '...'] },
  { tool: 'kubectl', argv: [...CTX, 'wait', '...'] },
  { tool: 'kubectl', argv: [...CTX, '-n', 'kube-system', 'rollout', 'status', '...'] },
  { tool: 'kubectl', argv: [...CTX, '-n', 'kube-system', 'apply', '-f', '-'] },
];

async function up(rules: Rule[], recorded: boolean) {
  const fake = fakeTools([...rules, ...createOk]);
  const opts = upOptions(fake.env, fake.runner);
  if (recorded)
    await recordVerifiedImage(opts.cacheDir, NODE_IMAGE.ref, { tag: TAG, imageId: ID, bundle: '/media/usb/bundle', verifiedAt: '2026-11-25T00:00:00.000Z' });
  const plan = await planUp(opts);
  if (plan.action !== 'create') throw new Error(plan.action);
  await runTasks(plan.tasks);
  const configFile = join(opts.workDir, 'kind-config.kindnet.yaml');
  const config = parse(readFileSync(configFile, 'utf8')) as { nodes: Array<{ image: string }> };
  return { fake, plan, configFile, images: config.nodes.map((n) => n.image), title: plan.tasks[0]!.title };
}

describe('kindlab up: the node image in the generated kind config', () => {
  it('the pinned digest is not found but bundle load verified the tag, which still has the recorded image ID: the config names the tag, and the output says so', async () => {
    const { fake, configFile, images, title } = await up([noSuchImage(NODE_IMAGE.ref), imageId(TAG, ID)], true);
    expect(images).toEqual([TAG, TAG, TAG]);
    expect(fake.commands().slice(0, 3)).toEqual([['kind', 'get', 'clusters'], INSPECT(NODE_IMAGE.ref), INSPECT(TAG)]);
    expect(fake.commands()).toContainEqual(['kind', 'create', 'cluster', '--name', 'kindlab', '--config', configFile, '--wait', '0s']);
    for (const text of [title.ja, title.en]) {
      expect(text).toContain(TAG);
      expect(text).toContain(ID);
    }
    expect(title.en).toContain('verified by kindlab bundle load');
    expect(title.ja).toContain('bundle load');
    expect(readFileSync(configFile, 'utf8')).toContain(`stands for ${NODE_IMAGE.ref}`);
  });

  it('the tag names another image ID than the one recorded: the pinned reference stays (kind will pull), never the unverified image', async () => {
    const { images, title } = await up([noSuchImage(NODE_IMAGE.ref), imageId(TAG, `sha256:${'cd'.repeat(32)}`)], true);
    expect(images).toEqual([NODE_IMAGE.ref, NODE_IMAGE.ref, NODE_IMAGE.ref]);
    expect(title.en).not.toContain(TAG);
  });

  it('the tag is gone: the pinned reference stays', async () => {
    const { images } = await up([noSuchImage(NODE_IMAGE.ref), noSuchImage(TAG)], true);
    expect(images).toEqual([NODE_IMAGE.ref, NODE_IMAGE.ref, NODE_IMAGE.ref]);
  });

  it('Docker finds the pinned digest reference: it stays, and the tag is not even asked about', async () => {
    const { fake, images } = await up([imageId(NODE_IMAGE.ref, ID)], true);
    expect(images).toEqual([NODE_IMAGE.ref, NODE_IMAGE.ref, NODE_IMAGE.ref]);
    expect(fake.commands().filter((c) => c[0] === 'docker')).toEqual([INSPECT(NODE_IMAGE.ref)]);
  });

  it('no bundle was loaded (online): no docker command at all, the pinned reference as in kind-config.yaml', async () => {
    const { fake, images, title } = await up([], false);
    expect(images).toEqual([NODE_IMAGE.ref, NODE_IMAGE.ref, NODE_IMAGE.ref]);
    expect(fake.commands().filter((c) => c[0] === 'docker')).toEqual([]);
    expect(title).toEqual({ ja: 'kind 設定を生成（kindnet）', en: 'Write the kind config for kindnet' });
  });
});
