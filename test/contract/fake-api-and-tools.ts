// The two fakes the kind adapter's contract tests run against, started before each test and stopped
// after it: the fake API server (client-node and the real kubectl talk to it, through a kubeconfig
// written for it) and the fake tools on PATH (fakes/harness.ts). Call it at the top of a test file.
// fakeToolsCluster: the fake tools alone, with a kindnet KindCluster on them (no API server).
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { KindCluster } from '../../src/cluster/kind/adapter.js';
import { FakeApiServer } from './fakes/api-server.js';
import { fakeTools, type FakeRule, type FakeTools } from './fakes/harness.js';

export interface ApiAndTools {
  api: FakeApiServer;
  tools: FakeTools;
  /** A kubeconfig whose kind-kindlab context is the fake API server. */
  kubeconfig: string;
}

export function fakeApiAndTools(opts: { api?: ConstructorParameters<typeof FakeApiServer>[0]; rules?: FakeRule[] } = {}): ApiAndTools {
  const fake = {} as ApiAndTools;
  beforeEach(async () => {
    fake.api = new FakeApiServer(opts.api);
    await fake.api.start();
    fake.tools = fakeTools(opts.rules);
    fake.kubeconfig = fake.api.writeKubeconfig(path.join(fake.tools.dir, 'kubeconfig'));
  });
  afterEach(async () => {
    await fake.api.stop();
    fake.tools.cleanup();
  });
  return fake;
}

export interface ToolsAndCluster {
  tools: FakeTools;
  /** The kind adapter (kindnet) with the fake tools first on PATH; its kubeconfig is never read. */
  cluster: KindCluster;
}

/** Before each test a fresh fake-tools kit with no rules and the adapter on it; removed after the test. */
export function fakeToolsCluster(): ToolsAndCluster {
  const fake = {} as ToolsAndCluster;
  beforeEach(() => {
    fake.tools = fakeTools();
    fake.cluster = new KindCluster({ profile: 'kindnet', kubeconfig: path.join(fake.tools.dir, 'unused'), env: fake.tools.env });
  });
  afterEach(() => fake.tools.cleanup());
  return fake;
}
