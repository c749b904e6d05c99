// One kindlab through the real kind adapter, for tests of the product's main path: the CLI's main()
// with a fresh KINDLAB_HOME, the fake API server and fake tools of fake-api-and-tools.ts, the server
// holding the kindlab-info record of a kindnet cluster. Call it at the top of a test file; it starts
// everything before each test and stops it after.
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openLabCluster } from '../../src/cluster/open.js';
import { unattendedPrompts } from '../../src/ui/prompts.js';
import { tempHome } from '../cli/run-cli.js';
import { fakeApiAndTools, type ApiAndTools } from './fake-api-and-tools.js';

export interface ThroughAdapter extends ApiAndTools {
  /** Runs `kindlab ARGV` in English against the test lessons (test/fixtures/labs); what it printed and its exit code. */
  kindlab(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}

export function kindlabThroughAdapter(): ThroughAdapter {
  const fake = fakeApiAndTools();
  let home = '';
  let cleanup: () => Promise<void> = async () => {};
  beforeEach(async () => {
    ({ home, cleanup } = await tempHome());
    fake.api.put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kindlab-info', namespace: 'kube-system' },
      data: { profile: 'kindnet', nodeImage: 'kindest/node:v1.33.4' },
    } as never);
  });
  afterEach(() => cleanup());
  const kindlab = async (argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const { kubeconfig, tools } = fake;
    const code = await main(argv, {
      // The kubeconfig the cluster is opened with is the one kubectl reads (KUBECONFIG), as in the product.
      env: { KINDLAB_HOME: home, LANG: 'en_US.UTF-8', KINDLAB_LABS: path.resolve('test/fixtures/labs'), KUBECONFIG: kubeconfig },
      stdout: { write: (t: string) => void (stdout += t), isTTY: false },
      stderr: { write: (t: string) => void (stderr += t) },
      stdinIsTTY: false,
      signal: new AbortController().signal,
      prompts: unattendedPrompts(),
      openCluster: (app) => openLabCluster({ clusterName: app.clusterName, kubeconfig, env: tools.env, signal: app.signal }),
    });
    return { code, stdout, stderr };
  };
  return Object.assign(fake, { kindlab });
}
