// Opens the lab's cluster through the kind adapter and learns its profile from the kindlab-info
// ConfigMap that `kindlab up` writes last (so a half-made cluster is noticed, not guessed at).
import type { Cluster } from './port.js';
import { ClusterUnreachable } from './port.js';
import { KindCluster } from './kind/adapter.js';
import { INFO_CONFIGMAP, INFO_NAMESPACE } from './kind/lifecycle.js';

export interface OpenOptions {
  clusterName: string;
  /** Only when the user named one: writes then go there instead of kind-<clusterName>. */
  context?: string;
  /** Default: KUBECONFIG or ~/.kube/config, as kubectl reads them. */
  kubeconfig?: string;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

export async function openLabCluster(opts: OpenOptions): Promise<Cluster> {
  const base = {
    clusterName: opts.clusterName,
    context: opts.context,
    allowOtherContext: opts.context !== undefined,
    kubeconfig: opts.kubeconfig,
    env: opts.env,
  };
  const probe = new KindCluster({ ...base, profile: 'unknown' });
  let info;
  try {
    info = await probe.read({ kind: 'configmap', name: INFO_CONFIGMAP, namespace: INFO_NAMESPACE }, { timeoutMs: 10_000, signal: opts.signal });
  } catch (error) {
    // The cause is kindlab's own words when the adapter said it (ClusterUnreachable), else the library's.
    const cause = error instanceof ClusterUnreachable ? error.text : { ja: (error as Error).message, en: (error as Error).message };
    throw new ClusterUnreachable(
      {
        ja: `クラスタ "${opts.clusterName}" (コンテキスト ${probe.context}) が応答しません: ${cause.ja}`,
        en: `cluster "${opts.clusterName}" (context ${probe.context}) did not answer: ${cause.en}`,
      },
      {
        ja: 'kindlab up        # ラボのクラスタを作る、または直す\nkindlab doctor    # Docker、kind、kubectl を確認する',
        en: 'kindlab up        # create or repair the lab cluster\nkindlab doctor    # check Docker, kind and kubectl',
      },
    );
  }
  const profile = (info[0] as { data?: { profile?: string } } | undefined)?.data?.profile;
  if (!profile) {
    throw new ClusterUnreachable(
      {
        ja: `クラスタ "${opts.clusterName}" はありますが、kindlab up で作り終えられていません (${INFO_NAMESPACE}/${INFO_CONFIGMAP} がありません)`,
        en: `cluster "${opts.clusterName}" exists but was not finished by kindlab up (no ${INFO_NAMESPACE}/${INFO_CONFIGMAP})`,
      },
      { ja: 'kindlab up        # 確認してから直すか作り直します', en: 'kindlab up        # repairs or recreates it, asking first' },
    );
  }
  return new KindCluster({ ...base, profile });
}
