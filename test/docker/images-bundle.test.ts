// `kindlab images pull`, the presence check, and the offline bundle (create: docker pull + docker
// save + sha256 in manifest.json; load: sha256 first, then docker load and the digest check) on the
// real Docker engine. No registry is reachable here, so the images come from a FAKE registry on
// 127.0.0.1 (test/docker/registry.ts) under names of the same shapes as the pinned ones: one pinned
// by tag and digest and never loaded into nodes (as the kind node image), one by tag (as netshoot).
// kind is not run: the cluster name is unique to this run, so `kind get clusters` (absent, or a
// real kind) never lists it and the bundle goes into Docker only; loading into nodes stays with the
// fake kind in test/contract/bundle.test.ts.
// On the classic image store (docker.io 20.10 here) the digest is lost on `docker load`; the bundle
// also saves the node image under its tag with its image ID in manifest.json, and the kind config
// `up` writes must name a reference the engine resolves to that ID, and never a swapped image.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { archiveName, type BundleManifest } from '../../src/cluster/kind/bundle-manifest.js';
import { planBundleCreate } from '../../src/cluster/kind/bundle-create.js';
import { planBundleLoad } from '../../src/cluster/kind/bundle-load.js';
import { imagesPresent } from '../../src/cluster/kind/images-present.js';
import { planImagesPull, type PinnedImage } from '../../src/cluster/kind/images.js';
import { SetupProblem } from '../../src/cluster/kind/problem.js';
import { profileFacts } from '../../src/cluster/kind/profiles/index.js';
import { parseKindConfig, summarizeKindConfig } from '../../src/cluster/kind/kind-config.js';
import { chooseNodeImages, readVerifiedImages, renderKindConfigWithNodeImages, tagFor } from '../../src/cluster/kind/verified-images.js';
import { runQuietly } from '../fakes/run-quietly.js';
import { BUSYBOX_IMAGE, describeDocker, rootfsTar, uniqueName } from './engine.js';
import { FakeRegistry } from './registry.js';

const sha256File = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const pinned = (ref: string, loadIntoNodes: boolean): PinnedImage => ({
  ref,
  loadIntoNodes,
  purpose: { ja: 'テスト', en: 'test' },
  source: 'test/docker/registry.ts (fake registry)',
});

describeDocker('images and the offline bundle on the real Docker engine', (docker) => {
  const registry = new FakeRegistry();
  const work = mkdtempSync(join(tmpdir(), 'kindlab-bundle-real-'));
  const clusterName = uniqueName('bundle');
  let node: PinnedImage;
  let tool: PinnedImage;
  let images: PinnedImage[];
  const opts = () => ({ clusterName, env: docker.env, timeoutMs: 60_000 });
  const removeAll = () => docker.run(['rmi', '-f', node.ref, tool.ref, tagFor(node.ref)]);
  const cache = join(work, 'cache');

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

  it("before pulling, both are reported absent with docker's own words", async () => {
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
  let nodeId = '';
  it('bundle create: docker save of each into the folder, and manifest.json holds the sha256 of every file', async () => {
    bundle = join(work, 'bundle');
    docker.flush();
    const tasks = planBundleCreate(bundle, {
      images,
      includeCalico: false,
      addonsDir: join(work, 'addons'),
      cacheDir: join(work, 'cache'),
      ...opts(),
      now: () => new Date('2026-11-25T00:00:00Z'),
    });
    await runQuietly(tasks);
    const files = images.map((i) => join(bundle, 'images', archiveName(i.ref)));
    // The digest-pinned one is also tagged and saved under its tag, and its image ID is recorded.
    const nodeTag = tagFor(node.ref);
    expect(nodeTag).toBe(node.ref.split('@')[0]);
    expect(docker.flush()).toEqual([
      ['docker', 'pull', node.ref],
      ['docker', 'image', 'inspect', '--format', '{{.Id}}', node.ref],
      ['docker', 'tag', node.ref, nodeTag],
      ['docker', 'save', '-o', files[0], node.ref, nodeTag],
      ['docker', 'pull', tool.ref],
      ['docker', 'save', '-o', files[1], tool.ref],
    ]);
    nodeId = (await docker.must(['image', 'inspect', '--format', '{{.Id}}', node.ref])).trim();
    docker.flush();
    expect(nodeId).toMatch(/^sha256:[0-9a-f]{64}$/);
    const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8')) as BundleManifest;
    expect(manifest.images.map((i) => [i.ref, i.file, i.loadIntoNodes, i.tag, i.imageId])).toEqual([
      [node.ref, join('images', archiveName(node.ref)), false, nodeTag, nodeId],
      [tool.ref, join('images', archiveName(tool.ref)), true, undefined, undefined],
    ]);
    for (const entry of manifest.images) expect(entry.sha256, entry.file).toBe(sha256File(join(bundle, entry.file)));
    // what docker save wrote is an image archive naming the image (docker's own manifest.json inside)
    for (const [n, file] of files.entries()) {
      expect(statSync(file).size).toBeGreaterThan(500_000); // busybox's layer is in it
      const inner = JSON.parse(execFileSync('tar', ['-xOf', file, 'manifest.json'], { encoding: 'utf8' })) as Array<{ RepoTags: string[] | null }>;
      expect(inner).toHaveLength(1);
      expect(inner[0]!.RepoTags).toEqual([n === 0 ? nodeTag : tool.ref]);
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

  it('bundle load on an engine without the images: docker load of each, then the node image is found by its digest or, where the engine loses the digest, by its tag with the recorded image ID', async () => {
    await removeAll();
    const plan = await planBundleLoad(bundle, { clusterName, cacheDir: cache, env: docker.env, timeoutMs: 60_000 });
    expect(plan.notes.map((n) => n.en).join(' ')).toContain(`Cluster ${clusterName} does not exist yet`);
    docker.flush();
    await runQuietly(plan.tasks);
    const calls = docker.flush();
    expect(calls.slice(0, 3)).toEqual([
      ...images.map((i) => ['docker', 'load', '-i', join(bundle, 'images', archiveName(i.ref))]),
      ['docker', 'image', 'inspect', '--format', '{{.Id}}', node.ref],
    ]);
    expect((await docker.run(['image', 'inspect', tool.ref])).exitCode).toBe(0);
    // Asked directly: does the engine find the node image by its digest after `docker load`? (Seen
    // with docker.io 20.10, classic image store: no. `docker save` of a tag@digest reference writes
    // no tag for it and `docker load` leaves no repository digest. The containerd store keeps it.)
    const byDigest = (await docker.run(['image', 'inspect', '--format', '{{.Id}}', node.ref])).exitCode === 0;
    const verified = await readVerifiedImages(cache);
    if (byDigest) {
      expect(calls).toHaveLength(3);
      expect(verified).toEqual({});
    } else {
      expect(calls.slice(3)).toEqual([['docker', 'image', 'inspect', '--format', '{{.Id}}', tagFor(node.ref)]]);
      expect(verified[node.ref]).toMatchObject({ tag: tagFor(node.ref), imageId: nodeId, bundle });
    }
    // `kindlab ready` (the attendee's check the day before) counts the node image as present either way.
    const found = await imagesPresent(images, { env: docker.env, cacheDir: cache });
    expect(found.map((f) => f.present)).toEqual([true, true]);
    if (!byDigest) expect(found[0]!.detail).toBe(`${tagFor(node.ref)} = ${nodeId}`);
    docker.flush();
  });

  it('the kind config `up` writes names a node image reference the engine resolves to the recorded image ID', async () => {
    const base = parseKindConfig(
      `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: ${node.ref}\n  - role: worker\n    image: ${node.ref}\n`,
    );
    const choices = await chooseNodeImages(summarizeKindConfig(base).nodeImages, { cacheDir: cache, env: docker.env });
    const written = parse(renderKindConfigWithNodeImages(base, choices, profileFacts('kindnet').networking, 'kindnet')) as { nodes: Array<{ image: string }> };
    const refs = [...new Set(written.nodes.map((n) => n.image))];
    expect(refs).toHaveLength(1);
    // what kind does with it: `docker inspect --type=image REF`, pulling only if that fails (kind v0.30.0 images.go)
    const found = await docker.run(['inspect', '--type=image', '--format', '{{.Id}}', refs[0]!]);
    expect(found.exitCode, found.stderr).toBe(0);
    expect(found.stdout.trim()).toBe(nodeId);
    const byDigest = (await docker.run(['image', 'inspect', node.ref])).exitCode === 0;
    expect(refs[0]).toBe(byDigest ? node.ref : tagFor(node.ref));
    docker.flush();
  });

  it('a bundle whose node image was swapped (same tag, another image ID, sha256 rewritten to match) is refused, and up keeps the pinned reference', async () => {
    const swapped = join(work, 'swapped');
    cpSync(bundle, swapped, { recursive: true });
    const file = join(swapped, 'images', archiveName(node.ref));
    await docker.must(['tag', tool.ref, tagFor(node.ref)]);
    await docker.must(['save', '-o', file, tagFor(node.ref)], 60_000);
    const otherId = (await docker.must(['image', 'inspect', '--format', '{{.Id}}', tagFor(node.ref)])).trim();
    expect(otherId).not.toBe(nodeId);
    const manifest = JSON.parse(readFileSync(join(swapped, 'manifest.json'), 'utf8')) as BundleManifest;
    manifest.images[0]!.sha256 = sha256File(file);
    writeFileSync(join(swapped, 'manifest.json'), JSON.stringify(manifest));
    await removeAll();
    docker.flush();
    const swappedCache = join(work, 'cache-swapped');
    const plan = await planBundleLoad(swapped, { clusterName, cacheDir: swappedCache, env: docker.env, timeoutMs: 60_000 });
    const err = (await runQuietly(plan.tasks).catch((e: unknown) => e)) as SetupProblem;
    docker.flush();
    const byDigest = (await docker.run(['image', 'inspect', node.ref])).exitCode === 0;
    expect(byDigest).toBe(false); // the swapped archive does not hold the pinned image, on any store
    expect(err).toBeInstanceOf(SetupProblem);
    expect(err.code).toBe('digest-lost');
    expect(err.observed).toContain(otherId);
    expect(err.expected).toContain(nodeId);
    expect(existsSync(join(swappedCache, 'verified-node-images.json'))).toBe(false);
    // Even with the earlier, genuine record in the cache, the tag now names another ID: not used.
    const choices = await chooseNodeImages([node.ref], { cacheDir: cache, env: docker.env });
    expect(choices).toEqual([{ pinned: node.ref, use: node.ref }]);
    docker.flush();
  });
});
