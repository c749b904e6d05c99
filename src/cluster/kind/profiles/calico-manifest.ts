// The Calico manifest: find the pinned file, prove its sha256, and set the IP pool per profile on
// the parsed objects (never by string replacement). Pins live in addons/checksums.json.
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { z } from 'zod';
import { SetupProblem } from '../problem.js';
import { checksumMismatch, downloadVerified, sha256File } from '../verified-download.js';
import type { CalicoInstall } from './types.js';

const AddonPin = z.object({
  version: z.string(),
  file: z.string(),
  url: z.string().url(),
  source: z.object({ repo: z.string(), path: z.string(), ref: z.string() }),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  images: z.array(z.string()),
});
export type AddonPin = z.infer<typeof AddonPin>;
const Checksums = z.object({ addons: z.record(z.string(), AddonPin) });

export async function readAddonPins(addonsDir: string): Promise<Record<string, AddonPin>> {
  const raw = JSON.parse(await readFile(join(addonsDir, 'checksums.json'), 'utf8')) as unknown;
  return Checksums.parse(raw).addons;
}

export async function calicoPin(addonsDir: string): Promise<AddonPin> {
  const pin = (await readAddonPins(addonsDir)).calico;
  if (!pin) throw new Error(`${join(addonsDir, 'checksums.json')} has no "calico" entry`);
  return pin;
}

const notPinned = (pin: AddonPin) =>
  new SetupProblem(
    'calico-not-pinned',
    {
      ja: `Calico ${pin.version} のマニフェストの sha256 がまだ記録されていません`,
      en: `The sha256 of the Calico ${pin.version} manifest is not recorded yet`,
    },
    { ja: 'addons/checksums.json に sha256 がある', en: 'a sha256 in addons/checksums.json' },
    'null',
    {
      ja: 'インターネットにつながるマシンで `node scripts/pin-addons.mjs` を実行して記録するか、今は `--profile kindnet` を使ってください。',
      en: 'Record it by running `node scripts/pin-addons.mjs` on a machine with internet, or use `--profile kindnet` for now.',
    },
  );

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

export interface EnsureOptions {
  addonsDir: string;
  /** Where a downloaded copy is kept when the repository has none. */
  cacheDir: string;
  allowDownload: boolean;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Path of a Calico manifest whose sha256 equals the pinned one; throws a SetupProblem otherwise. */
export async function ensureCalicoManifest(opts: EnsureOptions): Promise<{ path: string; pin: AddonPin }> {
  const pin = await calicoPin(opts.addonsDir);
  if (!pin.sha256) throw notPinned(pin);
  for (const candidate of [join(opts.addonsDir, pin.file), join(opts.cacheDir, pin.file)]) {
    if (!(await exists(candidate))) continue;
    const actual = await sha256File(candidate);
    if (actual !== pin.sha256) throw checksumMismatch(candidate, pin.sha256, actual);
    return { path: candidate, pin };
  }
  if (!opts.allowDownload) {
    throw new SetupProblem(
      'calico-missing',
      { ja: `Calico ${pin.version} のマニフェストが見つかりません`, en: `The Calico ${pin.version} manifest is not here` },
      {
        ja: `${join(opts.addonsDir, pin.file)} か ${join(opts.cacheDir, pin.file)}`,
        en: `${join(opts.addonsDir, pin.file)} or ${join(opts.cacheDir, pin.file)}`,
      },
      { ja: 'どちらもありません', en: 'neither exists' },
      {
        ja: 'ネットワークのある状態で `kindlab up` を実行するか、オフラインバンドルを `kindlab bundle load` してください。',
        en: 'Run `kindlab up` once with network, or `kindlab bundle load` an offline bundle.',
      },
    );
  }
  const dest = join(opts.cacheDir, pin.file);
  await downloadVerified(pin.url, pin.sha256, dest, { timeoutMs: opts.timeoutMs, signal: opts.signal, mode: 0o644 });
  return { path: dest, pin };
}

type Obj = Record<string, unknown>;
type EnvVar = { name: string; value?: string; valueFrom?: unknown };
const asObj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

function calicoNodeContainer(objects: Obj[]): Obj {
  const ds = objects.find((o) => o.kind === 'DaemonSet' && asObj(o.metadata)?.name === 'calico-node');
  const containers = asObj(asObj(asObj(ds?.spec)?.template)?.spec)?.containers;
  const container = Array.isArray(containers) ? (containers as Obj[]).find((c) => c.name === 'calico-node') : undefined;
  if (!container) throw new Error('Calico manifest has no DaemonSet calico-node with a container calico-node');
  return container;
}

function setEnv(container: Obj, name: string, value: string): void {
  const env = (Array.isArray(container.env) ? container.env : (container.env = [])) as EnvVar[];
  const existing = env.find((e) => e.name === name);
  if (existing) {
    delete existing.valueFrom;
    existing.value = value;
  } else env.push({ name, value });
}

function dropBirdChecks(container: Obj): void {
  for (const probe of ['livenessProbe', 'readinessProbe']) {
    const command = asObj(asObj(container[probe])?.exec)?.command;
    if (Array.isArray(command)) {
      const kept = command.filter((arg) => arg !== '-bird-live' && arg !== '-bird-ready');
      command.splice(0, command.length, ...kept);
    }
  }
}

/** The manifest objects with the profile's IP pool settings applied. */
export function patchCalicoObjects(objects: Obj[], install: CalicoInstall): Obj[] {
  const out = structuredClone(objects);
  const container = calicoNodeContainer(out);
  for (const [name, value] of Object.entries(install.env)) setEnv(container, name, value);
  if (install.backend === 'vxlan') {
    const cm = out.find((o) => o.kind === 'ConfigMap' && asObj(o.metadata)?.name === 'calico-config');
    const data = asObj(cm?.data);
    if (!data) throw new Error('Calico manifest has no ConfigMap calico-config with data');
    data.calico_backend = 'vxlan';
    dropBirdChecks(container);
  }
  return out;
}

export function parseManifest(text: string): Obj[] {
  const docs = parseAllDocuments(text);
  const objects: Obj[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`Calico manifest: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value = asObj(doc.toJS());
    if (value) objects.push(value);
  }
  return objects;
}

export function renderManifest(objects: Obj[]): string {
  return objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');
}

/** Every container image the manifest names, in order, without repeats. */
export function manifestImages(objects: Obj[]): string[] {
  const images: string[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if ((k === 'containers' || k === 'initContainers') && Array.isArray(child)) {
          for (const c of child) if (typeof asObj(c)?.image === 'string') images.push(asObj(c)!.image as string);
        }
        visit(child);
      }
    }
  };
  objects.forEach(visit);
  return [...new Set(images)];
}
