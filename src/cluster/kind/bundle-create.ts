// `kindlab bundle create`: every pinned image (`docker save`) and add-on manifest in one folder,
// for workshops without network, with manifest.json (bundle-manifest.ts) written last.
import { copyFile, mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Text } from '../../core/text.js';
import type { Task } from '../../core/task.js';
import { mustSucceed, runProcess } from '../process.js';
import { CLOUD_PROVIDER_KIND_IMAGE, type PinnedImage } from './images.js';
import { cloudProviderProxyImages } from './addons/cloud-provider-kind.js';
import { ensureCalicoManifest } from './profiles/calico-manifest.js';
import { archiveName, BUNDLE_FORMAT, type BundleManifest, type BundleOptions } from './bundle-manifest.js';
import { sha256File } from './verified-download.js';
import { isDigestPinned, localImageId, tagFor } from './verified-images.js';

export interface CreateBundleOptions extends BundleOptions {
  images: PinnedImage[];
  /** Include the pinned Calico manifest (needed when any calico-* profile will be used). */
  includeCalico: boolean;
  addonsDir: string;
  cacheDir: string;
  allowDownload?: boolean;
}

export function planBundleCreate(dir: string, opts: CreateBundleOptions): Task[] {
  const run = opts.runner ?? runProcess;
  const t = opts.timeoutMs ?? 600_000;
  const entries: BundleManifest['images'] = [];
  const addons: BundleManifest['addons'] = [];
  const tasks: Task[] = [];
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
        const { path, pin } = await ensureCalicoManifest({
          addonsDir: opts.addonsDir,
          cacheDir: opts.cacheDir,
          allowDownload: opts.allowDownload ?? true,
          timeoutMs: t,
          signal,
        });
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
      title: { ja: 'cloud-provider-kind が使うプロキシのイメージを保存', en: 'Save the proxy image cloud-provider-kind uses' },
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
