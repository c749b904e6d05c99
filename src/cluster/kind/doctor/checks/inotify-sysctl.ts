// The fix lines both inotify checks show: raise the limit now, keep it after reboot, and what the symptom looks like.
import { MIN_INOTIFY_INSTANCES, MIN_INOTIFY_WATCHES } from '../thresholds.js';
import type { Text } from '../../../../core/text.js';
import { note } from './text.js';

export const unreadable: Text = { ja: '読めません', en: 'unreadable' };
export const notOnMac = note('macOS では不要です (Docker Desktop が VM の中で設定します)', 'not applicable on macOS: Docker Desktop sets this inside its VM');
export const symptom = note(
  'kind の既知の問題: Pod が "too many open files" で失敗するときの原因です。3 ノードなら多くの場合は動きますが、上げておくと確実です',
  'kind known issues: the cause of Pods failing with "too many open files"; 3 nodes usually start anyway, raising it makes sure',
);
export const sysctlFile =
  `printf 'fs.inotify.max_user_watches = ${MIN_INOTIFY_WATCHES}\\nfs.inotify.max_user_instances = ${MIN_INOTIFY_INSTANCES}\\n'` +
  ' | sudo tee /etc/sysctl.d/99-kindlab.conf';
