// ConfigMap kube-system/kindlab-info: written last by `up`, so its presence means the cluster was set
// up to the end, and it records the profile the cluster was made with.
import type { ProfileName } from '../../lessons/profile-names.js';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../port.js';

export const INFO_CONFIGMAP = 'kindlab-info';
export const INFO_NAMESPACE = 'kube-system';

export function infoConfigMap(profile: ProfileName, nodeImage: string) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: INFO_CONFIGMAP, namespace: INFO_NAMESPACE, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE } },
    data: { profile, nodeImage },
  };
}
