// doctor --fix downloads pinned programs from a local HTTP server: the right bytes are installed
// executable, wrong bytes are refused and leave nothing behind, a missing checksum refuses.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateDoctor, type DoctorFacts } from '../../src/cluster/kind/doctor.js';
import { planFix } from '../../src/cluster/kind/doctor-fix.js';
import { PINNED_KIND, PINNED_KUBECTL, type PinnedTool } from '../../src/cluster/kind/pinned-tools.js';
import { SetupProblem } from '../../src/cluster/kind/problem.js';
import { runQuietly as runTasks } from '../fakes/run-quietly.js';

const fakeBinary = '#!/bin/sh\necho "kind v0.30.0 fake"\n';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/kind' || req.url === '/kubectl') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(fakeBinary);
    } else {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const tool = (name: 'kind' | 'kubectl', path: string, sha256: string | null): PinnedTool => ({
  name,
  version: 'v0.0.0-test',
  assets: {
    'linux-amd64': { url: `${base}${path}`, sha256 },
    'linux-arm64': { url: `${base}${path}`, sha256 },
    'darwin-amd64': { url: `${base}${path}`, sha256 },
    'darwin-arm64': { url: `${base}${path}`, sha256 },
  },
});

const missingBoth: DoctorFacts = {
  platform: 'linux',
  arch: 'amd64',
  docker: { reachable: true, serverVersion: '28.3.3', memTotalBytes: 8 * 1024 ** 3 },
  kind: { found: false, error: 'kind: command not found' },
  kubectl: { found: false, error: 'kubectl: command not found' },
  hostMemory: { totalBytes: 8 * 1024 ** 3, availableBytes: 4 * 1024 ** 3 },
  inotify: { maxUserWatches: 524288, maxUserInstances: 512 },
  ipip: { loaded: true, evidence: 'x' },
  nfqueue: { available: true, evidence: 'x' },
  ports: [],
};
const checks = evaluateDoctor(missingBoth, { profile: 'kindnet' });

describe('kindlab doctor --fix', () => {
  it('installs kind and kubectl whose sha256 matches, executable, into the per-user folder', async () => {
    const binDir = join(mkdtempSync(join(tmpdir(), 'kindlab-bin-')), 'bin');
    const tasks = planFix(checks, {
      binDir,
      platform: 'linux',
      arch: 'x64',
      tools: { kind: tool('kind', '/kind', sha(fakeBinary)), kubectl: tool('kubectl', '/kubectl', sha(fakeBinary)) },
    });
    expect(tasks.map((t) => t.shown)).toEqual([
      ['curl', '-fLo', join(binDir, 'kind'), `${base}/kind`],
      ['curl', '-fLo', join(binDir, 'kubectl'), `${base}/kubectl`],
    ]);
    await runTasks(tasks);
    for (const name of ['kind', 'kubectl']) {
      expect(readFileSync(join(binDir, name), 'utf8')).toBe(fakeBinary);
      expect(statSync(join(binDir, name)).mode & 0o777).toBe(0o755);
    }
    expect(readdirSync(binDir).sort()).toEqual(['kind', 'kubectl']);
  });

  it('refuses bytes whose sha256 differs and leaves nothing behind', async () => {
    const binDir = join(mkdtempSync(join(tmpdir(), 'kindlab-bin-')), 'bin');
    const tasks = planFix(
      checks.filter((c) => c.id === 'kind'),
      { binDir, platform: 'linux', arch: 'x64', tools: { kind: tool('kind', '/kind', sha('something else')), kubectl: PINNED_KUBECTL } },
    );
    const err = (await runTasks(tasks).catch((e: unknown) => e)) as SetupProblem;
    expect(err).toBeInstanceOf(SetupProblem);
    expect(err.code).toBe('checksum-mismatch');
    expect(err.observed).toBe(sha(fakeBinary));
    expect(readdirSync(binDir)).toEqual([]);
  });

  it('refuses to install when the pinned table has no checksum, without downloading', async () => {
    const binDir = join(mkdtempSync(join(tmpdir(), 'kindlab-bin-')), 'bin');
    const tasks = planFix(
      checks.filter((c) => c.id === 'kubectl'),
      { binDir, platform: 'darwin', arch: 'arm64', tools: { kind: PINNED_KIND, kubectl: tool('kubectl', '/kubectl', null) } },
    );
    const err = (await runTasks(tasks).catch((e: unknown) => e)) as SetupProblem;
    expect(err.code).toBe('checksum-unknown');
    expect(existsSync(join(binDir, 'kubectl'))).toBe(false);
  });

  it('an HTTP error is reported with its status and installs nothing', async () => {
    const binDir = join(mkdtempSync(join(tmpdir(), 'kindlab-bin-')), 'bin');
    const tasks = planFix(
      checks.filter((c) => c.id === 'kind'),
      { binDir, platform: 'linux', arch: 'x64', tools: { kind: tool('kind', '/missing', sha(fakeBinary)), kubectl: PINNED_KUBECTL } },
    );
    const err = (await runTasks(tasks).catch((e: unknown) => e)) as SetupProblem;
    expect(err.code).toBe('download-failed');
    expect(err.observed).toBe('HTTP 404');
    expect(readdirSync(binDir)).toEqual([]);
  });

  it('nothing to do when kind and kubectl are fine', () => {
    const ok = evaluateDoctor(
      { ...missingBoth, kind: { found: true, version: 'v0.30.0' }, kubectl: { found: true, version: 'v1.33.4' } },
      { profile: 'kindnet' },
    );
    expect(planFix(ok, { binDir: '/nonexistent', platform: 'linux', arch: 'x64' })).toEqual([]);
  });

  it('the real pinned tables have a url and a 64-hex sha256 for every os/arch', () => {
    for (const t of [PINNED_KIND, PINNED_KUBECTL]) {
      for (const [key, asset] of Object.entries(t.assets)) {
        expect(asset.url, key).toContain(t.version);
        expect(asset.sha256, `${t.name} ${key}`).toMatch(/^[0-9a-f]{64}$/);
      }
    }
  });
});
