// inotify-watches: fs.inotify.max_user_watches as kind recommends for multi-node clusters (Linux only; a warning).
import { MIN_INOTIFY_WATCHES } from '../thresholds.js';
import type { NamedCheck } from '../types.js';
import { notOnMac, symptom, sysctlFile, unreadable } from './inotify-sysctl.js';

export const inotifyWatchesCheck: NamedCheck = {
  name: 'inotify-watches',
  judge: (facts) => {
    if (!facts.inotify) return null;
    const w = facts.inotify.maxUserWatches;
    return {
      id: 'inotify-watches',
      ok: w !== null && w >= MIN_INOTIFY_WATCHES,
      ...(w === null ? { unknown: true } : {}),
      severity: 'warning',
      title: { ja: 'inotify の監視数の上限（kind がマルチノードに推奨）', en: 'inotify watch limit (kind recommends it for multi-node clusters)' },
      expected: `fs.inotify.max_user_watches >= ${MIN_INOTIFY_WATCHES}`,
      observed: w === null ? unreadable : String(w),
      fix: { linux: [`sudo sysctl fs.inotify.max_user_watches=${MIN_INOTIFY_WATCHES}`, sysctlFile, symptom], macos: [notOnMac] },
    };
  },
};
