// The real Docker engine for tests: decides run / skip / fail (is `docker info` answered?), builds
// the local test images (no registry is reachable here, so `docker import` of a tarball holding
// Debian's static busybox), and puts a recording `docker` first on PATH: a two-line shell script
// that logs its argv and then execs the real docker, so every command the engine runs — the
// product's and the test's own — is counted in the real-clients ledger, no more and no fewer.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, afterEach, describe, test } from 'vitest';
import { mustSucceed, runProcess, type ProcessResult } from '../../src/cluster/process.js';
import { recordRealClient } from '../real-clients.js';

export const REQUIRED = process.env.KINDLAB_REQUIRE_REAL_TOOLS === '1';
const INSTALL = 'apt-get install docker.io busybox-static, then start the engine as root: dockerd >/tmp/dockerd.log 2>&1 &';

/** Plain busybox: sh, cat, echo, sleep, ...; its default command sleeps, so `docker run -d` keeps it running. */
export const BUSYBOX_IMAGE = 'kindlab-test/busybox:local';
/** busybox plus Debian's iptables (nft and legacy) with their libraries: enough of a kind node for the backend detection. */
export const IPTABLES_IMAGE = 'kindlab-test/iptables:local';
/**
 * busybox plus Debian's iptables-nft only, with plain `iptables` pointing at xtables-nft-multi and
 * no iptables-legacy: the iptables programs nicolaka/netshoot:v0.14 has (Alpine's `iptables`
 * package; docs/lessons-facts.md), built from Debian's binaries since no registry is reachable.
 */
export const NFT_ONLY_IMAGE = 'kindlab-test/iptables-nft-only:local';
const BUSYBOX = '/bin/busybox';
/** Raise when the way images are built changes. */
const IMAGE_RECIPE_VERSION = 2;
const APPLETS = ['sh', 'cat', 'echo', 'sleep', 'true', 'false', 'ls', 'printf', 'test', 'wc', 'hostname'];

function realDockerPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const file = join(dir, 'docker');
    if (existsSync(file) && !readFileSafe(file).startsWith('#!/bin/sh\n# kindlab-test recording docker')) return file;
  }
  return undefined;
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'latin1').slice(0, 64);
  } catch {
    return '';
  }
}

/** Why the engine cannot be used here, or undefined when `docker info` answers and busybox-static is there. */
async function engineProblem(): Promise<string | undefined> {
  const docker = realDockerPath();
  if (!docker) return 'no docker client on PATH';
  if (!existsSync(BUSYBOX)) return `no ${BUSYBOX} (busybox-static) to build the test image from`;
  const r = await runProcess([docker, 'info', '--format', '{{.ServerVersion}}'], { timeoutMs: 15_000 });
  if (r.exitCode !== 0 || !r.stdout.trim())
    return `the Docker engine does not answer (${(r.stderr || r.stdout).trim().split('\n').pop() || `exit ${r.exitCode}`})`;
  recordRealClient('docker', ['docker', 'info', '--format', '{{.ServerVersion}}']);
  return undefined;
}

const problem = await engineProblem();

/** A Docker engine reached through the recording shim. */
export class DockerEngine {
  private readonly dir = mkdtempSync(join(tmpdir(), 'kindlab-docker-'));
  private readonly log = join(this.dir, 'calls');
  /** Pass to the product's `env` options: the recording docker comes first on PATH. */
  readonly env: Record<string, string>;

  constructor(realDocker: string) {
    mkdirSync(join(this.dir, 'bin'));
    const shim = join(this.dir, 'bin', 'docker');
    // One printf: the argument count, then each argument, NUL-terminated (arguments cannot hold NUL).
    writeFileSync(shim, `#!/bin/sh\n# kindlab-test recording docker\nprintf '%s\\0' "$#" "$@" >> '${this.log}'\nexec '${realDocker}' "$@"\n`);
    chmodSync(shim, 0o755);
    writeFileSync(this.log, '');
    this.env = { PATH: `${join(this.dir, 'bin')}${delimiter}${process.env.PATH ?? ''}` };
  }

  /** Every docker command since the last call, in order; each is recorded in the real-clients ledger. */
  flush(): string[][] {
    const calls = this.take();
    for (const argv of calls) recordRealClient('docker', argv);
    return calls;
  }

  /** Drops the calls since the last flush without recording them: for commands that never reached the engine. */
  discard(): string[][] {
    return this.take();
  }

  private take(): string[][] {
    const fields = readFileSync(this.log, 'utf8').split('\0');
    writeFileSync(this.log, '');
    const calls: string[][] = [];
    for (let i = 0; i < fields.length - 1;) {
      const n = Number(fields[i++]);
      calls.push(['docker', ...fields.slice(i, i + n)]);
      i += n;
    }
    return calls;
  }

  /** A test's own docker command (setup, inspection), through the same recording docker. */
  run(args: string[], timeoutMs = 30_000): Promise<ProcessResult> {
    return runProcess(['docker', ...args], { timeoutMs, env: this.env });
  }

  async must(args: string[], timeoutMs = 30_000): Promise<string> {
    return mustSucceed(await this.run(args, timeoutMs), `docker ${args.join(' ')}`).stdout;
  }

  /** Builds `ref` with docker import unless the engine has it; checks a container of it runs. */
  async image(ref: TestImage): Promise<string> {
    // The label says what the image was built with, so an image left by an older test run is rebuilt.
    const recipe = recipeOf(ref);
    const found = await this.run(['image', 'inspect', '--format', '{{.Id}} {{index .Config.Labels "kindlab-test.recipe"}}', ref]);
    const [oldId, oldRecipe] = found.stdout.trim().split(' ');
    if (found.exitCode === 0 && oldRecipe === recipe) return ref;
    const tar = rootfsTar(ref, this.dir);
    await this.must(['import', '--change', 'CMD ["/bin/sleep", "3600"]', '--change', `LABEL kindlab-test.recipe=${recipe}`, tar, ref], 60_000);
    rmSync(tar, { force: true });
    if (found.exitCode === 0 && oldId) await this.run(['rmi', oldId]); // the outdated one, unless a container still uses it
    const probe = await this.run(['run', '--rm', ref, 'sh', '-c', 'echo ok']);
    if (probe.stdout.trim() !== 'ok') {
      throw new Error(`the test image ${ref} does not run (is ${BUSYBOX} the static busybox of busybox-static?): ${probe.stderr.trim()}`);
    }
    return ref;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export type TestImage = typeof BUSYBOX_IMAGE | typeof IPTABLES_IMAGE | typeof NFT_ONLY_IMAGE;

const recipeOf = (ref: TestImage) =>
  createHash('sha256')
    .update(JSON.stringify([IMAGE_RECIPE_VERSION, APPLETS, ref]))
    .digest('hex')
    .slice(0, 16);

/** The root file system of a test image as an uncompressed tar in `dir` (for docker import, or a registry layer). */
export function rootfsTar(ref: TestImage, dir: string): string {
  const root = mkdtempSync(join(dir, 'rootfs-'));
  mkdirSync(join(root, 'bin'), { recursive: true });
  for (const d of ['tmp', 'run', 'etc']) mkdirSync(join(root, d));
  copyFileSync(BUSYBOX, join(root, 'bin', 'busybox'));
  chmodSync(join(root, 'bin', 'busybox'), 0o755);
  for (const applet of APPLETS) symlinkSync('busybox', join(root, 'bin', applet));
  if (ref === IPTABLES_IMAGE) addIptables(root, ['nft', 'legacy']);
  if (ref === NFT_ONLY_IMAGE) {
    addIptables(root, ['nft']);
    // Alpine (since iptables 1.8.9-r4) points the plain names at xtables-nft-multi
    for (const name of ['iptables', 'iptables-save', 'ip6tables', 'ip6tables-save']) symlinkSync('xtables-nft-multi', join(root, 'usr/sbin', name));
  }
  const tar = `${root}.tar`;
  // fixed owner and times: the same tar, byte for byte, from the same inputs
  execFileSync('tar', ['-C', root, '--owner=0', '--group=0', '--numeric-owner', '--mtime=@0', '--sort=name', '-cf', tar, '.']);
  rmSync(root, { recursive: true, force: true });
  return tar;
}

/** The host's iptables-nft / iptables-legacy binaries, their shared libraries and the xtables extensions. */
function addIptables(root: string, modes: ('nft' | 'legacy')[]): void {
  const copy = (file: string) => {
    mkdirSync(join(root, dirname(file)), { recursive: true });
    if (!existsSync(join(root, file))) copyFileSync(file, join(root, file));
  };
  for (const multi of modes.map((mode) => `/usr/sbin/xtables-${mode}-multi`)) {
    copy(multi);
    chmodSync(join(root, multi), 0o755);
    const libs = execFileSync('ldd', [multi], { encoding: 'utf8' }).match(/\/\S+/g) ?? [];
    for (const lib of libs) copy(lib);
  }
  const ext = '/usr/lib/x86_64-linux-gnu/xtables';
  mkdirSync(join(root, dirname(ext)), { recursive: true });
  execFileSync('cp', ['-a', ext, join(root, dirname(ext))]);
  for (const mode of modes) {
    for (const base of ['iptables', 'ip6tables']) {
      symlinkSync(`xtables-${mode}-multi`, join(root, 'usr/sbin', `${base}-${mode}`));
      symlinkSync(`xtables-${mode}-multi`, join(root, 'usr/sbin', `${base}-${mode}-save`));
    }
  }
}

/** What the iptables image needs from the host beyond busybox (undefined when all is there). */
export function iptablesImageProblem(): string | undefined {
  const need = ['/usr/sbin/xtables-nft-multi', '/usr/sbin/xtables-legacy-multi', '/usr/lib/x86_64-linux-gnu/xtables', '/usr/bin/ldd'];
  const missing = need.filter((f) => !existsSync(f));
  return missing.length ? `needs ${missing.join(', ')} (apt-get install iptables libc-bin)` : undefined;
}

/**
 * describe() with a DockerEngine when the engine answers; otherwise one skipped test whose name says
 * why and how to install it, or, with KINDLAB_REQUIRE_REAL_TOOLS=1, one failing test saying the same.
 * Every docker command of a test is put in the ledger after the test.
 */
export function describeDocker(name: string, body: (docker: DockerEngine) => void): void {
  const realDocker = realDockerPath();
  if (problem === undefined && realDocker) {
    describe(name, () => {
      const docker = new DockerEngine(realDocker);
      afterEach(() => void docker.flush());
      afterAll(() => {
        docker.flush();
        docker.cleanup();
      });
      body(docker);
    });
    return;
  }
  const reason = `${problem}; ${INSTALL}`;
  describe(name, () => {
    if (REQUIRED) {
      test(`the Docker engine answers (${problem})`, () => {
        throw new Error(`KINDLAB_REQUIRE_REAL_TOOLS=1 but ${reason}`);
      });
    } else {
      console.warn(`[docker] skipped "${name}": ${reason}`);
      test.skip(`skipped: ${reason}`, () => {});
    }
  });
}

/** A short name unique to this test process, for containers and networks that tests create. */
export const uniqueName = (tag: string) => `kindlab-t${process.pid.toString(36)}-${tag}`;
