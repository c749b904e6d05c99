// doctor's Docker facts from the real Docker engine: the product's own `docker info --format …`
// runs against the engine, and its answer must read as reachable with the engine's memory size
// (the validation that refuses a wrapper's greeting must accept what a real engine prints).
import { expect, it } from 'vitest';
import { gatherDoctorFacts } from '../../src/cluster/kind/doctor.js';
import { runProcess } from '../../src/cluster/process.js';
import { describeDocker } from './engine.js';

describeDocker('doctor reads the real Docker engine', (docker) => {
  it('docker info through the product is "reachable" with the server version and memory the engine reports', async () => {
    docker.flush();
    const facts = await gatherDoctorFacts({
      profile: 'kindnet',
      ports: [],
      env: docker.env,
      platform: 'linux',
      readText: async () => null,
      exists: async () => false,
    });
    const calls = docker.flush();
    expect(calls).toContainEqual(['docker', 'info', '--format', '{{.ServerVersion}} {{.MemTotal}}']);
    const direct = await runProcess(['docker', 'version', '--format', '{{.Server.Version}}'], { timeoutMs: 15_000, env: docker.env });
    docker.flush();
    expect(facts.docker).toMatchObject({ reachable: true, serverVersion: direct.stdout.trim() });
    expect(facts.docker.memTotalBytes).toBeGreaterThan(256 * 1024 ** 2);
  });
});
