// doctor's pure evaluation: every failed check says expected vs observed and gives Linux and
// macOS fixes; gathering is checked against fake docker/kind/kubectl and fixture /proc files.
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { doctorExitCode, evaluateDoctor, gatherDoctorFacts, type DoctorFacts } from '../../src/cluster/kind/doctor.js';
import { fakeTools } from './fakes-lifecycle/harness.js';

const GiB = 1024 ** 3;
const healthy: DoctorFacts = {
  platform: 'linux',
  arch: 'amd64',
  docker: { reachable: true, serverVersion: '28.3.3', memTotalBytes: 16 * GiB },
  kind: { found: true, version: 'v0.30.0' },
  kubectl: { found: true, version: 'v1.33.4' },
  hostMemory: { totalBytes: 16 * GiB, availableBytes: 8 * GiB },
  inotify: { maxUserWatches: 524288, maxUserInstances: 512 },
  ipip: { loaded: true, evidence: 'listed in /proc/modules' },
  ports: [{ port: 18080, address: '127.0.0.1', free: true }],
  calicoPinned: { pinned: true, version: 'v3.31.3' },
};

const broken: DoctorFacts = {
  platform: 'linux',
  arch: 'arm64',
  docker: { reachable: false, error: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' },
  kind: { found: true, version: 'v0.20.0' },
  kubectl: { found: false, error: 'kubectl: command not found' },
  hostMemory: { totalBytes: 4 * GiB, availableBytes: 1 * GiB },
  inotify: { maxUserWatches: 8192, maxUserInstances: 128 },
  ipip: { loaded: false, evidence: 'not in /proc/modules and no /sys/module/ipip' },
  ports: [{ port: 18080, address: '127.0.0.1', free: false, error: 'in use' }],
  calicoPinned: { pinned: false, version: 'v3.31.3' },
};

describe('kindlab doctor: judging the facts', () => {
  it('a ready Linux machine passes every check for the IPIP profile and exits 0', () => {
    const checks = evaluateDoctor(healthy, { profile: 'calico-ipip' });
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.map((c) => c.id)).toEqual(['docker', 'kind', 'kubectl', 'docker-memory', 'host-memory', 'inotify-watches', 'inotify-instances', 'ipip-module', 'port-18080', 'calico-manifest']);
    expect(doctorExitCode(checks)).toBe(0);
  });

  it('each failed check has a title in both languages, expected vs observed, and Linux and macOS fixes', () => {
    const failed = evaluateDoctor(broken, { profile: 'calico-ipip' }).filter((c) => !c.ok);
    expect(failed.map((c) => c.id)).toEqual(['docker', 'kind', 'kubectl', 'host-memory', 'inotify-watches', 'inotify-instances', 'ipip-module', 'port-18080', 'calico-manifest']);
    for (const c of failed) {
      expect(c.title.ja.length, c.id).toBeGreaterThan(0);
      expect(c.title.en.length, c.id).toBeGreaterThan(0);
      expect(c.expected, c.id).not.toBe('');
      expect(c.observed, c.id).not.toBe('');
      expect(c.fix.linux.length, c.id).toBeGreaterThan(0);
      expect(c.fix.macos.length, c.id).toBeGreaterThan(0);
    }
    expect(doctorExitCode(failed)).toBe(3);
  });

  it('says what was observed and the exact fix', () => {
    const byId = Object.fromEntries(evaluateDoctor(broken, { profile: 'calico-ipip' }).map((c) => [c.id, c]));
    expect(byId.docker?.observed).toContain('Cannot connect to the Docker daemon');
    expect(byId.kind?.observed).toBe('kind v0.20.0');
    expect(byId.kind?.expected).toBe('kind >= v0.30.0');
    expect(byId.kubectl?.fix.linux[1]).toContain('https://dl.k8s.io/release/v1.33.4/bin/linux/arm64/kubectl');
    expect(byId['inotify-watches']?.observed).toBe('8192');
    expect(byId['inotify-watches']?.fix.linux[0]).toBe('sudo sysctl fs.inotify.max_user_watches=524288');
    expect(byId['inotify-instances']?.fix.linux[0]).toBe('sudo sysctl fs.inotify.max_user_instances=512');
    expect(byId['ipip-module']?.fix.linux[0]).toBe('sudo modprobe ipip');
    expect(byId['port-18080']?.fix.macos[0]).toContain('lsof -nP -iTCP:18080 -sTCP:LISTEN');
  });

  it('a missing ipip module only warns, so it does not stop `up`', () => {
    const facts = { ...healthy, ipip: { loaded: false, evidence: 'not in /proc/modules and no /sys/module/ipip' } };
    const checks = evaluateDoctor(facts, { profile: 'calico-ipip' });
    expect(checks.find((c) => c.id === 'ipip-module')).toMatchObject({ ok: false, severity: 'warning' });
    expect(doctorExitCode(checks)).toBe(0);
  });

  it('the ipip check appears only for the IPIP profile; inotify only on Linux', () => {
    expect(evaluateDoctor(healthy, { profile: 'calico-vxlan' }).some((c) => c.id === 'ipip-module')).toBe(false);
    const mac = evaluateDoctor({ ...healthy, platform: 'darwin', inotify: null }, { profile: 'kindnet' });
    expect(mac.some((c) => c.id.startsWith('inotify'))).toBe(false);
  });

  it('kind and kubectl versions are compared as numbers, not strings', () => {
    const checks = evaluateDoctor({ ...healthy, kind: { found: true, version: 'v0.100.0' }, kubectl: { found: true, version: 'v1.9.0' } }, { profile: 'kindnet' });
    expect(checks.find((c) => c.id === 'kind')?.ok).toBe(true);
    expect(checks.find((c) => c.id === 'kubectl')?.ok).toBe(false);
  });

  it('too little memory for Docker stops `up`', () => {
    const checks = evaluateDoctor({ ...healthy, docker: { ...healthy.docker, memTotalBytes: 2 * GiB } }, { profile: 'kindnet' });
    expect(checks.find((c) => c.id === 'docker-memory')).toMatchObject({ ok: false, observed: '2.0 GiB' });
    expect(doctorExitCode(checks)).toBe(3);
  });
});

describe('kindlab doctor: gathering the facts', () => {
  it('reads versions from kind and kubectl, memory from docker info, limits and modules from /proc', async () => {
    const fake = fakeTools([
      { tool: 'docker', argv: ['info', '--format', '{{.ServerVersion}} {{.MemTotal}}'], stdout: '28.3.3 8342102016\n' },
      { tool: 'kind', argv: ['version'], stdout: 'kind v0.30.0 go1.24.6 linux/amd64\n' },
      { tool: 'kubectl', argv: ['version', '--client', '-o', 'json'], stdout: JSON.stringify({ clientVersion: { major: '1', minor: '33', gitVersion: 'v1.33.4' }, kustomizeVersion: 'v5.6.0' }) },
    ]);
    const files: Record<string, string> = {
      '/proc/meminfo': 'MemTotal:       16318504 kB\nMemFree:         1234567 kB\nMemAvailable:    6291456 kB\n',
      '/proc/sys/fs/inotify/max_user_watches': '65536\n',
      '/proc/sys/fs/inotify/max_user_instances': '128\n',
      '/proc/modules': 'ipip 16384 0 - Live 0x0000000000000000\ntunnel4 16384 1 ipip, Live 0x0000000000000000\n',
    };
    const facts = await gatherDoctorFacts({ profile: 'calico-ipip', ports: [], env: fake.env, platform: 'linux', arch: 'x64', readText: async (p) => files[p] ?? null });
    expect(facts.docker).toEqual({ reachable: true, serverVersion: '28.3.3', memTotalBytes: 8342102016 });
    expect(facts.kind).toMatchObject({ found: true, version: 'v0.30.0' });
    expect(facts.kubectl).toMatchObject({ found: true, version: 'v1.33.4' });
    expect(facts.hostMemory.availableBytes).toBe(6291456 * 1024);
    expect(facts.inotify).toEqual({ maxUserWatches: 65536, maxUserInstances: 128 });
    expect(facts.ipip).toEqual({ loaded: true, evidence: { ja: '/proc/modules にあります', en: 'listed in /proc/modules' } });
    expect(facts.arch).toBe('amd64');
  });

  it('with no Docker daemon and no kubectl, reports what the tools said', async () => {
    const fake = fakeTools([
      { tool: 'docker', argv: ['info', '...'], exitCode: 1, stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n' },
      { tool: 'kind', argv: ['version'], stdout: 'kind v0.30.0 go1.24.6 linux/amd64\n' },
    ]);
    const facts = await gatherDoctorFacts({ profile: 'kindnet', ports: [], env: fake.env, platform: 'darwin', arch: 'arm64' });
    expect(facts.docker.reachable).toBe(false);
    expect(facts.docker.error).toContain('Cannot connect to the Docker daemon');
    // kubectl has no fake rule → the fake exits 99, read as "not working"
    expect(facts.kubectl.found).toBe(false);
    expect(facts.inotify).toBeNull();
    expect(facts.ipip.loaded).toBeNull();
  });

  it('a port someone listens on is reported in use; a free one is free', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const busy = (server.address() as { port: number }).port;
    const fake = fakeTools([]);
    const facts = await gatherDoctorFacts({ profile: 'kindnet', ports: [{ port: busy, address: '127.0.0.1' }], env: fake.env, platform: 'linux', readText: async () => null });
    server.close();
    expect(facts.ports).toEqual([{ port: busy, address: '127.0.0.1', free: false, error: 'in use' }]);
    const again = await gatherDoctorFacts({ profile: 'kindnet', ports: [{ port: busy, address: '127.0.0.1' }], env: fake.env, platform: 'linux', readText: async () => null });
    expect(again.ports[0]?.free).toBe(true);
  });
});

describe('kindlab doctor on this machine shape (no Docker engine)', () => {
  it('stops with exit code 3 and says Docker is not reachable, with the repository kind-config.yaml and pins', async () => {
    const { checkMachine } = await import('../../src/cluster/kind/doctor.js');
    const fake = fakeTools([
      { tool: 'docker', argv: ['info', '...'], exitCode: 1, stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n' },
      { tool: 'kind', argv: ['version'], stdout: 'kind v0.30.0 go1.24.6 linux/amd64\n' },
      { tool: 'kubectl', argv: ['version', '--client', '-o', 'json'], stdout: JSON.stringify({ clientVersion: { gitVersion: 'v1.33.4' } }) },
    ]);
    const repo = new URL('../../', import.meta.url).pathname;
    const result = await checkMachine({ profile: 'calico-vxlan', baseConfigPath: `${repo}kind-config.yaml`, addonsDir: `${repo}addons`, env: fake.env });
    expect(result.exitCode).toBe(3);
    const failed = result.checks.filter((c) => !c.ok).map((c) => c.id);
    expect(failed).toContain('docker');
    // doctor reports the Calico pin exactly as addons/checksums.json has it (null today, see addons/README.md)
    const { readFileSync } = await import('node:fs');
    const pinned = (JSON.parse(readFileSync(`${repo}addons/checksums.json`, 'utf8')) as { addons: { calico: { sha256: string | null } } }).addons.calico.sha256 !== null;
    expect(failed.includes('calico-manifest')).toBe(!pinned);
    expect(result.facts.ports).toEqual([]); // kind-config.yaml maps no host ports
  });
});
