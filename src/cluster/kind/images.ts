// Every container image kindlab's lessons and add-ons use, pinned by tag, in ONE place. Lesson
// authors add their images here; `images pull`, `images load` and the offline bundle read this list.
import type { Text } from '../../core/text.js';
import type { ProfileName } from '../../lessons/profile-names.js';
import { CLOUD_PROVIDER_IMAGE_REF } from '../../lessons/addons.js';
import type { Task } from '../../core/task.js';
import { mustSucceed, runProcess } from '../process.js';
import { profileFacts } from './profiles/index.js';

export interface PinnedImage {
  ref: string;
  purpose: Text;
  /** Where the tag was checked. */
  source: string;
  /** false for the node image itself (it runs the nodes; it is not loaded into them). */
  loadIntoNodes: boolean;
  /** Only needed on these profiles; absent = every profile. */
  profiles?: ProfileName[];
}

/** Same value as the `image:` of every node in kind-config.yaml (a test keeps them equal). */
export const NODE_IMAGE: PinnedImage = {
  ref: 'kindest/node:v1.33.4@sha256:25a6018e48dfcaee478f4a59af81157a437f15e6e140bf103f85a2e7cd0cbbf2',
  purpose: { ja: 'kind のノード（Kubernetes v1.33.4）', en: 'kind node (Kubernetes v1.33.4)' },
  source: 'https://github.com/kubernetes-sigs/kind/releases/tag/v0.30.0',
  loadIntoNodes: false,
};

export const LESSON_IMAGES: PinnedImage[] = [
  {
    ref: 'nicolaka/netshoot:v0.14',
    purpose: { ja: 'ネットワーク調査用（nslookup, dig, curl, ip, iptables, tcpdump）', en: 'network toolbox (nslookup, dig, curl, ip, iptables, tcpdump)' },
    source: 'https://github.com/nicolaka/netshoot (tag v0.14; docs/lessons-facts.md)',
    loadIntoNodes: true,
  },
  {
    ref: 'registry.k8s.io/e2e-test-images/agnhost:2.53',
    purpose: { ja: '応答にホスト名を返す HTTP サーバー（netexec）', en: 'HTTP server that answers with its hostname (netexec)' },
    source: 'https://kubernetes.io/docs/tutorials/hello-minikube/ (agnhost:2.53 netexec)',
    loadIntoNodes: true,
  },
];

const CALICO_PROFILES: ProfileName[] = ['calico-vxlan', 'calico-ipip', 'calico-bgp'];

/** Images the pinned Calico manifest names (kept equal to addons/checksums.json by a test). */
export const CALICO_IMAGES: PinnedImage[] = ['cni', 'node', 'kube-controllers'].map((name) => ({
  ref: `quay.io/calico/${name}:v3.31.3`,
  purpose: { ja: `Calico（${name}）`, en: `Calico (${name})` },
  source: 'addons/checksums.json (images of projectcalico/calico manifests/calico.yaml at v3.31.3)',
  loadIntoNodes: true,
  profiles: CALICO_PROFILES,
}));

/**
 * cloud-provider-kind (lessons 11-13): runs on the host as a Docker container beside the nodes, so
 * it goes to the host's Docker and is never loaded into the nodes. Tag and digest as pinned by two
 * unrelated public repositories for v0.12.0 (docs/addons.md); `docker pull` by digest refuses any
 * other content, so a wrong digest fails loudly instead of running something else.
 * Its Envoy proxy image is not listed here: the pinned binary names it (`list-images`), and the
 * offline bundle asks it (src/cluster/kind/bundle.ts) rather than trusting an unverified tag.
 */
export const CLOUD_PROVIDER_KIND_IMAGE: PinnedImage = {
  ref: CLOUD_PROVIDER_IMAGE_REF,
  purpose: {
    ja: 'cloud-provider-kind v0.12.0（LoadBalancer・Ingress・Gateway API。ホストの Docker で動く）',
    en: "cloud-provider-kind v0.12.0 (LoadBalancer, Ingress, Gateway API; runs in the host's Docker)",
  },
  source: 'https://github.com/kubernetes-sigs/cloud-provider-kind (v0.12.0); digest as pinned in two public repositories, see docs/addons.md',
  loadIntoNodes: false,
};

export const ADDON_IMAGES: PinnedImage[] = [CLOUD_PROVIDER_KIND_IMAGE];

export const ALL_IMAGES: PinnedImage[] = [NODE_IMAGE, ...LESSON_IMAGES, ...CALICO_IMAGES, ...ADDON_IMAGES];

/** The images a profile needs (or every image for 'all'). */
export function imagesFor(profile: ProfileName | 'all'): PinnedImage[] {
  if (profile === 'all') return ALL_IMAGES;
  const calico = profileFacts(profile).cni === 'calico';
  return ALL_IMAGES.filter((i) => !i.profiles || (calico && i.profiles.includes(profile)));
}

export interface ImageTaskOptions {
  clusterName: string;
  env?: Record<string, string | undefined>;
  runner?: typeof runProcess;
  /** Per image pull / save / load. */
  timeoutMs?: number;
}

export const PULL_TIMEOUT_MS = 600_000;

/** `kindlab images pull`: docker pull each image to the host. */
export function planImagesPull(images: PinnedImage[], opts: ImageTaskOptions): Task[] {
  const run = opts.runner ?? runProcess;
  return images.map((image) => {
    const argv = ['docker', 'pull', image.ref];
    return {
      title: { ja: `取得: ${image.ref}`, en: `Pull ${image.ref}` },
      shown: argv,
      run: async (signal) =>
        void mustSucceed(await run(argv, { timeoutMs: opts.timeoutMs ?? PULL_TIMEOUT_MS, signal, env: opts.env }), `docker pull ${image.ref}`),
    };
  });
}

/** `kindlab images load`: copy images from the host's Docker into every kind node (one kind call). */
export function planImagesLoad(images: PinnedImage[], opts: ImageTaskOptions): Task[] {
  const refs = images.filter((i) => i.loadIntoNodes).map((i) => i.ref);
  if (refs.length === 0) return [];
  const run = opts.runner ?? runProcess;
  const argv = ['kind', 'load', 'docker-image', '--name', opts.clusterName, ...refs];
  return [
    {
      title: { ja: `${refs.length} 個のイメージをノードへ読み込む`, en: `Load ${refs.length} images into the nodes` },
      shown: argv,
      run: async (signal) =>
        void mustSucceed(
          await run(argv, { timeoutMs: (opts.timeoutMs ?? PULL_TIMEOUT_MS) * Math.max(1, Math.ceil(refs.length / 3)), signal, env: opts.env }),
          'kind load docker-image',
        ),
    },
  ];
}
