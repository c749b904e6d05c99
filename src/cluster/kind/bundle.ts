// Offline bundle for workshops: every pinned image (`docker save`) and add-on manifest in one
// folder, with manifest.json listing the sha256 of every file. `bundle load` checks every file
// before loading anything, so a truncated USB copy is refused rather than half-loaded.
// (The check guards against corruption, not against someone who can also rewrite manifest.json.)
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Text } from '../../core/text.js';
import type { ProgressTask } from '../../core/task.js';
import { mustSucceed, runProcess } from '../process.js';
import { CLOUD_PROVIDER_KIND_IMAGE, type PinnedImage } from './images.js';
import { cloudProviderProxyImages } from './addons/cloud-provider-kind.js';
import { ensureCalicoManifest } from './profiles/calico-manifest.js';
import { SetupProblem } from './problem.js';
import { sha256File } from './verified-download.js';
import { isDigestPinned, localImageId, recordVerifiedImage, tagFor } from './verified-images.js';

export const BUNDLE_FORMAT = 'kindlab-bundle/v1';

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  createdAt: string;
  images: Array<{
    ref: string;
    file: string;
    sha256: string;
    loadIntoNodes: boolean;
    /** Digest-pinned images only: the local tag the archive also names, so the image keeps a name on engines that drop the digest. */
    tag?: string;
    /** Digest-pinned images only: `docker image inspect --format {{.Id}} ref` where the bundle was made. */
    imageId?: string;
  }>;
  addons: Array<{ name: string; version: string; file: string; sha256: string }>;
}

/** A file name for an image archive: `nicolaka/netshoot:v0.13` → `nicolaka_netshoot_v0.13.tar`. */
export function archiveName(ref: string): string {
  return `${ref.replace(/@sha256:[0-9a-f]{64}$/, '').replace(/[^A-Za-z0-9._-]+/g, '_')}.tar`;
}

export interface BundleOptions {
  env?: Record<string, string | undefined>;
  runner?: typeof runProcess;
  timeoutMs?: number;
  now?: () => Date;
}

export interface CreateBundleOptions extends BundleOptions {
  images: PinnedImage[];
  /** Include the pinned Calico manifest (needed when any calico-* profile will be used). */
  includeCalico: boolean;
  addonsDir: string;
  cacheDir: string;
  allowDownload?: boolean;
}

export function planBundleCreate(dir: string, opts: CreateBundleOptions): ProgressTask[] {
  const run = opts.runner ?? runProcess;
  const t = opts.timeoutMs ?? 600_000;
  const entries: BundleManifest['images'] = [];
  const addons: BundleManifest['addons'] = [];
  const tasks: ProgressTask[] = [];
  tasks.push({
    title: { ja: `フォルダを用意: ${dir}`, en: `Prepare folder ${dir}` },
    run: async () => {
      await mkdir(join(dir, 'images'), { recursive: true });
      await mkdir(join(dir, 'addons'), { recursive: true });
    },
  });
  // First, so a missing pin fails before minutes of `docker save`.
  if (opts.includeCalico) {
    tasks.push({
      title: { ja: 'Calico マニフェストを（sha256 を確認して）同梱', en: 'Add the Calico manifest (sha256 verified)' },
      run: async (signal) => {
        const { path, pin } = await ensureCalicoManifest({ addonsDir: opts.addonsDir, cacheDir: opts.cacheDir, allowDownload: opts.allowDownload ?? true, timeoutMs: t, signal });
        const file = join('addons', pin.file);
        await mkdir(join(dir, 'addons', pin.file, '..'), { recursive: true });
        await copyFile(path, join(dir, file));
        addons.push({ name: 'calico', version: pin.version, file, sha256: await sha256File(join(dir, file)) });
      },
    });
  }
  for (const image of opts.images) {
    const file = join('images', archiveName(image.ref));
    // A digest-pinned image is saved under its tag too: Docker's classic image store writes no name
    // for a tag@digest reference ("RepoTags": null) and `docker load` would leave it nameless. Its
    // image ID goes into manifest.json, so `bundle load` can check the tag names that very image.
    const pinned = isDigestPinned(image.ref);
    const tag = pinned ? tagFor(image.ref) : undefined;
    const argv = ['docker', 'save', '-o', join(dir, file), image.ref, ...(tag ? [tag] : [])];
    tasks.push({
      title: { ja: `取得して保存: ${image.ref}`, en: `Pull and save ${image.ref}` },
      shown: argv,
      run: async (signal) => {
        // Pull first: a fresh instructor machine has none of the images yet.
        mustSucceed(await run(['docker', 'pull', image.ref], { timeoutMs: t, signal, env: opts.env }), `docker pull ${image.ref}`);
        let imageId: string | undefined;
        if (tag) {
          const found = await localImageId(image.ref, { env: opts.env, runner: run, timeoutMs: 30_000, signal });
          if (found.id === null) throw new Error(`docker image inspect ${image.ref}: ${found.detail}`);
          imageId = found.id;
          mustSucceed(await run(['docker', 'tag', image.ref, tag], { timeoutMs: 30_000, signal, env: opts.env }), `docker tag ${image.ref} ${tag}`);
        }
        mustSucceed(await run(argv, { timeoutMs: t, signal, env: opts.env }), `docker save ${image.ref}`);
        entries.push({ ref: image.ref, file, sha256: await sha256File(join(dir, file)), loadIntoNodes: image.loadIntoNodes, ...(tag ? { tag, imageId } : {}) });
      },
    });
  }
  // cloud-provider-kind starts an Envoy container per LoadBalancer / Gateway from an image it
  // names itself; ask the pinned binary which one and save it too, so lessons 11-13 work offline.
  if (opts.images.some((i) => i.ref === CLOUD_PROVIDER_KIND_IMAGE.ref)) {
    tasks.push({
      title: { ja: 'cloud-provider-kind が使うプロキシのイメージを保存', en: "Save the proxy image cloud-provider-kind uses" },
      shown: ['docker', 'run', '--rm', CLOUD_PROVIDER_KIND_IMAGE.ref, 'list-images'],
      run: async (signal) => {
        const refs = await cloudProviderProxyImages({ env: opts.env, runner: run }, { timeoutMs: t, signal });
        for (const ref of refs) {
          const file = join('images', archiveName(ref));
          mustSucceed(await run(['docker', 'pull', ref], { timeoutMs: t, signal, env: opts.env }), `docker pull ${ref}`);
          mustSucceed(await run(['docker', 'save', '-o', join(dir, file), ref], { timeoutMs: t, signal, env: opts.env }), `docker save ${ref}`);
          entries.push({ ref, file, sha256: await sha256File(join(dir, file)), loadIntoNodes: false });
        }
        return refs.join(', ');
      },
    });
  }
  tasks.push({
    title: { ja: 'manifest.json（全ファイルの sha256）を書く', en: 'Write manifest.json (sha256 of every file)' },
    run: async () => {
      const manifest: BundleManifest = { format: BUNDLE_FORMAT, createdAt: (opts.now ?? (() => new Date()))().toISOString(), images: entries, addons };
      const temp = join(dir, '.manifest.json.partial');
      await writeFile(temp, JSON.stringify(manifest, null, 2) + '\n');
      await rename(temp, join(dir, 'manifest.json'));
      return join(dir, 'manifest.json');
    },
  });
  return tasks;
}

export interface LoadBundleOptions extends BundleOptions {
  clusterName: string;
  /** Where add-on manifests go so `up` finds them offline (the same cacheDir `up` uses). */
  cacheDir: string;
}

export interface BundleLoadPlan {
  tasks: ProgressTask[];
  /** Said to the user before the tasks run (e.g. why images are not loaded into nodes yet). */
  notes: Text[];
}

export async function readBundleManifest(dir: string): Promise<BundleManifest> {
  let raw: string;
  try {
    raw = await readFile(join(dir, 'manifest.json'), 'utf8');
  } catch {
    throw new SetupProblem(
      'bundle-missing',
      { ja: `${dir} はバンドルではありません`, en: `${dir} is not a bundle` },
      { ja: 'フォルダの中の manifest.json', en: 'manifest.json in the folder' },
      { ja: 'manifest.json がありません', en: 'no manifest.json' },
      { ja: '`kindlab bundle create DIR` で作ったフォルダを指定してください。', en: 'Point to a folder made by `kindlab bundle create DIR`.' },
    );
  }
  const manifest = JSON.parse(raw) as BundleManifest;
  if (manifest.format !== BUNDLE_FORMAT) {
    throw new SetupProblem(
      'bundle-format',
      { ja: 'バンドルの形式が違います', en: 'Unknown bundle format' },
      BUNDLE_FORMAT,
      String(manifest.format),
      { ja: '同じ版の kindlab でバンドルを作り直してください。', en: 'Recreate the bundle with the same kindlab version.' },
    );
  }
  return manifest;
}

/** Every file's sha256 against manifest.json; throws one SetupProblem naming every bad file. */
export async function verifyBundle(dir: string, manifest: BundleManifest): Promise<void> {
  const bad: string[] = [];
  for (const entry of [...manifest.images, ...manifest.addons]) {
    const actual = await sha256File(join(dir, entry.file)).catch(() => 'missing');
    if (actual !== entry.sha256) bad.push(`${entry.file} (${actual === 'missing' ? 'missing' : `sha256 ${actual}`})`);
  }
  if (bad.length > 0) {
    throw new SetupProblem(
      'bundle-checksum',
      { ja: 'バンドルのファイルが壊れているか欠けています。何も読み込んでいません', en: 'Bundle files are damaged or missing; nothing was loaded' },
      { ja: 'manifest.json のとおりのすべての sha256', en: 'every sha256 as listed in manifest.json' },
      bad.join(', '),
      { ja: 'バンドルをもう一度コピーしてください（USB コピーの途中切れがよくある原因です）。', en: 'Copy the bundle again (an interrupted USB copy is the usual cause).' },
    );
  }
}

function digestLost(image: BundleManifest['images'][number], digestDetail: string, tagId: string | null, tagDetail: string | undefined): SetupProblem {
  const expected = image.tag && image.imageId
    ? { ja: `${image.ref} か、イメージ ID ${image.imageId} の ${image.tag} が見つかる`, en: `${image.ref}, or ${image.tag} with image ID ${image.imageId}, is found` }
    : { ja: `docker image inspect ${image.ref} が成功する`, en: `docker image inspect ${image.ref} succeeds` };
  const observed = !image.tag || !image.imageId
    ? `${digestDetail} (manifest.json records no tag or image ID: a bundle made before kindlab recorded them)`
    : tagId === null
      ? `${digestDetail}; ${image.tag}: ${tagDetail ?? 'not found'}`
      : `${digestDetail}; ${image.tag} has image ID ${tagId}, not ${image.imageId}`;
  return new SetupProblem(
    'digest-lost',
    { ja: '読み込んだノードイメージが、ダイジェストでも記録どおりのイメージ ID のタグでも見つかりません', en: 'The loaded node image is found neither by its digest nor as a tag with the recorded image ID' },
    expected,
    observed,
    {
      ja: [
        tagId !== null ? `${image.tag} は別のイメージです（バンドルが入れ替わっているか、講師の手元で同じタグが別のイメージを指していました）。講師に \`kindlab bundle create\` で作り直してもらってください。` : '新しい kindlab で作ったバンドル（タグとイメージ ID を記録したもの）で、もう一度 `kindlab bundle load` してください。',
        'または Docker の containerd イメージストアを有効にしてからもう一度 `kindlab bundle load` してください: Docker Desktop は「Settings → General → Use containerd for pulling and storing images」、Linux の Docker Engine 24 以降は /etc/docker/daemon.json に {"features":{"containerd-snapshotter":true}} を書いて `sudo systemctl restart docker`（それまでのイメージとコンテナは見えなくなります）。',
        'あるいは会場の前にネットワークのある所で `kindlab images pull` を実行してください。',
      ].join(' '),
      en: [
        tagId !== null ? `${image.tag} is another image (the bundle was altered, or the tag named another image where it was made); ask the instructor to recreate it with \`kindlab bundle create\`.` : 'Run `kindlab bundle load` again with a bundle made by a newer kindlab (one that records the tag and image ID).',
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
  const tasks: ProgressTask[] = [];
  const notes: Text[] = [];
  tasks.push({
    title: { ja: `${manifest.images.length + manifest.addons.length} 個のファイルの sha256 を確認`, en: `Verify the sha256 of ${manifest.images.length + manifest.addons.length} files` },
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
        ? { ja: `ダイジェストか、記録したイメージ ID のタグ ${image.tag} で見つかるか確認: ${image.ref}`, en: `Check Docker finds ${image.ref} by digest, or as ${image.tag} with the recorded image ID` }
        : { ja: `ダイジェストで見つかるか確認: ${image.ref}`, en: `Check Docker finds ${image.ref} by digest` },
      shown: argv,
      run: async (sig) => {
        const byDigest = await localImageId(image.ref, { env: opts.env, runner: run, timeoutMs: 30_000, signal: sig });
        if (byDigest.id !== null) return;
        const byTag = image.tag && image.imageId ? await localImageId(image.tag, { env: opts.env, runner: run, timeoutMs: 30_000, signal: sig }) : undefined;
        if (byTag && byTag.id === image.imageId) {
          await recordVerifiedImage(opts.cacheDir, image.ref, { tag: image.tag!, imageId: image.imageId, bundle: dir, verifiedAt: (opts.now ?? (() => new Date()))().toISOString() });
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
  const exists = clusters.exitCode === 0 && clusters.stdout.split('\n').map((l) => l.trim()).includes(opts.clusterName);
  const refs = manifest.images.filter((i) => i.loadIntoNodes).map((i) => i.ref);
  if (exists && refs.length > 0) {
    const argv = ['kind', 'load', 'docker-image', '--name', opts.clusterName, ...refs];
    tasks.push({
      title: { ja: 'イメージをノードへ読み込む', en: 'Load the images into the nodes' },
      shown: argv,
      run: async (sig) => void mustSucceed(await run(argv, { timeoutMs: t * Math.max(1, Math.ceil(refs.length / 3)), signal: sig, env: opts.env }), 'kind load docker-image'),
    });
  } else if (refs.length > 0) {
    notes.push({
      ja: `クラスタ ${opts.clusterName} はまだありません。イメージは Docker に入ります。\`kindlab up\` の後に \`kindlab images load\` でノードへ読み込んでください。`,
      en: `Cluster ${opts.clusterName} does not exist yet. The images go into Docker; after \`kindlab up\`, run \`kindlab images load\` to put them into the nodes.`,
    });
  }
  return { tasks, notes };
}

/**
 * What a bundle holds: every pinned image, and Calico (manifest and images) only when its manifest
 * is pinned — an unpinned one cannot be installed anyway, so it is left out with a note, not a failure.
 */
export async function bundleContents(
  images: PinnedImage[],
  opts: { addonsDir: string; wantCalico: boolean },
): Promise<{ images: PinnedImage[]; includeCalico: boolean; notes: Text[] }> {
  const { calicoPin } = await import('./profiles/calico-manifest.js');
  const pin = await calicoPin(opts.addonsDir);
  const includeCalico = opts.wantCalico && pin.sha256 !== null;
  const notes: Text[] = [];
  if (opts.wantCalico && !includeCalico) {
    notes.push({
      ja: `Calico ${pin.version} は含めません: マニフェストの sha256 がまだ記録されていません (addons/README.md)。kindnet プロファイルのレッスンはオフラインで動きます。`,
      en: `Calico ${pin.version} is left out: its manifest's sha256 is not recorded yet (addons/README.md). The lessons work offline on the kindnet profile.`,
    });
  }
  return { images: includeCalico ? images : images.filter((i) => !i.profiles?.some((p) => p.startsWith('calico'))), includeCalico, notes };
}
