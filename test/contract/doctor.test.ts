// doctor's pure evaluation: every failed check says expected vs observed and gives Linux and
// macOS fixes; gathering is checked against fake docker/kind/kubectl and fixture /proc files.
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { doctorExitCode, evaluateDoctor, gatherDoctorFacts, type DoctorFacts } from '../../src/cluster/kind/doctor.js';
import { GiB, readyMachine } from '../fakes/doctor-facts.js';
import { fakeTools } from './fakes/harness.js';

// The doctor facts of a ready Linux machine (test/fakes/doctor-facts.ts) with the port, pin and
// evidence strings these tests read; `broken` changes every fact a check reads.
const healthy: DoctorFacts = readyMachine({
  ipip: { loaded: true, evidence: 'listed in /proc/modules' },
  nfqueue: { available: true, evidence: 'listed in /proc/modules' },
  ports: [{ port: 18080, address: '127.0.0.1', free: true }],
  calicoPinned: { pinned: true, version: 'v3.31.3' },
});

const broken: DoctorFacts = readyMachine({
  arch: 'arm64',
  docker: { reachable: false, error: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' },
  kind: { found: true, version: 'v0.20.0' },
  kubectl: { found: false, error: 'kubectl: command not found' },
  hostMemory: { totalBytes: 4 * GiB, availableBytes: 1 * GiB },
  inotify: { maxUserWatches: 8192, maxUserInstances: 128 },
  ipip: { loaded: false, evidence: 'not in /proc/modules and no /sys/module/ipip' },
  nfqueue: { available: false, evidence: 'not in /proc/modules' },
  ports: [{ port: 18080, address: '127.0.0.1', free: false, error: 'in use' }],
  calicoPinned: { pinned: false, version: 'v3.31.3' },
});

// A ready machine passing every line in order: src/cluster/kind/doctor/checks/index.test.ts, beside the list.
describe('kindlab doctor: judging the facts', () => {
  it('each failed check has a title in both languages, expected vs observed, and Linux and macOS fixes', () => {
    const failed = evaluateDoctor(broken, { profile: 'calico-ipip' }).filter((c) => !c.ok);
    expect(failed.map((c) => c.id)).toEqual([
      'docker',
      'kind',
      'kubectl',
      'docker-memory',
      'host-memory',
      'inotify-watches',
      'inotify-instances',
      'ipip-module',
      'port-18080',
      'calico-manifest',
    ]);
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
    const checks = evaluateDoctor(
      { ...healthy, kind: { found: true, version: 'v0.100.0' }, kubectl: { found: true, version: 'v1.9.0' } },
      { profile: 'kindnet' },
    );
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
      {
        tool: 'kubectl',
        argv: ['version', '--client', '-o', 'json'],
        stdout: JSON.stringify({ clientVersion: { major: '1', minor: '33', gitVersion: 'v1.33.4' }, kustomizeVersion: 'v5.6.0' }),
      },
    ]);
    const files: Record<string, string> = {
      '/proc/meminfo': 'MemTotal:       16318504 kB\nMemFree:         1234567 kB\nMemAvailable:    6291456 kB\n',
      '/proc/sys/fs/inotify/max_user_watches': '65536\n',
      '/proc/sys/fs/inotify/max_user_instances': '128\n',
      '/proc/modules': 'ipip 16384 0 - Live 0x0000000000000000\ntunnel4 16384 1 ipip, Live 0x0000000000000000\n',
    };
    const facts = await gatherDoctorFacts({
      profile: 'calico-ipip',
      ports: [],
      env: fake.env,
      platform: 'linux',
      arch: 'x64',
      readText: async (p) => files[p] ?? null,
    });
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
      {
        tool: 'docker',
        argv: ['info', '...'],
        exitCode: 1,
        stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
      },
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
    const facts = await gatherDoctorFacts({
      profile: 'kindnet',
      ports: [{ port: busy, address: '127.0.0.1' }],
      env: fake.env,
      platform: 'linux',
      readText: async () => null,
    });
    server.close();
    expect(facts.ports).toEqual([{ port: busy, address: '127.0.0.1', free: false, error: 'in use' }]);
    const again = await gatherDoctorFacts({
      profile: 'kindnet',
      ports: [{ port: busy, address: '127.0.0.1' }],
      env: fake.env,
      platform: 'linux',
      readText: async () => null,
    });
    expect(again.ports[0]?.free).toBe(true);
  });
});

describe('kindlab doctor on this machine shape (no Docker engine)', () => {
  it('stops with exit code 3 and says Docker is not reachable, with the repository kind-config.yaml and pins', async () => {
    const { checkMachine } = await import('../../src/cluster/kind/doctor.js');
    const fake = fakeTools([
      {
        tool: 'docker',
        argv: ['info', '...'],
        exitCode: 1,
        stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
      },
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
    const pinned =
      (JSON.parse(readFileSync(`${repo}addons/checksums.json`, 'utf8')) as { addons: { calico: { sha256: string | null } } }).addons.calico.sha256 !== null;
    expect(failed.includes('calico-manifest')).toBe(!pinned);
    expect(result.facts.ports).toEqual([]); // kind-config.yaml maps no host ports
  });
});

// Issue 11 points 11 and 13, issue 10 fault 8 and "Versions": what doctor cannot tell is shown as
// not known (never ✓), answers that are not answers are not passes, a hang is a timeout, stock
// Linux limits warn, every failure ends with what to run next, and the versions and the host
// kernel are explained.
describe('kindlab doctor: unknowns, garbage, hangs, limits, versions', () => {
  const render = async (checks: ReturnType<typeof evaluateDoctor>, lang: 'ja' | 'en' = 'en') => {
    const { renderDoctor } = await import('../../src/cli/cluster-setup.js');
    const { Output } = await import('../../src/ui/output.js');
    let text = '';
    const out = new Output('plain', lang, { write: (t: string) => void (text += t) }, { write: (t: string) => void (text += t) });
    renderDoctor({ out, lang } as never, checks);
    return text;
  };

  it('Docker memory that could not be read is shown as not known, not as a pass, and does not stop `up` by itself', async () => {
    const facts: DoctorFacts = { ...healthy, docker: { reachable: false, error: 'Cannot connect to the Docker daemon' } };
    const checks = evaluateDoctor(facts, { profile: 'kindnet' });
    const memory = checks.find((c) => c.id === 'docker-memory')!;
    expect(memory).toMatchObject({ ok: false, unknown: true });
    const text = await render(checks);
    const line = text.split('\n').find((l) => l.includes('enough memory'))!;
    expect(line).not.toContain('✓');
    expect(line.startsWith('? ')).toBe(true);
    expect(doctorExitCode(checks.filter((c) => c.id !== 'docker'))).toBe(0);
  });

  it('docker that prints something else than a version and a size with exit 0 is not "reachable"', async () => {
    const fake = fakeTools([
      { tool: 'docker', argv: ['info', '...'], stdout: 'hello from a docker wrapper\n' },
      { tool: 'kind', argv: ['version'], stdout: 'kind v0.30.0 go1.24.6 linux/amd64\n' },
      { tool: 'kubectl', argv: ['version', '--client', '-o', 'json'], stdout: JSON.stringify({ clientVersion: { gitVersion: 'v1.33.4' } }) },
    ]);
    const facts = await gatherDoctorFacts({ profile: 'kindnet', ports: [], env: fake.env, platform: 'darwin', arch: 'arm64' });
    expect(facts.docker.reachable).toBe(false);
    const check = evaluateDoctor(facts, { profile: 'kindnet' }).find((c) => c.id === 'docker')!;
    expect(check.ok).toBe(false);
    expect(JSON.stringify(check.observed)).toContain('hello from a docker wrapper');
  });

  it('a kind, kubectl or docker that hangs is reported as timed out, not as "command not found" or "exit 124"', async () => {
    const fake = fakeTools([
      { tool: 'docker', argv: ['info', '...'], sleepMs: 20_000 },
      { tool: 'kind', argv: ['version'], sleepMs: 20_000 },
      { tool: 'kubectl', argv: ['version', '--client', '-o', 'json'], sleepMs: 20_000 },
    ]);
    const facts = await gatherDoctorFacts({ profile: 'kindnet', ports: [], env: fake.env, platform: 'darwin', arch: 'arm64', timeoutMs: 500 });
    const byId = Object.fromEntries(evaluateDoctor(facts, { profile: 'kindnet' }).map((c) => [c.id, c]));
    for (const id of ['docker', 'kind', 'kubectl']) {
      const observed = JSON.stringify(byId[id]!.observed);
      expect(observed, id).toMatch(/did not answer within 0\.5 s \(timed out\)/);
      expect(observed, id).not.toMatch(/command not found|exit 124/);
    }
    const text = await render(Object.values(byId), 'ja');
    expect(text).toContain('0.5 秒以内に応答しませんでした (タイムアウト)');
  });

  it('the stock Linux inotify limits (8192 watches, 128 instances) warn with the fix but do not stop `up`', () => {
    const checks = evaluateDoctor({ ...healthy, inotify: { maxUserWatches: 8192, maxUserInstances: 128 } }, { profile: 'kindnet' });
    for (const id of ['inotify-watches', 'inotify-instances'])
      expect(
        checks.find((c) => c.id === id),
        id,
      ).toMatchObject({ ok: false, severity: 'warning' });
    expect(doctorExitCode(checks)).toBe(0);
  });

  it("every failure ends with what to run next, in the learner's language", async () => {
    const failing = evaluateDoctor(broken, { profile: 'kindnet' });
    const en = (await render(failing)).trimEnd().split('\n');
    expect(en.at(-1)).toBe('Next: run the fixes shown under each ✗ above, then `kindlab doctor` again.');
    const ja = (await render(failing, 'ja')).trimEnd().split('\n');
    expect(ja.at(-1)).toBe('次に: 上の ✗ ごとの直し方を実行してから、もう一度 `kindlab doctor` を実行してください。');
    const warningsOnly = evaluateDoctor({ ...healthy, inotify: { maxUserWatches: 8192, maxUserInstances: 128 } }, { profile: 'kindnet' });
    expect((await render(warningsOnly)).trimEnd().split('\n').at(-1)).toBe('Next: `kindlab up` (the ! lines above are warnings; they do not stop it).');
  });

  it('on kindnet, a host kernel without nfnetlink_queue warns that NetworkPolicy is not enforced and names a Calico profile', () => {
    const missing = evaluateDoctor({ ...healthy, nfqueue: { available: false, evidence: 'x' } }, { profile: 'kindnet' });
    const check = missing.find((c) => c.id === 'nfqueue-module')!;
    expect(check).toMatchObject({ ok: false, severity: 'warning' });
    expect(JSON.stringify(check.fix)).toContain('kindlab up --profile calico-vxlan');
    expect(JSON.stringify(check.fix)).toContain('sudo modprobe nfnetlink_queue');
    expect(doctorExitCode(missing)).toBe(0);
    expect(evaluateDoctor({ ...healthy, nfqueue: { available: true, evidence: 'x' } }, { profile: 'kindnet' }).find((c) => c.id === 'nfqueue-module')?.ok).toBe(
      true,
    );
    expect(
      evaluateDoctor({ ...healthy, nfqueue: { available: null, evidence: 'x' } }, { profile: 'kindnet' }).find((c) => c.id === 'nfqueue-module'),
    ).toMatchObject({ unknown: true });
    // Calico enforces policy itself: no such check there.
    expect(
      evaluateDoctor({ ...healthy, nfqueue: { available: false, evidence: 'x' } }, { profile: 'calico-vxlan' }).some((c) => c.id === 'nfqueue-module'),
    ).toBe(false);
  });

  it('finds nfnetlink_queue loaded, built in, or as a module file; not there; or cannot tell', async () => {
    const fake = fakeTools([]);
    const gather = (files: Record<string, string>, exists: string[] = []) =>
      gatherDoctorFacts({
        profile: 'kindnet',
        ports: [],
        env: fake.env,
        platform: 'linux',
        readText: async (p) => files[p] ?? null,
        exists: async (p) => exists.includes(p),
        kernelRelease: '6.8.0-1-generic',
      });
    const loaded = await gather({ '/proc/modules': 'nfnetlink_queue 28672 2 - Live 0x0\nnfnetlink 20480 4 nfnetlink_queue, Live 0x0\n' });
    expect(loaded.nfqueue.available).toBe(true);
    const builtin = await gather({
      '/proc/modules': 'ipip 1 0 - Live 0x0\n',
      '/lib/modules/6.8.0-1-generic/modules.builtin': 'kernel/net/netfilter/nfnetlink_queue.ko\n',
    });
    expect(builtin.nfqueue.available).toBe(true);
    const onDisk = await gather({
      '/proc/modules': 'ipip 1 0 - Live 0x0\n',
      '/lib/modules/6.8.0-1-generic/modules.builtin': '',
      '/lib/modules/6.8.0-1-generic/modules.dep': 'kernel/net/netfilter/nfnetlink_queue.ko.zst: kernel/net/netfilter/nfnetlink.ko.zst\n',
    });
    expect(onDisk.nfqueue.available).toBe(true);
    const absent = await gather({
      '/proc/modules': 'ipip 1 0 - Live 0x0\n',
      '/lib/modules/6.8.0-1-generic/modules.builtin': 'kernel/net/ipv4/tcp_cubic.ko\n',
      '/lib/modules/6.8.0-1-generic/modules.dep': 'kernel/net/ipv4/ipip.ko:\n',
    });
    expect(absent.nfqueue.available).toBe(false);
    const cannotTell = await gather({});
    expect(cannotTell.nfqueue.available).toBeNull();
    const viaSys = await gather({}, ['/sys/module/nfnetlink_queue']);
    expect(viaSys.nfqueue.available).toBe(true);
  });

  it('a kind other than the pinned v0.30.0 is explained: the node image stays pinned, what was reviewed, and doctor --fix', async () => {
    const checks = evaluateDoctor({ ...healthy, kind: { found: true, version: 'v0.32.0' } }, { profile: 'kindnet' });
    const check = checks.find((c) => c.id === 'kind-pinned')!;
    expect(check).toMatchObject({ ok: false, severity: 'warning' });
    const en = JSON.stringify(check.observed) + JSON.stringify(check.expected);
    expect(en).toContain('v0.32.0');
    expect(en).toContain('kindest/node:v1.33.4');
    expect(en).toContain('docs/versions.md');
    expect(check.fix.linux[0]).toBe('kindlab doctor --fix');
    expect(doctorExitCode(checks)).toBe(0);
    expect(evaluateDoctor(healthy, { profile: 'kindnet' }).find((c) => c.id === 'kind-pinned')?.ok).toBe(true);
    const { planFix } = await import('../../src/cluster/kind/doctor-fix.js');
    const tasks = planFix(checks, { binDir: '/tmp/kindlab-bin', platform: 'linux', arch: 'x64' });
    expect(tasks.map((t) => t.title.en)).toEqual(['Install kind v0.30.0 into /tmp/kindlab-bin (sha256 verified)']);
  });
});
