// inotify-instances: fs.inotify.max_user_instances as kind recommends for multi-node clusters (Linux only; a warning).
import { MIN_INOTIFY_INSTANCES } from '../thresholds.js';
import type { NamedCheck } from '../types.js';
import { notOnMac, symptom, sysctlFile, unreadable } from './inotify-sysctl.js';

export const inotifyInstancesCheck: NamedCheck = {
  name: 'inotify-instances',
  judge: (facts) => {
    if (!facts.inotify) return null;
    const i = facts.inotify.maxUserInstances;
    return {
      id: 'inotify-instances',
      ok: i !== null && i >= MIN_INOTIFY_INSTANCES,
      ...(i === null ? { unknown: true } : {}),
      severity: 'warning',
      title: { ja: 'inotify インスタンス数の上限（kind がマルチノードに推奨）', en: 'inotify instance limit (kind recommends it for multi-node clusters)' },
      expected: `fs.inotify.max_user_instances >= ${MIN_INOTIFY_INSTANCES}`,
      observed: i === null ? unreadable : String(i),
      fix: { linux: [`sudo sysctl fs.inotify.max_user_instances=${MIN_INOTIFY_INSTANCES}`, sysctlFile, symptom], macos: [notOnMac] },
    };
  },
};
