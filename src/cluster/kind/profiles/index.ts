// The four cluster profiles, by name. `profileFacts(name)` is what lessons and the engine read.
import type { ProfileName } from '../../../lessons/profile-names.js';
import { calicoBgp } from './calico-bgp.js';
import { calicoIpip } from './calico-ipip.js';
import { calicoVxlan } from './calico-vxlan.js';
import { kindnet } from './kindnet.js';
import type { ProfileFacts } from './types.js';

export type { ProfileFacts, CrossNodeRoute, NetworkingPatch, CalicoInstall, CalicoPoolMode, Encapsulation } from './types.js';
export { POD_CIDR, SERVICE_CIDR, KUBE_DNS_IP } from './common.js';

export const PROFILE_FACTS: Readonly<Record<ProfileName, ProfileFacts>> = {
  'calico-vxlan': calicoVxlan,
  'calico-ipip': calicoIpip,
  'calico-bgp': calicoBgp,
  kindnet,
};

/**
 * The default profile: kindnet. It is the most portable: nothing to install beyond the pinned node
 * image (so it works offline and on Docker Desktop), it starts fastest, and it enforces
 * NetworkPolicy (kind v0.24+). calico-vxlan would show an overlay by default, but it downloads the
 * Calico manifest on first use (or needs the offline bundle); lessons that need an overlay say so.
 */
export const DEFAULT_PROFILE: ProfileName = 'kindnet';

export function profileFacts(name: ProfileName): ProfileFacts {
  return PROFILE_FACTS[name];
}

/** Matches one `ip route` line against the profile's cross-node route shape. */
export function matchCrossNodeRoute(name: ProfileName, line: string): { block: string; via: string; dev: string } | null {
  const m = new RegExp(PROFILE_FACTS[name].crossNodeRoute.pattern).exec(line.trim());
  const g = m?.groups;
  return g && g.block && g.via && g.dev ? { block: g.block, via: g.via, dev: g.dev } : null;
}
