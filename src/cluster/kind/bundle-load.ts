// `kindlab bundle load`: check every file of a bundle, then load its images into Docker (and the
// nodes, when the cluster exists) and put its add-on manifests in the cache `up` reads offline.
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Text } from '../../core/text.js';
import type { Task } from '../../core/task.js';
import { mustSucceed, runProcess } from '../process.js';
import { readBundleManifest, verifyBundle, type BundleManifest, type BundleOptions } from './bundle-manifest.js';
import { SetupProblem } from './problem.js';
import { isDigestPinned, localImageId, recordVerifiedImage } from './verified-images.js';

export interface LoadBundleOptions extends BundleOptions {
  clusterName: string;
  /** Where add-on manifests go so `up` finds them offline (the same cacheDir `up` uses). */
  cacheDir: string;
}

export interface BundleLoadPlan {
  tasks: Task[];
  /** Said to the user before the tasks run (e.g. why images are not loaded into nodes yet). */
  notes: Text[];
}

function digestLost(image: BundleManifest['images'][number], digestDetail: string, tagId: string | null, tagDetail: string | undefined): SetupProblem {
  const expected =
    image.tag && image.imageId
      ? {
          ja: `${image.ref} か、イメージ ID ${image.imageId} の ${image.tag} が見つかる`,
          en: `${image.ref}, or ${image.tag} with image ID ${image.imageId}, is found`,
        }
      : { ja: `docker image inspect ${image.ref} が成功する`, en: `docker image inspect ${image.ref} succeeds` };
  const observed =
    !image.tag || !image.imageId
      ? `${digestDetail} (manifest.json records no tag or image ID: a bundle made before kindlab recorded them)`
      : tagId === null
        ? `${digestDetail}; ${image.tag}: ${tagDetail ?? 'not found'}`
        : `${digestDetail}; ${image.tag} has image ID ${tagId}, not ${image.imageId}`;
  return new SetupProblem(
    'digest-lost',
    {
      ja: '読み込んだノードイメージが、ダイジェストでも記録どおりのイメージ ID のタグでも見つかりません',
      en: 'The loaded node image is found neither by its digest nor as a tag with the recorded image ID',
    },
    expected,
    observed,
    {
      ja: [
        tagId !== null
          ? `${image.tag} は別のイメージです（バンドルが入れ替わっているか、講師の手元で同じタグが別のイメージを指していました）。講師に \`kindlab bundle create\` で作り直してもらってください。`
          : '新しい kindlab で作ったバンドル（タグとイメージ ID を記録したもの）で、もう一度 `kindlab bundle load` してください。',
        'または Docker の containerd イメージストアを有効にしてからもう一度 `kindlab bundle load` してください: Docker Desktop は「Settings → General → Use containerd for pulling and storing images」、Linux の Docker Engine 24 以降は /etc/docker/daemon.json に {"features":{"containerd-snapshotter":true}} を書いて `sudo systemctl restart docker`（それまでのイメージとコンテナは見えなくなります）。',
        'あるいは会場の前にネットワークのある所で `kindlab images pull` を実行してください。',
      ].join(' '),
      en: [
        tagId !== null
          ? `${image.tag} is another image (the bundle was altered, or the tag named another image where it was made); ask the instructor to recreate it with \`kindlab bundle create\`.`
          : 'Run `kindlab bundle load` again with a bundle made by a newer kindlab (one that records the tag and image ID).',
        'Or turn on Docker\'s containerd image store and run `kindlab bundle load` again: Docker Desktop: Settings → General → Use containerd for pulling and storing images; Docker Engine 24 or later on Linux: put {"features":{"containerd-snapshotter":true}} in /etc/docker/daemon.json and `sudo systemctl restart docker` (images and containers made before are no longer shown).',
        'Or run `kindlab images pull` somewhere with network before the workshop.',
      ].join(' '),
    },
  );
}

export async function planBundleLoad(dir: string, opts: LoadBundleOptions, signal?: AbortSignal): Promise<BundleLoadPlan> {
  const run = opts.runner ?? runProcess;
  const t = opts.timeoutMs ?? 600_000;
  const manifest = await readBundleManifest(dir);
  const tasks: Task[] = [];
  const notes: Text[] = [];
  tasks.push({
    title: {
      ja: `${manifest.images.length + manifest.addons.length} 個のファイルの sha256 を確認`,
      en: `Verify the sha256 of ${manifest.images.length + manifest.addons.length} files`,
    },
    run: async () => verifyBundle(dir, manifest),
  });
  for (const image of manifest.images) {
    const argv = ['docker', 'load', '-i', join(dir, image.file)];
    tasks.push({
      title: { ja: `Docker に読み込む: ${image.ref}`, en: `Load into Docker: ${image.ref}` },
      shown: argv,
      run: async (sig) => void mustSucceed(await run(argv, { timeoutMs: t, signal: sig, env: opts.env }), `docker load ${image.file}`),
    });
  }
  // kind finds the node image by the reference in its config, pulling only when `docker inspect`
  // fails (kind v0.30.0 pkg/cluster/internal/providers/docker/images.go). Whether `docker load`
  // keeps the digest depends on Docker's image store (the containerd store keeps it; the classic
  // one does not), so check now, at home, rather than at `kindlab up` in the venue. Where the digest
  // is lost, the tag saved with it must name the image ID recorded in manifest.json; that fact is
  // recorded in the cache and `up` names the tag in the kind config (checking the ID again).
  for (const image of manifest.images.filter((i) => isDigestPinned(i.ref))) {
    const argv = ['docker', 'image', 'inspect', '--format', '{{.Id}}', image.ref];
    tasks.push({
      title: image.tag
        ? {
            ja: `ダイジェストか、記録したイメージ ID のタグ ${image.tag} で見つかるか確認: ${image.ref}`,
            en: `Check Docker finds ${image.ref} by digest, or as ${image.tag} with the recorded image ID`,
          }
        : { ja: `ダイジェストで見つかるか確認: ${image.ref}`, en: `Check Docker finds ${image.ref} by digest` },
      shown: argv,
      run: async (sig) => {
        const byDigest = await localImageId(image.ref, { env: opts.env, runner: run, timeoutMs: 30_000, signal: sig });
        if (byDigest.id !== null) return;
        const byTag = image.tag && image.imageId ? await localImageId(image.tag, { env: opts.env, runner: run, timeoutMs: 30_000, signal: sig }) : undefined;
        if (byTag && byTag.id === image.imageId) {
          await recordVerifiedImage(opts.cacheDir, image.ref, {
            tag: image.tag!,
            imageId: image.imageId,
            bundle: dir,
            verifiedAt: (opts.now ?? (() => new Date()))().toISOString(),
          });
          return `${image.tag} = ${image.imageId}`;
        }
        throw digestLost(image, byDigest.detail, byTag?.id ?? null, byTag?.detail);
      },
    });
  }
  for (const addon of manifest.addons) {
    const dest = join(opts.cacheDir, addon.file.replace(/^addons\//, ''));
    tasks.push({
      title: { ja: `${addon.name} ${addon.version} のマニフェストをキャッシュへ`, en: `Put the ${addon.name} ${addon.version} manifest in the cache` },
      run: async () => {
        await mkdir(join(dest, '..'), { recursive: true });
        await copyFile(join(dir, addon.file), dest);
        return dest;
      },
    });
  }
  const clusters = await run(['kind', 'get', 'clusters'], { timeoutMs: 30_000, signal, env: opts.env });
  const exists =
    clusters.exitCode === 0 &&
    clusters.stdout
      .split('\n')
      .map((l) => l.trim())
      .includes(opts.clusterName);
  const refs = manifest.images.filter((i) => i.loadIntoNodes).map((i) => i.ref);
  if (exists && refs.length > 0) {
    const argv = ['kind', 'load', 'docker-image', '--name', opts.clusterName, ...refs];
    tasks.push({
      title: { ja: 'イメージをノードへ読み込む', en: 'Load the images into the nodes' },
      shown: argv,
      run: async (sig) =>
        void mustSucceed(await run(argv, { timeoutMs: t * Math.max(1, Math.ceil(refs.length / 3)), signal: sig, env: opts.env }), 'kind load docker-image'),
    });
  } else if (refs.length > 0) {
    notes.push({
      ja: `クラスタ ${opts.clusterName} はまだありません。イメージは Docker に入ります。\`kindlab up\` の後に \`kindlab images load\` でノードへ読み込んでください。`,
      en: `Cluster ${opts.clusterName} does not exist yet. The images go into Docker; after \`kindlab up\`, run \`kindlab images load\` to put them into the nodes.`,
    });
  }
  return { tasks, notes };
}
