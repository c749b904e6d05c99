// `kindlab images pull`, the presence check, and the offline bundle (create: docker pull + docker
// save + sha256 in manifest.json; load: sha256 first, then docker load and the digest check) on the
// real Docker engine. No registry is reachable here, so the images come from a FAKE registry on
// 127.0.0.1 (test/docker/registry.ts) under names of the same shapes as the pinned ones: one pinned
// by tag and digest and never loaded into nodes (as the kind node image), one by tag (as netshoot).
// kind is not run: the cluster name is unique to this run, so `kind get clusters` (absent, or a
// real kind) never lists it and the bundle goes into Docker only; loading into nodes stays with the
// fake kind in test/contract/bundle.test.ts.
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, truncateSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { archiveName, planBundleCreate, planBundleLoad, type BundleManifest } from '../../src/cluster/kind/bundle.js';
import { imagesPresent } from '../../src/cluster/kind/images-present.js';
import { planImagesPull, type PinnedImage } from '../../src/cluster/kind/images.js';
import { SetupProblem } from '../../src/cluster/kind/problem.js';
import { runQuietly } from '../fakes/run-quietly.js';
import { BUSYBOX_IMAGE, describeDocker, rootfsTar, uniqueName } from './engine.js';
import { FakeRegistry } from './registry.js';

const sha256File = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const pinned = (ref: string, loadIntoNodes: boolean): PinnedImage => ({ ref, loadIntoNodes, purpose: { ja: 'テスト', en: 'test' }, source: 'test/docker/registry.ts (fake registry)' });

describeDocker('images and the offline bundle on the real Docker engine', (docker) => {
  const registry = new FakeRegistry();
  const work = mkdtempSync(join(tmpdir(), 'kindlab-bundle-real-'));
  const clusterName = uniqueName('bundle');
  let node: PinnedImage;
  let tool: PinnedImage;
  let images: PinnedImage[];
  const opts = () => ({ clusterName, env: docker.env, timeoutMs: 60_000 });
  const removeAll = () => docker.run(['rmi', '-f', node.ref, tool.ref]);

  beforeAll(async () => {
    await registry.start();
    const tar = rootfsTar(BUSYBOX_IMAGE, work);
    const n = registry.add('kindlab-test/node', 'v1.33.4', tar, ['/bin/sleep', '3600']);
    const t = registry.add('kindlab-test/netshoot', 'v0.14', tar, ['/bin/sh']);
    node = pinned(`${n.name}:${n.tag}@${n.digest}`, false);
    tool = pinned(`${t.name}:${t.tag}`, true);
    images = [node, tool];
    await removeAll();
  }, 60_000);
  afterAll(async () => {
    await removeAll();
    await registry.stop();
  });

  it('before pulling, both are reported absent with docker\'s own words', async () => {
    const found = await imagesPresent(images, { env: docker.env });
    expect(found.map((f) => f.present)).toEqual([false, false]);
    for (const f of found) expect(f.detail).toMatch(/No such image/i);
  });

  it('kindlab images pull: docker pull each; then both are present, the pinned one found by its digest', async () => {
    docker.flush();
    await runQuietly(planImagesPull(images, opts()));
    expect(docker.flush()).toEqual(images.map((i) => ['docker', 'pull', i.ref]));
    expect((await imagesPresent(images, { env: docker.env })).map((f) => f.present)).toEqual([true, true]);
    const repoDigests = await docker.must(['image', 'inspect', '--format', '{{json .RepoDigests}}', node.ref]);
    expect(repoDigests).toContain(node.ref.split('@')[1]);
  });

  let bundle = '';
  it('bundle create: docker save of each into the folder, and manifest.json holds the sha256 of every file', async () => {
    bundle = join(work, 'bundle');
    docker.flush();
    const tasks = planBundleCreate(bundle, { images, includeCalico: false, addonsDir: join(work, 'addons'), cacheDir: join(work, 'cache'), ...opts(), now: () => new Date('2026-11-25T00:00:00Z') });
    await runQuietly(tasks);
    const files = images.map((i) => join(bundle, 'images', archiveName(i.ref)));
    expect(docker.flush()).toEqual(images.flatMap((i, n) => [['docker', 'pull', i.ref], ['docker', 'save', '-o', files[n], i.ref]]));
    const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8')) as BundleManifest;
    expect(manifest.images.map((i) => [i.ref, i.file, i.loadIntoNodes])).toEqual([
      [node.ref, join('images', archiveName(node.ref)), false],
      [tool.ref, join('images', archiveName(tool.ref)), true],
    ]);
    for (const entry of manifest.images) expect(entry.sha256, entry.file).toBe(sha256File(join(bundle, entry.file)));
    // what docker save wrote is an image archive naming the image (docker's own manifest.json inside)
    for (const [n, file] of files.entries()) {
      expect(statSync(file).size).toBeGreaterThan(500_000); // busybox's layer is in it
      const inner = JSON.parse(execFileSync('tar', ['-xOf', file, 'manifest.json'], { encoding: 'utf8' })) as Array<{ RepoTags: string[] | null }>;
      expect(inner).toHaveLength(1);
      if (n === 1) expect(inner[0]!.RepoTags).toEqual([tool.ref]);
    }
  });

  it('bundle load refuses a damaged archive before loading anything, naming the file', async () => {
    const damaged = join(work, 'damaged');
    cpSync(bundle, damaged, { recursive: true });
    const file = join(damaged, 'images', archiveName(tool.ref));
    truncateSync(file, statSync(file).size - 1000);
    docker.flush();
    const plan = await planBundleLoad(damaged, { clusterName, cacheDir: join(work, 'cache'), env: docker.env, timeoutMs: 60_000 });
    const err = (await runQuietly(plan.tasks).catch((e: unknown) => e)) as SetupProblem;
    expect(err).toBeInstanceOf(SetupProblem);
    expect(err.code).toBe('bundle-checksum');
    expect(err.observed).toContain(archiveName(tool.ref));
    expect(err.observed).not.toContain(archiveName(node.ref));
    expect(docker.flush()).toEqual([]); // no docker load ran
  });

  it('bundle load on an engine without the images: docker load of each; the tag is back, and the digest check says what the engine keeps', async () => {
    await removeAll();
    const plan = await planBundleLoad(bundle, { clusterName, cacheDir: join(work, 'cache'), env: docker.env, timeoutMs: 60_000 });
    expect(plan.notes.map((n) => n.en).join(' ')).toContain(`Cluster ${clusterName} does not exist yet`);
    docker.flush();
    const outcome = await runQuietly(plan.tasks).then(() => undefined, (e: unknown) => e);
    const calls = docker.flush();
    expect(calls.slice(0, 2)).toEqual(images.map((i) => ['docker', 'load', '-i', join(bundle, 'images', archiveName(i.ref))]));
    expect(calls[2]).toEqual(['docker', 'image', 'inspect', '--format', '{{.Id}}', node.ref]);
    expect((await docker.run(['image', 'inspect', tool.ref])).exitCode).toBe(0);
    // The product's digest check must agree with the engine: asked directly, does it find the
    // node image by its digest after `docker load`? (Seen with docker.io 20.10, classic image
    // store: an image pulled by tag@digest has no tag, `docker save` writes "RepoTags": null, and
    // `docker load` leaves an untagged image with no repository digest, so the check must fail,
    // and does, with digest-lost. Docker's containerd image store keeps the digest.)
    const byDigest = (await docker.run(['image', 'inspect', '--format', '{{.Id}}', node.ref])).exitCode === 0;
    if (byDigest) {
      expect(outcome).toBeUndefined();
    } else {
      expect(outcome).toBeInstanceOf(SetupProblem);
      expect((outcome as SetupProblem).code).toBe('digest-lost');
      expect((outcome as SetupProblem).fix.en).toContain('containerd image store');
    }
  });
});
