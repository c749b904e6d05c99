// Installers for the add-ons named in src/lab/addons.ts: each applies its pinned, checksummed
// manifests through the adapter and waits until the add-on is ready. Idempotent.
import type { CallOptions, Cluster } from '../../port.js';
import { SetupProblem } from '../problem.js';

export type AddonInstaller = (cluster: Cluster, opts: CallOptions) => Promise<void>;

export const ADDON_INSTALLERS: Record<string, AddonInstaller> = {};

export async function ensureAddon(cluster: Cluster, name: string, opts: CallOptions): Promise<void> {
  const install = ADDON_INSTALLERS[name];
  if (!install) {
    throw new SetupProblem(
      'unknown-addon',
      { ja: `アドオン ${name} はこの kindlab にありません`, en: `Add-on ${name} is not part of this kindlab` },
      `one of: ${Object.keys(ADDON_INSTALLERS).join(', ') || '(none)'}`,
      name,
      { ja: 'レッスンの addons: を確認してください (kindlab validate)', en: "Check the lesson's addons: (kindlab validate)" },
    );
  }
  await install(cluster, opts);
}
