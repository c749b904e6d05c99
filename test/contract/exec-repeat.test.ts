// A check with `repeat: N` through the real kind adapter: fake kubectl/docker on PATH whose
// `runRemote` rule runs the exec'd command on this machine with its real sh (dash), as if this
// machine were the container. What is asserted is a count of processes kindlab starts, not a time.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KindCluster } from '../../src/cluster/kind/adapter.js';
import { runSamples } from '../../src/engine/checks.js';
import type { RunFile } from '../../src/lessons/schema.js';
import { fakeApiAndTools } from './fake-api-and-tools.js';

const fake = fakeApiAndTools();

const lab = () => new KindCluster({ profile: 'kindnet', kubeconfig: fake.kubeconfig, env: fake.tools.env });
const ctx = () => ({ cluster: lab(), namespace: 'lab-12', bindings: new Map() });

describe('a repeated check runs in one exec', () => {
  it('200 samples of a command in a Pod start at most two processes, and each sample keeps its own stdout, stderr and exit code', async () => {
    fake.tools.setRules([{ tool: 'kubectl', argvIncludes: ['exec'], runRemote: true }]);
    // Each sample prints its own pid on stdout and stderr and exits with pid mod 3 (samples run a few at once).
    const script = 'echo "$$"; echo "err $$" >&2; exit $(($$ % 3))';
    const run = { pod: 'client', argv: ['sh', '-c', script], repeat: 200 } as RunFile;
    const { shown, samples } = await runSamples(run, ctx());
    expect(fake.tools.calls().length).toBeLessThanOrEqual(2);
    expect(samples).toHaveLength(200);
    for (const s of samples) {
      const pid = Number(s.stdout);
      expect(s).toEqual({ stdout: `${pid}\n`, stderr: `err ${pid}\n`, exitCode: pid % 3, timedOut: false });
    }
    expect(new Set(samples.map((s) => s.stdout)).size).toBe(200);
    expect(new Set(samples.map((s) => s.exitCode))).toEqual(new Set([0, 1, 2]));
    // The learner is shown the one command a request runs, not the batch around it.
    expect(shown[0]).toBe('kubectl');
    expect(shown).toContain('exec');
    expect(shown.slice(-5)).toEqual(['client', '--', 'sh', '-c', script]);
    expect(shown.join(' ')).not.toContain('kindlab-repeat');
  });

  it('on a kind node, 200 samples are one docker exec', async () => {
    fake.tools.setRules([{ tool: 'docker', argv: ['exec', 'kindlab-worker', '...'], runRemote: true }]);
    const run = { node: 'worker', argv: ['echo', 'hello'], repeat: 200 } as RunFile;
    const { shown, samples } = await runSamples(run, ctx());
    expect(fake.tools.calls().map((c) => c.argv.slice(0, 4))).toEqual([['exec', 'kindlab-worker', 'sh', '-c']]);
    expect(samples.map((s) => s.stdout)).toEqual(Array(200).fill('hello\n'));
    expect(shown[0]).toBe('docker');
    expect(shown).toContain('exec');
    expect(shown.slice(-3)).toEqual(['kindlab-worker', 'echo', 'hello']);
  });

  it('a sample that outlives its timeout is killed and marked, and the other samples answer', async () => {
    fake.tools.setRules([{ tool: 'kubectl', argvIncludes: ['exec'], runRemote: true }]);
    const flag = path.join(fake.tools.dir, 'slow-once');
    // One sample (whichever makes the folder first) sleeps past the 1 s timeout; the others answer at once.
    const script = 'if mkdir "$1" 2>/dev/null; then exec sleep 30; fi; echo fast';
    const run = { pod: 'client', argv: ['sh', '-c', script, 'sample', flag], repeat: 3, timeout: '1s' } as RunFile;
    const started = Date.now();
    const { samples } = await runSamples(run, ctx());
    expect(Date.now() - started).toBeLessThan(10_000);
    const slow = samples.filter((s) => s.timedOut);
    expect(slow).toEqual([{ stdout: '', stderr: '', exitCode: 124, timedOut: true }]);
    expect(samples.filter((s) => !s.timedOut)).toEqual([1, 2].map(() => ({ stdout: 'fast\n', stderr: '', exitCode: 0, timedOut: false })));
    expect(fake.tools.calls()).toHaveLength(1);
  });

  it("a Pod that is not there fails every sample with kubectl's own words, from one call", async () => {
    fake.tools.setRules([{ tool: 'kubectl', argvIncludes: ['exec'], stderr: 'Error from server (NotFound): pods "ghost" not found\n', exitCode: 1 }]);
    const run = { pod: 'ghost', argv: ['curl', '-s', 'http://web'], repeat: 200 } as RunFile;
    const { samples } = await runSamples(run, ctx());
    expect(fake.tools.calls()).toHaveLength(1);
    expect(samples).toHaveLength(200);
    expect(new Set(samples.map((s) => `${s.exitCode} ${s.stderr}`))).toEqual(new Set(['1 Error from server (NotFound): pods "ghost" not found\n']));
  });

  it('a container without sh gets one exec per sample, as before', async () => {
    fake.tools.setRules([
      {
        tool: 'kubectl',
        argvIncludes: ['exec', 'sh'],
        stderr:
          'error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "x": OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown\n',
        exitCode: 1,
        times: 1,
      },
      { tool: 'kubectl', argvIncludes: ['exec'], stdout: 'ok\n' },
    ]);
    const run = { pod: 'distroless', argv: ['/agent', '--probe'], repeat: 5 } as RunFile;
    const { samples } = await runSamples(run, ctx());
    expect(fake.tools.calls()).toHaveLength(6);
    expect(samples.map((s) => s.stdout)).toEqual(Array(5).fill('ok\n'));
  });
});
