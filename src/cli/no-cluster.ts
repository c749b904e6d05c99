// "Cannot reach the cluster" has one common cause that deserves its own words: there is no lab
// cluster yet. Told apart by the kubeconfig, which then lacks the lab's context altogether.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ClusterUnreachable } from '../cluster/index.js';

export class NoLabCluster extends ClusterUnreachable {
  constructor(context: string) {
    super(
      {
        ja: `ラボのクラスタがまだありません。先に \`kindlab up\` を実行してください (kubeconfig にコンテキスト ${context} がありません)`,
        en: `There is no lab cluster yet: run \`kindlab up\` first (the kubeconfig has no context ${context})`,
      },
      {
        ja: 'kindlab doctor    # Docker、kind、kubectl を確認\nkindlab up        # ラボのクラスタを作る',
        en: 'kindlab doctor    # check Docker, kind and kubectl\nkindlab up        # create the lab cluster',
      },
      false,
    );
    this.name = 'NoLabCluster';
  }
}

/** Whether any kubeconfig file kubectl would read (KUBECONFIG, else ~/.kube/config) names `context`. */
export async function kubeconfigHasContext(env: NodeJS.ProcessEnv, context: string): Promise<boolean> {
  // yaml only on this error path: every command imports this module, and yaml costs ~0.1 s to load.
  const { parse } = await import('yaml');
  const files = env.KUBECONFIG ? env.KUBECONFIG.split(path.delimiter).filter(Boolean) : [path.join(env.HOME || os.homedir(), '.kube', 'config')];
  for (const file of files) {
    try {
      const config = parse(await readFile(file, 'utf8')) as { contexts?: { name?: string }[] } | null;
      if (config?.contexts?.some((c) => c?.name === context)) return true;
    } catch {
      // missing or unreadable: names no context
    }
  }
  return false;
}
