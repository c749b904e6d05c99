// One kindlab through the real kind adapter, for tests of the product's main path: the CLI's main()
// with a fresh KINDLAB_HOME, the fake API server (answering client-node and the real kubectl) holding
// the kindlab-info record of a kindnet cluster, and the fake tools first on PATH. Call it at the top
// of a test file; it starts everything before each test and stops it after.
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openLabCluster } from '../../src/cluster/open.js';
import { unattendedPrompts } from '../../src/ui/prompts.js';
import { tempHome } from '../cli/run-cli.js';
import { FakeApiServer } from './fakes/api-server.js';
import { fakeTools, type FakeTools } from './fakes/harness.js';

export interface ThroughAdapter {
  api: FakeApiServer;
  tools: FakeTools;
  kubeconfig: string;
  /** Runs `kindlab ARGV` in English against the test lessons (test/fixtures/labs); what it printed and its exit code. */
  kindlab(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}

export function kindlabThroughAdapter(): ThroughAdapter {
  let home = '';
  let cleanup: () => Promise<void> = async () => {};
  const lab = {} as ThroughAdapter;
  beforeEach(async () => {
    lab.api = new FakeApiServer();
    await lab.api.start();
    lab.tools = fakeTools();
    lab.kubeconfig = lab.api.writeKubeconfig(path.join(lab.tools.dir, 'kubeconfig'));
    ({ home, cleanup } = await tempHome());
    lab.api.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kindlab-info', namespace: 'kube-system' }, data: { profile: 'kindnet', nodeImage: 'kindest/node:v1.33.4' } } as never);
  });
  afterEach(async () => {
    await lab.api.stop();
    lab.tools.cleanup();
    await cleanup();
  });
  lab.kindlab = async (argv) => {
    let stdout = '';
    let stderr = '';
    const { kubeconfig, tools } = lab;
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
  return lab;
}
