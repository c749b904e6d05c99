// calico-manifest: a Calico profile applies its manifest only when addons/checksums.json pins it by sha256.
import type { NamedCheck } from '../types.js';
import { note } from './text.js';

export const calicoManifestCheck: NamedCheck = {
  name: 'calico-manifest',
  judge: (facts) => {
    // Gathered only for Calico profiles (checkMachine), so its absence means the check does not apply.
    if (!facts.calicoPinned) return null;
    const { pinned, version } = facts.calicoPinned;
    const calicoFix = [
      'node scripts/pin-addons.mjs',
      note('メンテナ向け: インターネットにつながる PC で', 'maintainers, on a machine with internet'),
      'kindlab up --profile kindnet',
      note('kindnet なら Calico なしで動きます', 'works without Calico'),
    ];
    return {
      id: 'calico-manifest',
      ok: pinned,
      severity: 'error',
      title: { ja: `Calico ${version} のマニフェストが sha256 で固定されている`, en: `The Calico ${version} manifest is pinned by sha256` },
      expected: { ja: 'addons/checksums.json に sha256 がある', en: 'a sha256 in addons/checksums.json' },
      observed: pinned ? { ja: '固定済み', en: 'pinned' } : { ja: 'まだ記録されていません', en: 'not recorded yet' },
      fix: { linux: calicoFix, macos: calicoFix },
    };
  },
};
