// images pull / load against fake docker and kind; the image list is the one place images live.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ALL_IMAGES,
  CALICO_IMAGES,
  CLOUD_PROVIDER_KIND_IMAGE,
  LESSON_IMAGES,
  NODE_IMAGE,
  imagesFor,
  planImagesLoad,
  planImagesPull,
} from '../../src/cluster/kind/images.js';
import { parseKindConfig, summarizeKindConfig } from '../../src/cluster/kind/kind-config.js';
import { runQuietly as runTasks } from '../fakes/run-quietly.js';
import { CommandFailed } from '../../src/cluster/process.js';
import { fakeTools } from './fakes/harness.js';

const repo = new URL('../../', import.meta.url).pathname;

describe('the pinned image list', () => {
  it('names the node image of kind-config.yaml, by digest', () => {
    const s = summarizeKindConfig(parseKindConfig(readFileSync(`${repo}kind-config.yaml`, 'utf8')));
    expect(s.nodeImages).toEqual([NODE_IMAGE.ref]);
  });

  it('lists the Calico images recorded for the pinned manifest', () => {
    const pins = JSON.parse(readFileSync(`${repo}addons/checksums.json`, 'utf8')) as { addons: { calico: { images: string[] } } };
    expect(CALICO_IMAGES.map((i) => i.ref)).toEqual(pins.addons.calico.images);
  });

  it('every image is pinned by a tag (never latest) and says what it is for in both languages', () => {
    for (const image of ALL_IMAGES) {
      expect(image.ref, image.ref).toMatch(/:[A-Za-z0-9._-]+(@sha256:[0-9a-f]{64})?$/);
      expect(image.ref).not.toMatch(/:latest\b/);
      expect(image.purpose.ja && image.purpose.en, image.ref).toBeTruthy();
    }
    expect(LESSON_IMAGES.map((i) => i.ref)).toContain('nicolaka/netshoot:v0.14');
  });

  it('kindnet needs no Calico images; Calico profiles do', () => {
    expect(imagesFor('kindnet').some((i) => i.ref.includes('calico'))).toBe(false);
    expect(imagesFor('calico-bgp').filter((i) => i.ref.includes('calico'))).toHaveLength(3);
    expect(imagesFor('all')).toEqual(ALL_IMAGES);
  });
});

describe('kindlab images pull / load', () => {
  it('pull runs docker pull for each image, 10 minutes each', async () => {
    const fake = fakeTools([{ tool: 'docker', argv: ['pull', '*'] }]);
    const tasks = planImagesPull(imagesFor('kindnet'), { clusterName: 'kindlab', env: fake.env, runner: fake.runner });
    await runTasks(tasks);
    expect(fake.commands()).toEqual([
      ['docker', 'pull', NODE_IMAGE.ref],
      ['docker', 'pull', 'nicolaka/netshoot:v0.14'],
      ['docker', 'pull', 'registry.k8s.io/e2e-test-images/agnhost:2.53'],
      ['docker', 'pull', CLOUD_PROVIDER_KIND_IMAGE.ref],
    ]);
    expect(fake.timeouts.map((t) => t.timeoutMs)).toEqual([600_000, 600_000, 600_000, 600_000]);
    expect(tasks.map((t) => t.shown)).toEqual(fake.commands());
  });

  it('load copies every image except the node image into the nodes with one kind call', async () => {
    const fake = fakeTools([{ tool: 'kind', argv: ['load', 'docker-image', '...'] }]);
    await runTasks(planImagesLoad(imagesFor('calico-vxlan'), { clusterName: 'kindlab', env: fake.env, runner: fake.runner }));
    expect(fake.commands()).toEqual([
      [
        'kind',
        'load',
        'docker-image',
        '--name',
        'kindlab',
        'nicolaka/netshoot:v0.14',
        'registry.k8s.io/e2e-test-images/agnhost:2.53',
        'quay.io/calico/cni:v3.31.3',
        'quay.io/calico/node:v3.31.3',
        'quay.io/calico/kube-controllers:v3.31.3',
      ],
    ]);
    expect(fake.timeouts[0]?.timeoutMs).toBe(1_200_000);
  });

  it("a pull that fails stops with docker's own message", async () => {
    const fake = fakeTools([
      {
        tool: 'docker',
        argv: ['pull', '*'],
        exitCode: 1,
        stderr: 'Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host\n',
      },
    ]);
    const err = (await runTasks(planImagesPull(LESSON_IMAGES, { clusterName: 'kindlab', env: fake.env, runner: fake.runner })).catch(
      (e: unknown) => e,
    )) as CommandFailed;
    expect(err).toBeInstanceOf(CommandFailed);
    expect(err.output).toContain('no such host');
    expect(fake.commands()).toHaveLength(1);
  });
});
