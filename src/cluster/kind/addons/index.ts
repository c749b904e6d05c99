// Installers for the add-ons named in src/lessons/addons.ts: each applies its pinned, checksummed
// manifests through the adapter (or, for a container beside the cluster, starts it through the
// host's Docker) and waits until the add-on is ready. Idempotent.
import type { CallOptions, Cluster } from '../../port.js';
import { SetupProblem } from '../problem.js';
import { installCloudProviderKind, type HostDocker } from './cloud-provider-kind.js';

/** `host` reaches the host's Docker for add-ons that run beside the cluster (default: this process's environment). */
export type AddonInstaller = (cluster: Cluster, opts: CallOptions, host?: HostDocker) => Promise<void>;

export const ADDON_INSTALLERS: Record<string, AddonInstaller> = {
  'cloud-provider-kind': async (cluster, opts, host) => void (await installCloudProviderKind(cluster, opts, host)),
};

export async function ensureAddon(cluster: Cluster, name: string, opts: CallOptions, host?: HostDocker): Promise<void> {
  const install = ADDON_INSTALLERS[name];
  if (!install) {
    throw new SetupProblem(
      'unknown-addon',
      { ja: `アドオン ${name} はこの kindlab にありません`, en: `Add-on ${name} is not part of this kindlab` },
      { ja: `${Object.keys(ADDON_INSTALLERS).join(', ') || '(なし)'} のどれか`, en: `one of: ${Object.keys(ADDON_INSTALLERS).join(', ') || '(none)'}` },
      name,
      { ja: 'レッスンの addons: を確認してください (kindlab validate)', en: "Check the lesson's addons: (kindlab validate)" },
    );
  }
  await install(cluster, opts, host);
}
