// Offline bundle: create with fake docker save, load with checksum verification first.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, appendFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archiveName, type BundleManifest } from '../../src/cluster/kind/bundle-manifest.js';
import { planBundleCreate } from '../../src/cluster/kind/bundle-create.js';
import { planBundleLoad } from '../../src/cluster/kind/bundle-load.js';
import { LESSON_IMAGES, NODE_IMAGE } from '../../src/cluster/kind/images.js';
import { runQuietly as runTasks } from '../fakes/run-quietly.js';
import { SetupProblem } from '../../src/cluster/kind/problem.js';
import { CALICO_FIXTURE, calicoAddonsDir, fakeTools, type FakeRule } from './fakes/harness.js';

const fixture = CALICO_FIXTURE;
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

const saveRule: FakeRule = { tool: 'docker', argv: ['save', '-o', '...'], writeToFlag: '-o' };
const pullRule: FakeRule = { tool: 'docker', argv: ['pull', '*'] };
const NODE_ID = `sha256:${'ab'.repeat(32)}`;
const NODE_TAG = 'kindest/node:v1.33.4';
const inspectRule: FakeRule = { tool: 'docker', argv: ['image', 'inspect', '--format', '{{.Id}}', NODE_IMAGE.ref], stdout: `${NODE_ID}\n` };
const tagRule: FakeRule = { tool: 'docker', argv: ['tag', NODE_IMAGE.ref, NODE_TAG] };
const images = [NODE_IMAGE, ...LESSON_IMAGES];

async function makeBundle() {
  const fake = fakeTools([pullRule, saveRule, inspectRule, tagRule]);
  const dir = join(mkdtempSync(join(tmpdir(), 'kindlab-bundle-')), 'bundle');
  const tasks = planBundleCreate(dir, {
    images,
    includeCalico: true,
    addonsDir: calicoAddonsDir(true),
    cacheDir: join(dir, '..', 'cache'),
    allowDownload: false,
    env: fake.env,
    runner: fake.runner,
    now: () => new Date('2026-01-02T03:04:05Z'),
  });
  await runTasks(tasks);
  return { dir, fake, tasks };
}

describe('kindlab bundle create', () => {
  it('saves every image with docker save, copies the Calico manifest, and lists the sha256 of every file', async () => {
    const { dir, fake, tasks } = await makeBundle();
    // A fresh instructor machine has no images yet: each is pulled, then saved; the digest-pinned
    // node image is also tagged and saved under its tag, with its image ID recorded.
    const saves = images.map((i, n) => ['docker', 'save', '-o', join(dir, 'images', archiveName(i.ref)), i.ref, ...(n === 0 ? [NODE_TAG] : [])]);
    expect(fake.commands()).toEqual([
      ['docker', 'pull', NODE_IMAGE.ref],
      ['docker', 'image', 'inspect', '--format', '{{.Id}}', NODE_IMAGE.ref],
      ['docker', 'tag', NODE_IMAGE.ref, NODE_TAG],
      saves[0],
      ...LESSON_IMAGES.flatMap((i, n) => [['docker', 'pull', i.ref], saves[n + 1]]),
    ]);
    expect(fake.timeouts.filter((t) => t.argv[1] === 'pull' || t.argv[1] === 'save').every((t) => t.timeoutMs === 600_000)).toBe(true);
    expect(tasks.filter((t) => t.shown).map((t) => t.shown)).toEqual(saves);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BundleManifest;
    expect(manifest.format).toBe('kindlab-bundle/v1');
    expect(manifest.createdAt).toBe('2026-01-02T03:04:05.000Z');
    expect(manifest.images.map((i) => [i.tag, i.imageId])).toEqual([
      [NODE_TAG, NODE_ID],
      [undefined, undefined],
      [undefined, undefined],
    ]);
    expect(manifest.images.map((i) => i.file)).toEqual([
      'images/kindest_node_v1.33.4.tar',
      'images/nicolaka_netshoot_v0.14.tar',
      'images/registry.k8s.io_e2e-test-images_agnhost_2.53.tar',
    ]);
    for (const entry of [...manifest.images, ...manifest.addons]) expect(entry.sha256).toBe(sha(readFileSync(join(dir, entry.file))));
    expect(manifest.addons).toEqual([{ name: 'calico', version: 'v0.0.0-test', file: 'addons/calico/calico-test.yaml', sha256: sha(readFileSync(fixture)) }]);
  });

  it('refuses to bundle a Calico manifest whose checksum is not recorded', async () => {
    const addons = calicoAddonsDir(true);
    const pins = JSON.parse(readFileSync(join(addons, 'checksums.json'), 'utf8'));
    pins.addons.calico.sha256 = null;
    writeFileSync(join(addons, 'checksums.json'), JSON.stringify(pins));
    const fake = fakeTools([pullRule, saveRule, inspectRule, tagRule]);
    const dir = join(mkdtempSync(join(tmpdir(), 'kindlab-bundle-')), 'b');
    const err = (await runTasks(
      planBundleCreate(dir, { images: [], includeCalico: true, addonsDir: addons, cacheDir: join(dir, 'c'), env: fake.env, runner: fake.runner }),
    ).catch((e: unknown) => e)) as SetupProblem;
    expect(err.code).toBe('calico-not-pinned');
    expect(existsSync(join(dir, 'manifest.json'))).toBe(false);
  });
});

describe('kindlab bundle load', () => {
  it('verifies checksums, then docker load each archive, caches the manifest, and loads images into an existing cluster', async () => {
    const { dir } = await makeBundle();
    const fake = fakeTools([
      { tool: 'kind', argv: ['get', 'clusters'], stdout: 'kindlab\n' },
      { tool: 'docker', argv: ['load', '-i', '*'], stdout: 'Loaded image: x\n' },
      { tool: 'docker', argv: ['image', 'inspect', '--format', '{{.Id}}', NODE_IMAGE.ref], stdout: 'sha256:0123\n' },
      { tool: 'kind', argv: ['load', 'docker-image', '...'] },
    ]);
    const cacheDir = join(dir, '..', 'attendee-cache');
    const plan = await planBundleLoad(dir, { clusterName: 'kindlab', cacheDir, env: fake.env, runner: fake.runner });
    expect(plan.notes).toEqual([]);
    await runTasks(plan.tasks);
    expect(fake.commands()).toEqual([
      ['kind', 'get', 'clusters'],
      ...images.map((i) => ['docker', 'load', '-i', join(dir, 'images', archiveName(i.ref))]),
      ['docker', 'image', 'inspect', '--format', '{{.Id}}', NODE_IMAGE.ref],
      ['kind', 'load', 'docker-image', '--name', 'kindlab', ...LESSON_IMAGES.map((i) => i.ref)],
    ]);
    expect(readFileSync(join(cacheDir, 'calico', 'calico-test.yaml'), 'utf8')).toBe(readFileSync(fixture, 'utf8'));
  });

  it('a damaged archive is refused before anything is loaded, naming the file', async () => {
    const { dir } = await makeBundle();
    appendFileSync(join(dir, 'images', 'nicolaka_netshoot_v0.14.tar'), 'garbage');
    const fake = fakeTools([
      { tool: 'kind', argv: ['get', 'clusters'], stdout: '' },
      { tool: 'docker', argv: ['load', '-i', '*'] },
    ]);
    const plan = await planBundleLoad(dir, { clusterName: 'kindlab', cacheDir: join(dir, '..', 'c'), env: fake.env, runner: fake.runner });
    const err = (await runTasks(plan.tasks).catch((e: unknown) => e)) as SetupProblem;
    expect(err).toBeInstanceOf(SetupProblem);
    expect(err.code).toBe('bundle-checksum');
    expect(err.observed).toContain('images/nicolaka_netshoot_v0.14.tar');
    expect(err.what.ja).toContain('何も読み込んでいません');
    expect(fake.commands()).toEqual([['kind', 'get', 'clusters']]);
  });

  it('a missing file is refused too', async () => {
    const { dir } = await makeBundle();
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BundleManifest;
    manifest.images.push({ ref: 'extra:1', file: 'images/extra_1.tar', sha256: 'a'.repeat(64), loadIntoNodes: true });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const fake = fakeTools([{ tool: 'kind', argv: ['get', 'clusters'], stdout: '' }]);
    const plan = await planBundleLoad(dir, { clusterName: 'kindlab', cacheDir: join(dir, '..', 'c'), env: fake.env, runner: fake.runner });
    const err = (await runTasks(plan.tasks).catch((e: unknown) => e)) as SetupProblem;
    expect(err.observed).toContain('images/extra_1.tar (missing)');
  });

  it('with no cluster yet, loads into Docker only and says how to load into nodes later', async () => {
    const { dir } = await makeBundle();
    const fake = fakeTools([
      { tool: 'kind', argv: ['get', 'clusters'], stdout: '', stderr: 'No kind clusters found.\n' },
      { tool: 'docker', argv: ['load', '-i', '*'] },
      { tool: 'docker', argv: ['image', 'inspect', '...'], stdout: 'sha256:0123\n' },
    ]);
    const plan = await planBundleLoad(dir, { clusterName: 'kindlab', cacheDir: join(dir, '..', 'c'), env: fake.env, runner: fake.runner });
    expect(plan.notes[0]?.en).toContain('kindlab images load');
    expect(plan.notes[0]?.ja).toContain('kindlab images load');
    await runTasks(plan.tasks);
    expect(fake.commands().some((c) => c[0] === 'kind' && c[1] === 'load')).toBe(false);
  });

  it('a node image that Docker no longer finds by digest nor by its tag after loading is reported before the workshop, with the Linux engine option', async () => {
    const { dir } = await makeBundle();
    const fake = fakeTools([
      { tool: 'kind', argv: ['get', 'clusters'], stdout: '' },
      { tool: 'docker', argv: ['load', '-i', '*'] },
      { tool: 'docker', argv: ['image', 'inspect', '...'], exitCode: 1, stderr: `Error response from daemon: No such image: ${NODE_IMAGE.ref}\n` },
    ]);
    const cacheDir = join(dir, '..', 'c');
    const plan = await planBundleLoad(dir, { clusterName: 'kindlab', cacheDir, env: fake.env, runner: fake.runner });
    const err = (await runTasks(plan.tasks).catch((e: unknown) => e)) as SetupProblem;
    expect(err.code).toBe('digest-lost');
    expect(err.observed).toContain('No such image');
    expect(fake.commands().slice(-1)).toEqual([['docker', 'image', 'inspect', '--format', '{{.Id}}', NODE_TAG]]);
    for (const fix of [err.fix.en, err.fix.ja]) {
      expect(fix).toContain('containerd');
      expect(fix).toContain('/etc/docker/daemon.json');
      expect(fix).toContain('{"features":{"containerd-snapshotter":true}}');
    }
    expect(existsSync(join(cacheDir, 'verified-node-images.json'))).toBe(false);
  });

  it('digest lost but the tag names the recorded image ID: verified, and recorded in the cache for up', async () => {
    const { dir } = await makeBundle();
    const fake = fakeTools([
      { tool: 'kind', argv: ['get', 'clusters'], stdout: '' },
      { tool: 'docker', argv: ['load', '-i', '*'] },
      { tool: 'docker', argv: ['image', 'inspect', '--format', '{{.Id}}', NODE_TAG], stdout: `${NODE_ID}\n` },
      { tool: 'docker', argv: ['image', 'inspect', '...'], exitCode: 1, stderr: `Error response from daemon: No such image: ${NODE_IMAGE.ref}\n` },
    ]);
    const cacheDir = join(dir, '..', 'c');
    const plan = await planBundleLoad(dir, {
      clusterName: 'kindlab',
      cacheDir,
      env: fake.env,
      runner: fake.runner,
      now: () => new Date('2026-01-03T00:00:00Z'),
    });
    await runTasks(plan.tasks);
    const recorded = JSON.parse(readFileSync(join(cacheDir, 'verified-node-images.json'), 'utf8'));
    expect(recorded.images).toEqual({ [NODE_IMAGE.ref]: { tag: NODE_TAG, imageId: NODE_ID, bundle: dir, verifiedAt: '2026-01-03T00:00:00.000Z' } });
  });

  it('digest lost and the tag names another image ID: refused, nothing recorded', async () => {
    const { dir } = await makeBundle();
    const other = `sha256:${'cd'.repeat(32)}`;
    const fake = fakeTools([
      { tool: 'kind', argv: ['get', 'clusters'], stdout: '' },
      { tool: 'docker', argv: ['load', '-i', '*'] },
      { tool: 'docker', argv: ['image', 'inspect', '--format', '{{.Id}}', NODE_TAG], stdout: `${other}\n` },
      { tool: 'docker', argv: ['image', 'inspect', '...'], exitCode: 1, stderr: `Error response from daemon: No such image: ${NODE_IMAGE.ref}\n` },
    ]);
    const cacheDir = join(dir, '..', 'c');
    const plan = await planBundleLoad(dir, { clusterName: 'kindlab', cacheDir, env: fake.env, runner: fake.runner });
    const err = (await runTasks(plan.tasks).catch((e: unknown) => e)) as SetupProblem;
    expect(err.code).toBe('digest-lost');
    expect(err.observed).toContain(other);
    expect(err.expected).toContain(NODE_ID);
    expect(err.fix.en).toContain('another image');
    expect(existsSync(join(cacheDir, 'verified-node-images.json'))).toBe(false);
  });

  it('a folder that is not a bundle is explained', async () => {
    const err = (await planBundleLoad(mkdtempSync(join(tmpdir(), 'nb-')), { clusterName: 'kindlab', cacheDir: '/tmp/x' }).catch(
      (e: unknown) => e,
    )) as SetupProblem;
    expect(err.code).toBe('bundle-missing');
  });
});

describe('what a bundle holds', () => {
  it('leaves Calico out, with a note, while its manifest is not pinned; keeps it once pinned', async () => {
    const { bundleContents } = await import('../../src/cluster/kind/bundle-create.js');
    const { ALL_IMAGES } = await import('../../src/cluster/kind/images.js');
    const unpinned = calicoAddonsDir(true);
    const pins = JSON.parse(readFileSync(join(unpinned, 'checksums.json'), 'utf8'));
    pins.addons.calico.sha256 = null;
    writeFileSync(join(unpinned, 'checksums.json'), JSON.stringify(pins));
    const without = await bundleContents(ALL_IMAGES, { addonsDir: unpinned, wantCalico: true });
    expect(without.includeCalico).toBe(false);
    expect(without.images.some((i) => i.ref.includes('calico'))).toBe(false);
    expect(without.notes[0]?.en).toContain('Calico v0.0.0-test is left out');
    const withCalico = await bundleContents(ALL_IMAGES, { addonsDir: calicoAddonsDir(true), wantCalico: true });
    expect(withCalico).toMatchObject({ includeCalico: true, notes: [] });
    expect(withCalico.images.some((i) => i.ref.includes('calico'))).toBe(true);
  });
});
