// Cluster profile names and the families lessons may name in `profiles:` and `when: { profile: }`.
// The facts behind each profile (CIDRs, devices, manifests) live with the adapter in src/cluster/kind/profiles/.

export const PROFILES = ['calico-vxlan', 'calico-ipip', 'calico-bgp', 'kindnet'] as const;
export type ProfileName = (typeof PROFILES)[number];

/** Families group profiles by what a learner sees on the wire and in `ip route`. */
export const PROFILE_FAMILIES: Record<string, readonly ProfileName[]> = {
  all: PROFILES,
  calico: ['calico-vxlan', 'calico-ipip', 'calico-bgp'],
  overlay: ['calico-vxlan', 'calico-ipip'],
  'host-routing': ['calico-bgp', 'kindnet'],
};

export const PROFILE_OR_FAMILY = [...PROFILES, ...Object.keys(PROFILE_FAMILIES)] as const;

export function expandProfiles(names: readonly string[]): ProfileName[] {
  const out = new Set<ProfileName>();
  for (const name of names) {
    const family = PROFILE_FAMILIES[name];
    if (family) family.forEach((p) => out.add(p));
    else if ((PROFILES as readonly string[]).includes(name)) out.add(name as ProfileName);
  }
  return [...out];
}

export function isProfile(name: string): name is ProfileName {
  return (PROFILES as readonly string[]).includes(name);
}
