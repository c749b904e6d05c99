// The cloud-provider-kind add-on against a fake docker on PATH (test/contract/fakes) and an
// in-memory cluster: the exact docker commands a user would see, what happens when it is already
// there, stopped, or another image, how failures read, and the offline bundle's proxy image.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADDONS, CLOUD_PROVIDER_CONTAINER, addonInfo } from '../../src/lessons/addons.js';
import {
  PROVIDER_READY,
  cloudProviderRemoveArgv,
  cloudProviderRunArgv,
  ensureCloudProviderContainer,
  installCloudProviderKind,
  parseImageList,
} from '../../src/cluster/kind/addons/cloud-provider-kind.js';
import { ADDON_INSTALLERS, ensureAddon } from '../../src/cluster/kind/addons/index.js';
import { archiveName, type BundleManifest } from '../../src/cluster/kind/bundle-manifest.js';
import { planBundleCreate } from '../../src/cluster/kind/bundle-create.js';
import { ALL_IMAGES, CLOUD_PROVIDER_KIND_IMAGE, imagesFor } from '../../src/cluster/kind/images.js';
import { runQuietly as runTasks } from '../fakes/run-quietly.js';
import { SetupProblem } from '../../src/cluster/kind/problem.js';
import { DeadlineExceeded, type WaitSpec } from '../../src/cluster/port.js';
import { runProcess, type RunOptions } from '../../src/cluster/process.js';
import { FakeCluster } from '../fakes/fake-cluster.js';
import { fakeTools, type FakeRule, type FakeTools } from './fakes/harness.js';

const IMAGE = CLOUD_PROVIDER_KIND_IMAGE.ref;
const INSPECT = ['container', 'inspect', '--format', '{{.State.Running}} {{.HostConfig.RestartPolicy.Name}} {{.Config.Image}}', CLOUD_PROVIDER_CONTAINER];
const RUN = cloudProviderRunArgv().slice(1);
// Typed by hand in the shape docker's CLI reports an unknown container; the code accepts
// "No such container" and "No such object" (older docker versions word it the second way).
const NO_SUCH = { stderr: `Error: No such container: ${CLOUD_PROVIDER_CONTAINER}\n`, exitCode: 1 };

let fakes: FakeTools | undefined;
afterEach(() => fakes?.cleanup());

function docker(rules: FakeRule[]) {
  fakes = fakeTools(rules.map((r) => ({ tool: 'docker', ...r })));
  const timeouts: number[] = [];
  const host = {
    env: fakes.env,
    runner: (argv: string[], opts: RunOptions) => {
      timeouts.push(opts.timeoutMs);
      return runProcess(argv, opts);
    },
  };
  return { host, timeouts, commands: () => fakes!.calls().map((c) => [c.tool, ...c.argv]) };
}

/** The cluster as the provider leaves it: every awaited object appears (or `missing` never does). */
class ProviderCluster extends FakeCluster {
  constructor(private readonly missing?: string) {
    super('kindnet');
  }
  override async wait(spec: WaitSpec) {
    await super.wait(spec);
    if (`${spec.ref.kind}/${spec.ref.name}` === this.missing) throw new DeadlineExceeded(`${spec.ref.kind}/${spec.ref.name} to be Exists`, 'absent');
  }
  waited(): string[] {
    return this.calls
      .filter((c) => c.op === 'wait')
      .map((c) => {
        const s = c.detail as WaitSpec;
        return `${s.ref.kind}/${s.ref.name} ${s.condition}`;
      });
  }
}

const ALL_READY = PROVIDER_READY.map((r) => `${r.kind}/${r.name} Exists`);

describe('kindlab starts cloud-provider-kind beside the nodes', () => {
  it('on a machine without it: docker run -d on the kind network with the Docker socket and the pinned image, then waits for the CRDs, GatewayClass and IngressClass', async () => {
    const d = docker([
      { argv: INSPECT, ...NO_SUCH },
      { argv: RUN, stdout: 'f00dfeed\n' },
    ]);
    const cluster = new ProviderCluster();
    const action = await installCloudProviderKind(cluster, { timeoutMs: 300_000 }, d.host);
    expect(action).toBe('created');
    expect(d.commands()).toEqual([
      ['docker', ...INSPECT],
      [
        'docker',
        'run',
        '-d',
        '--name',
        'kindlab-cloud-provider',
        '--restart',
        'unless-stopped',
        '--network',
        'kind',
        '--label',
        'app.kubernetes.io/managed-by=kindlab',
        '-v',
        '/var/run/docker.sock:/var/run/docker.sock',
        IMAGE,
      ],
    ]);
    expect(cluster.waited()).toEqual([
      'customresourcedefinition/gatewayclasses.gateway.networking.k8s.io Exists',
      'customresourcedefinition/gateways.gateway.networking.k8s.io Exists',
      'customresourcedefinition/httproutes.gateway.networking.k8s.io Exists',
      'gatewayclass/cloud-provider-kind Exists',
      'ingressclass/cloud-provider-kind Exists',
    ]);
    // Nothing is applied to the cluster: the provider installs its own CRDs and classes.
    expect(cluster.ops().filter((op) => op !== 'wait')).toEqual([]);
    // Every docker call gets what is left of the add-on's deadline, never more.
    expect(d.timeouts.every((t) => t > 0 && t <= 300_000)).toBe(true);
  });

  it('when it already runs the pinned image: one docker inspect, nothing started', async () => {
    const d = docker([{ argv: INSPECT, stdout: `true unless-stopped ${IMAGE}\n` }]);
    const cluster = new ProviderCluster();
    expect(await installCloudProviderKind(cluster, { timeoutMs: 60_000 }, d.host)).toBe('already-running');
    expect(d.commands()).toEqual([['docker', ...INSPECT]]);
    expect(cluster.waited()).toEqual(ALL_READY);
  });

  it('when it is stopped (e.g. after Docker restarted): docker start, not a second container', async () => {
    const d = docker([
      { argv: INSPECT, stdout: `false unless-stopped ${IMAGE}\n` },
      { argv: ['start', CLOUD_PROVIDER_CONTAINER], stdout: `${CLOUD_PROVIDER_CONTAINER}\n` },
    ]);
    expect(await ensureCloudProviderContainer(d.host, { timeoutMs: 60_000 })).toBe('started');
    expect(d.commands()).toEqual([
      ['docker', ...INSPECT],
      ['docker', 'start', 'kindlab-cloud-provider'],
    ]);
  });

  it('when it runs the pinned image without a restart policy (an older kindlab started it): replaced, so it survives a Docker restart', async () => {
    const d = docker([{ argv: INSPECT, stdout: `true no ${IMAGE}\n` }, { argv: ['rm', '-f', CLOUD_PROVIDER_CONTAINER] }, { argv: RUN, stdout: 'beef\n' }]);
    expect(await ensureCloudProviderContainer(d.host, { timeoutMs: 60_000 })).toBe('replaced');
    expect(d.commands()).toEqual([
      ['docker', ...INSPECT],
      ['docker', 'rm', '-f', 'kindlab-cloud-provider'],
      ['docker', ...RUN],
    ]);
  });

  it('when the container runs another version: removed and started again with the pinned image', async () => {
    const old = 'registry.k8s.io/cloud-provider-kind/cloud-controller-manager:v0.10.0';
    const d = docker([
      { argv: INSPECT, stdout: `true unless-stopped ${old}\n` },
      { argv: ['rm', '-f', CLOUD_PROVIDER_CONTAINER] },
      { argv: RUN, stdout: 'beef\n' },
    ]);
    expect(await ensureCloudProviderContainer(d.host, { timeoutMs: 60_000 })).toBe('replaced');
    expect(d.commands()).toEqual([
      ['docker', ...INSPECT],
      ['docker', 'rm', '-f', 'kindlab-cloud-provider'],
      ['docker', ...RUN],
    ]);
  });

  it("with Docker stopped: says Docker is not reachable, in docker's own words, and starts nothing", async () => {
    const d = docker([
      { argv: INSPECT, stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n', exitCode: 1 },
    ]);
    const err = (await installCloudProviderKind(new ProviderCluster(), { timeoutMs: 60_000 }, d.host).catch((e: unknown) => e)) as SetupProblem;
    expect(err).toBeInstanceOf(SetupProblem);
    expect(err.code).toBe('docker-unreachable');
    expect(err.observed).toContain('Cannot connect to the Docker daemon');
    expect(err.fix.ja).toContain('Docker');
    expect(d.commands()).toHaveLength(1);
  });

  it('before the cluster exists (no kind network): tells the learner to run kindlab up first', async () => {
    const d = docker([
      { argv: INSPECT, ...NO_SUCH },
      { argv: RUN, stderr: 'docker: Error response from daemon: network kind not found.\n', exitCode: 125 },
    ]);
    const err = (await ensureCloudProviderContainer(d.host, { timeoutMs: 60_000 }).catch((e: unknown) => e)) as SetupProblem;
    expect(err.code).toBe('cloud-provider-start');
    expect(err.observed).toContain('network kind not found');
    expect(err.fix.en).toContain('kindlab up');
  });

  it('when the provider never creates its GatewayClass: names the missing object and points to docker logs', async () => {
    const d = docker([{ argv: INSPECT, stdout: `true unless-stopped ${IMAGE}\n` }]);
    const err = (await installCloudProviderKind(new ProviderCluster('gatewayclass/cloud-provider-kind'), { timeoutMs: 60_000 }, d.host).catch(
      (e: unknown) => e,
    )) as SetupProblem;
    expect(err.code).toBe('cloud-provider-not-ready');
    expect(err.what.en).toContain('gatewayclass/cloud-provider-kind');
    expect(err.fix.en).toContain('docker logs kindlab-cloud-provider');
  });

  it('is the installer registered for the add-on name lessons use; an unknown name is refused', async () => {
    expect(Object.keys(ADDON_INSTALLERS)).toEqual(ADDONS.map((a) => a.name));
    const d = docker([{ argv: INSPECT, stdout: `true unless-stopped ${IMAGE}\n` }]);
    const cluster = new ProviderCluster();
    await ensureAddon(cluster, 'cloud-provider-kind', { timeoutMs: 60_000 }, d.host);
    expect(cluster.waited()).toEqual(ALL_READY);
    const err = (await ensureAddon(cluster, 'ingress-nginx', { timeoutMs: 1000 }).catch((e: unknown) => e)) as SetupProblem;
    expect(err.code).toBe('unknown-addon');
    expect(err.expected).toContain('cloud-provider-kind');
  });

  it('kindlab down can remove it with one docker rm -f', () => {
    expect(cloudProviderRemoveArgv()).toEqual(['docker', 'rm', '-f', 'kindlab-cloud-provider']);
  });
});

describe('the add-on as learners and instructors see it', () => {
  it('shows the same version it runs, and the image is pinned by tag and digest', () => {
    const info = addonInfo('cloud-provider-kind')!;
    expect(IMAGE).toMatch(/^registry\.k8s\.io\/cloud-provider-kind\/cloud-controller-manager:v\d+\.\d+\.\d+@sha256:[0-9a-f]{64}$/);
    expect(IMAGE).toContain(`:${info.version}@`);
    expect(info.shown?.at(-1)).toBe(IMAGE);
    expect(info.shown).toContain('/var/run/docker.sock:/var/run/docker.sock');
  });

  it('is in the one image list for every profile, pulled to the host but never loaded into nodes', () => {
    expect(ALL_IMAGES).toContain(CLOUD_PROVIDER_KIND_IMAGE);
    for (const profile of ['kindnet', 'calico-vxlan'] as const) expect(imagesFor(profile)).toContain(CLOUD_PROVIDER_KIND_IMAGE);
    expect(CLOUD_PROVIDER_KIND_IMAGE.loadIntoNodes).toBe(false);
  });

  it('reads image references from list-images output and ignores log lines', () => {
    const out = 'I0101 00:00:00.000000 1 app.go:50] FLAG: --v="2"\ndocker.io/envoyproxy/envoy:v1.33.2\n\ndocker.io/envoyproxy/envoy:v1.33.2\n';
    expect(parseImageList(out)).toEqual(['docker.io/envoyproxy/envoy:v1.33.2']);
    expect(parseImageList('no images here\n')).toEqual([]);
  });
});

describe('kindlab bundle create with the add-on', () => {
  it('asks the pinned provider for its proxy image, pulls and saves it, and lists it as host-only', async () => {
    const proxy = 'docker.io/envoyproxy/envoy:v1.33.2';
    const fake = fakeTools([
      { tool: 'docker', argv: ['save', '-o', '...'], writeToFlag: '-o' },
      { tool: 'docker', argv: ['run', '--rm', IMAGE, 'list-images'], stdout: `${proxy}\n` },
      { tool: 'docker', argv: ['pull', '*'] },
      { tool: 'docker', argv: ['image', 'inspect', '--format', '{{.Id}}', IMAGE], stdout: `sha256:${'ab'.repeat(32)}\n` },
      { tool: 'docker', argv: ['tag', IMAGE, IMAGE.split('@')[0]!] },
    ]);
    const dir = join(mkdtempSync(join(tmpdir(), 'kindlab-bundle-')), 'b');
    await runTasks(
      planBundleCreate(dir, {
        images: [CLOUD_PROVIDER_KIND_IMAGE],
        includeCalico: false,
        addonsDir: dir,
        cacheDir: join(dir, 'c'),
        env: fake.env,
        runner: fake.runner,
      }),
    );
    // pinned by digest: also tagged and saved under its tag, with its image ID (see bundle.test.ts)
    expect(fake.commands()).toEqual([
      ['docker', 'pull', IMAGE],
      ['docker', 'image', 'inspect', '--format', '{{.Id}}', IMAGE],
      ['docker', 'tag', IMAGE, IMAGE.split('@')[0]!],
      ['docker', 'save', '-o', join(dir, 'images', archiveName(IMAGE)), IMAGE, IMAGE.split('@')[0]!],
      ['docker', 'run', '--rm', IMAGE, 'list-images'],
      ['docker', 'pull', proxy],
      ['docker', 'save', '-o', join(dir, 'images', archiveName(proxy)), proxy],
    ]);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BundleManifest;
    expect(manifest.images.map((i) => [i.ref, i.loadIntoNodes])).toEqual([
      [IMAGE, false],
      [proxy, false],
    ]);
  });

  it('refuses to finish the bundle when the provider names no image', async () => {
    const fake = fakeTools([
      { tool: 'docker', argv: ['pull', '*'] },
      { tool: 'docker', argv: ['save', '-o', '...'], writeToFlag: '-o' },
      { tool: 'docker', argv: ['image', 'inspect', '--format', '{{.Id}}', IMAGE], stdout: `sha256:${'ab'.repeat(32)}\n` },
      { tool: 'docker', argv: ['tag', IMAGE, IMAGE.split('@')[0]!] },
      { tool: 'docker', argv: ['run', '--rm', IMAGE, 'list-images'], stderr: 'Unable to find image locally\n', exitCode: 125 },
    ]);
    const dir = join(mkdtempSync(join(tmpdir(), 'kindlab-bundle-')), 'b');
    const err = (await runTasks(
      planBundleCreate(dir, {
        images: [CLOUD_PROVIDER_KIND_IMAGE],
        includeCalico: false,
        addonsDir: dir,
        cacheDir: join(dir, 'c'),
        env: fake.env,
        runner: fake.runner,
      }),
    ).catch((e: unknown) => e)) as SetupProblem;
    expect(err.code).toBe('cloud-provider-images');
    expect(err.observed).toContain('Unable to find image');
  });
});

describe('what learners are shown', () => {
  it('is exactly the docker run kindlab runs for the add-on', async () => {
    const { addonInfo } = await import('../../src/lessons/addons.js');
    const { cloudProviderRunArgv } = await import('../../src/cluster/kind/addons/cloud-provider-kind.js');
    expect(addonInfo('cloud-provider-kind')?.shown).toEqual(cloudProviderRunArgv());
  });
});
