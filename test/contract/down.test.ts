// kindlab down through the CLI against fake kind and docker: the cloud-provider-kind container
// beside the nodes goes first (absent is normal), then the cluster. Fake answers are typed in the
// formats docker and kind print; they are not recordings.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli, tempHome } from '../cli/run-cli.js';
import { fakeTools, type FakeTools } from './fakes/harness.js';

let tools: FakeTools | undefined;
afterEach(() => {
  tools?.cleanup();
  vi.unstubAllEnvs();
});

describe('kindlab down', () => {
  it('removes the provider container if any, then deletes the kind cluster', async () => {
    tools = fakeTools([
      { tool: 'kind', argv: ['get', 'clusters'], stdout: 'kindlab\n' },
      {
        tool: 'docker',
        argv: ['rm', '-f', 'kindlab-cloud-provider'],
        stderr: 'Error response from daemon: No such container: kindlab-cloud-provider\n',
        exitCode: 1,
      },
      {
        tool: 'kind',
        argv: ['delete', 'cluster', '--name', 'kindlab'],
        stderr: 'Deleting cluster "kindlab" ...\nDeleted nodes: ["kindlab-control-plane" "kindlab-worker" "kindlab-worker2"]\n',
      },
    ]);
    const env = tools.env;
    vi.stubEnv('KINDLAB_FAKE_LOG', env.KINDLAB_FAKE_LOG!);
    vi.stubEnv('KINDLAB_FAKE_SCENARIO', env.KINDLAB_FAKE_SCENARIO!);
    const { home, cleanup } = await tempHome();
    try {
      const run = await runCli(['down'], { home, env: { PATH: env.PATH! } });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(tools.calls().map((c) => [c.tool, ...c.argv].join(' '))).toEqual([
        'kind get clusters',
        'docker rm -f kindlab-cloud-provider',
        'kind delete cluster --name kindlab',
      ]);
      expect(run.stdout).toContain('$ kind delete cluster --name kindlab');
    } finally {
      await cleanup();
    }
  });
});
