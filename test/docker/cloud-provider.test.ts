// The cloud-provider-kind add-on container on the real Docker engine: the product's own docker
// inspect / run / start / rm (src/cluster/kind/addons/cloud-provider-kind.ts), with label, kind
// network, Docker socket and restart policy checked by `docker inspect`, and the already running /
// stopped / other version cases. The pinned image cannot be pulled here (no registry), and a tag
// cannot carry its digest, so a local busybox image stands in under the name passed to the
// product's `image` parameter; everything else is the product's argv. kind is not run: the `kind`
// network is created by the test as kind would (a bridge network of that name).
// The container name is the product's fixed one: this file removes a container of that name only
// when a test left it (a stand-in image); a real provider found running is left alone, and skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOUD_PROVIDER_CONTAINER, addonInfo } from '../../src/lessons/addons.js';
import {
  KIND_NETWORK,
  cloudProviderRemoveArgv,
  cloudProviderRunArgv,
  ensureCloudProviderContainer,
  installCloudProviderKind,
} from '../../src/cluster/kind/addons/cloud-provider-kind.js';
import { SetupProblem } from '../../src/cluster/kind/problem.js';
import { FakeCluster } from '../fakes/fake-cluster.js';
import { runProcess } from '../../src/cluster/process.js';
import { recordRealClient } from '../real-clients.js';
import { BUSYBOX_IMAGE, describeDocker, REQUIRED, type DockerEngine } from './engine.js';

const STAND_IN = 'kindlab-test/cloud-provider-kind:v0.12.0-stand-in';
const OLDER = 'kindlab-test/cloud-provider-kind:v0.10.0-stand-in';
const C = CLOUD_PROVIDER_CONTAINER;

interface Inspected {
  running: boolean;
  image: string;
  restart: string;
  network: string;
  label: string;
  socket: boolean;
  id: string;
}

/** A provider container that a real cluster on this machine runs (not a test's stand-in), which these tests must not remove. */
async function realProviderHere(): Promise<string | undefined> {
  const argv = ['docker', 'container', 'inspect', '--format', '{{.Config.Image}}', C];
  const r = await runProcess(argv, { timeoutMs: 15_000 });
  if (r.exitCode !== 0) return undefined;
  recordRealClient('docker', argv);
  const image = r.stdout.trim();
  return image === STAND_IN || image === OLDER ? undefined : image;
}

async function inspect(docker: DockerEngine): Promise<Inspected> {
  const format =
    '{{json .State.Running}}|{{.Config.Image}}|{{.HostConfig.RestartPolicy.Name}}|{{.HostConfig.NetworkMode}}|{{index .Config.Labels "app.kubernetes.io/managed-by"}}|{{range .Mounts}}{{.Source}}:{{.Destination}} {{end}}|{{.Id}}';
  const [running, image, restart, network, label, mounts, id] = (await docker.must(['container', 'inspect', '--format', format, C])).trim().split('|');
  return {
    running: running === 'true',
    image: image!,
    restart: restart!,
    network: network!,
    label: label!,
    socket: mounts!.includes('/var/run/docker.sock:/var/run/docker.sock'),
    id: id!,
  };
}

const realProvider = await realProviderHere();
if (realProvider && !REQUIRED) {
  it.skip(`cloud-provider-kind on the real engine: skipped, ${C} runs ${realProvider} for a cluster on this machine (kindlab down removes it)`, () => {});
} else
  describeDocker('kindlab starts cloud-provider-kind on the real Docker engine', (docker) => {
    let createdNetwork = false;
    const opts = { timeoutMs: 60_000 };
    const host = { env: docker.env };
    const ensure = () => ensureCloudProviderContainer(host, opts, STAND_IN);

    beforeAll(async () => {
      await docker.image(BUSYBOX_IMAGE);
      await docker.must(['tag', BUSYBOX_IMAGE, STAND_IN]);
      await docker.must(['tag', BUSYBOX_IMAGE, OLDER]);
      await docker.run(cloudProviderRemoveArgv().slice(1));
    }, 60_000);
    afterAll(async () => {
      await docker.run(cloudProviderRemoveArgv().slice(1));
      if (createdNetwork) await docker.run(['network', 'rm', KIND_NETWORK]);
      await docker.run(['rmi', STAND_IN, OLDER]);
    });

    describe('before kind created its network', () => {
      it("docker run fails with the engine's own words and the learner is told to run kindlab up first", async () => {
        if ((await docker.run(['network', 'inspect', KIND_NETWORK])).exitCode === 0) return; // a kind cluster exists on this machine; nothing to learn here
        const err = (await ensure().catch((e: unknown) => e)) as SetupProblem;
        expect(err).toBeInstanceOf(SetupProblem);
        expect(err.code).toBe('cloud-provider-start');
        expect(err.observed).toMatch(/network kind not found/);
        expect(err.fix.en).toContain('kindlab up');
        await docker.run(cloudProviderRemoveArgv().slice(1)); // docker run leaves a created container behind
      });
    });

    describe('with the kind network', () => {
      beforeAll(async () => {
        if ((await docker.run(['network', 'inspect', KIND_NETWORK])).exitCode !== 0) {
          await docker.must(['network', 'create', KIND_NETWORK]);
          createdNetwork = true;
        }
        await docker.run(cloudProviderRemoveArgv().slice(1));
      });

      it('absent: docker run -d with its name, the kind network, the managed-by label, the Docker socket and --restart unless-stopped', async () => {
        docker.flush();
        expect(await ensure()).toBe('created');
        expect(docker.flush()).toEqual([
          ['docker', 'container', 'inspect', '--format', '{{.State.Running}} {{.HostConfig.RestartPolicy.Name}} {{.Config.Image}}', C],
          cloudProviderRunArgv(STAND_IN),
        ]);
        expect(await inspect(docker)).toMatchObject({
          running: true,
          image: STAND_IN,
          restart: 'unless-stopped',
          network: KIND_NETWORK,
          label: 'kindlab',
          socket: true,
        });
      });

      it('what learners are shown is that docker run, with the pinned image and the restart policy', () => {
        const shown = addonInfo('cloud-provider-kind')!.shown!;
        expect(shown).toEqual(cloudProviderRunArgv());
        expect(shown.join(' ')).toContain('--restart unless-stopped');
        expect(cloudProviderRunArgv(STAND_IN).slice(0, -1)).toEqual(shown.slice(0, -1));
      });

      it('already running the pinned image: one docker inspect, the same container', async () => {
        const before = await inspect(docker);
        docker.flush();
        expect(await ensure()).toBe('already-running');
        expect(docker.flush()).toHaveLength(1);
        expect((await inspect(docker)).id).toBe(before.id);
      });

      it('stopped (as after a Docker restart without the policy): docker start brings the same container back', async () => {
        const before = await inspect(docker);
        await docker.must(['stop', '-t', '0', C]);
        expect((await inspect(docker)).running).toBe(false);
        docker.flush();
        expect(await ensure()).toBe('started');
        expect(docker.flush().at(-1)).toEqual(['docker', 'start', C]);
        expect(await inspect(docker)).toMatchObject({ running: true, id: before.id, restart: 'unless-stopped' });
      });

      it('another version: removed and run again with the pinned image', async () => {
        await docker.must(cloudProviderRemoveArgv().slice(1));
        await docker.must(cloudProviderRunArgv(OLDER).slice(1));
        expect((await inspect(docker)).image).toBe(OLDER);
        docker.flush();
        expect(await ensure()).toBe('replaced');
        expect(docker.flush().slice(1)).toEqual([cloudProviderRemoveArgv(), cloudProviderRunArgv(STAND_IN)]);
        expect(await inspect(docker)).toMatchObject({ running: true, image: STAND_IN, restart: 'unless-stopped' });
      });

      it('the pinned image but no restart policy (started by an older kindlab): replaced, so it comes back after a restart', async () => {
        await docker.must(cloudProviderRemoveArgv().slice(1));
        const withoutPolicy = cloudProviderRunArgv(STAND_IN).filter((a, i, all) => a !== '--restart' && all[i - 1] !== '--restart');
        await docker.must(withoutPolicy.slice(1));
        expect((await inspect(docker)).restart).toBe('no');
        expect(await ensure()).toBe('replaced');
        expect((await inspect(docker)).restart).toBe('unless-stopped');
      });

      it('installCloudProviderKind starts it and then waits for what the provider creates in the cluster', async () => {
        await docker.must(['stop', '-t', '0', C]);
        const cluster = new FakeCluster('kindnet');
        expect(await installCloudProviderKind(cluster, opts, host, STAND_IN)).toBe('started');
        expect(cluster.ops()).toEqual(['wait', 'wait', 'wait', 'wait', 'wait']);
        expect((await inspect(docker)).running).toBe(true);
      });

      it("kindlab down's docker rm -f removes it", async () => {
        await docker.must(cloudProviderRemoveArgv().slice(1));
        expect((await docker.run(['container', 'inspect', C])).exitCode).not.toBe(0);
      });
    });

    it("with the engine out of reach: says Docker cannot be reached, in docker's own words, and starts nothing", async () => {
      docker.flush();
      const err = (await ensureCloudProviderContainer({ env: { ...docker.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' } }, opts, STAND_IN).catch(
        (e: unknown) => e,
      )) as SetupProblem;
      // this docker call never reached the engine: not counted as judged by it
      expect(docker.discard()).toHaveLength(1);
      expect(err.code).toBe('docker-unreachable');
      expect(err.observed).toContain('Cannot connect to the Docker daemon');
    });
  });
