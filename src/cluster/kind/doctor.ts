// `kindlab doctor`: is this machine ready for a 3-node kind cluster? Gathering facts (processes,
// /proc, sockets) is kept apart from judging them, so every verdict and its fix is unit-testable.
import { readFile, access } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import type { Text } from '../../lab/text.js';
import type { ProfileName } from '../../lab/profiles.js';
import { runProcess } from '../process.js';
import { profileFacts } from './profiles/index.js';
import { PINNED_KIND, PINNED_KUBECTL } from './doctor-fix.js';

export type Platform = 'linux' | 'darwin' | 'other';
export type Severity = 'error' | 'warning';

export interface DoctorFacts {
  platform: Platform;
  /** amd64 or arm64 (Node's x64 → amd64). */
  arch: string;
  docker: { reachable: boolean; serverVersion?: string; memTotalBytes?: number; error?: string };
  kind: { found: boolean; version?: string; error?: string };
  kubectl: { found: boolean; version?: string; error?: string };
  hostMemory: { totalBytes: number; availableBytes: number | null };
  /** Linux only; null elsewhere. A null value means the file could not be read. */
  inotify: { maxUserWatches: number | null; maxUserInstances: number | null } | null;
  /** ipip module on the host kernel: true/false on Linux, null when it cannot be told (macOS). */
  ipip: { loaded: boolean | null; evidence: DoctorText };
  ports: Array<{ port: number; address: string; free: boolean; error?: string }>;
  /** Pinned add-on manifests the chosen profile needs. */
  calicoPinned?: { pinned: boolean; version: string };
}

/** A plain string is data (a version, a command, a tool's own words), shown as it is in both languages. */
export type DoctorText = string | Text;

export interface DoctorCheck {
  id: string;
  ok: boolean;
  severity: Severity;
  title: Text;
  expected: DoctorText;
  observed: DoctorText;
  /** Exact commands to type (shown, never run by doctor); a Text line is a `# note` on the command above it. */
  fix: { linux: DoctorText[]; macos: DoctorText[] };
}

const note = (ja: string, en: string): Text => ({ ja: `# ${ja}`, en: `# ${en}` });
/** The shell's words for a missing tool, in the learner's language; any other error is the tool's own. */
const notFound = (tool: string, error: string | undefined): DoctorText =>
  error === undefined || error === `${tool}: command not found` ? { ja: `${tool} が見つかりません (PATH にありません)`, en: `${tool}: command not found` } : error;

// kind: the node image in kind-config.yaml is built for this release (kind v0.30.0 release notes).
export const MIN_KIND = '0.30.0';
// kubectl: the supported skew is one minor version either side of the API server (v1.33 here).
// https://kubernetes.io/releases/version-skew-policy/#kubectl
export const MIN_KUBECTL = '1.32.0';
// kind's known issues: multi-node clusters fail with "too many open files" below these.
// https://kind.sigs.k8s.io/docs/user/known-issues/#pod-errors-due-to-too-many-open-files
export const MIN_INOTIFY_WATCHES = 524288;
export const MIN_INOTIFY_INSTANCES = 512;
// kindlab's own estimate, not a kind figure: 3 nodes (~600-800 MiB each once Calico and CoreDNS
// run) plus lesson Pods. Below 4 GiB for Docker, creation or lessons stall.
export const MIN_DOCKER_MEMORY = 4 * 1024 ** 3;
export const MIN_HOST_AVAILABLE = 2 * 1024 ** 3;

const GiB = (b: number) => `${(b / 1024 ** 3).toFixed(1)} GiB`;

export function parseVersion(v: string | undefined): [number, number, number] | null {
  const m = /v?(\d+)\.(\d+)\.(\d+)/.exec(v ?? '');
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

export function atLeast(v: string | undefined, min: string): boolean {
  const a = parseVersion(v);
  const b = parseVersion(min)!;
  if (!a) return false;
  for (let i = 0; i < 3; i++) if (a[i]! !== b[i]!) return a[i]! > b[i]!;
  return true;
}

/** Judges gathered facts. Pure: same facts, same checks. */
export function evaluateDoctor(facts: DoctorFacts, opts: { profile: ProfileName }): DoctorCheck[] {
  const checks: DoctorCheck[] = [];
  const arch = facts.arch === 'arm64' ? 'arm64' : 'amd64';

  checks.push({
    id: 'docker',
    ok: facts.docker.reachable,
    severity: 'error',
    title: { ja: 'Docker デーモンに接続できる', en: 'Docker daemon is reachable' },
    expected: { ja: '`docker info` が応答する', en: '`docker info` answers' },
    observed: facts.docker.reachable ? `Docker ${facts.docker.serverVersion ?? '?'}` : (facts.docker.error ?? { ja: '応答なし', en: 'no answer' }),
    fix: {
      linux: ['sudo systemctl start docker', 'sudo usermod -aG docker "$USER"', note('グループの変更は、一度ログアウトしてログインし直すと効きます', 'then log out and back in'), 'docker info'],
      macos: ['open -a Docker', note('Docker Desktop が起動済みと表示するまで待ちます', 'wait until Docker Desktop says it is running'), 'docker info'],
    },
  });

  const kindOk = facts.kind.found && atLeast(facts.kind.version, MIN_KIND);
  checks.push({
    id: 'kind',
    ok: kindOk,
    severity: 'error',
    title: { ja: `kind ${MIN_KIND} 以上がある`, en: `kind ${MIN_KIND} or newer is installed` },
    expected: `kind >= v${MIN_KIND}`,
    observed: facts.kind.found ? (facts.kind.version ? `kind ${facts.kind.version}` : { ja: 'kind (バージョンを読めません)', en: 'kind (version unreadable)' }) : notFound('kind', facts.kind.error),
    fix: {
      linux: ['kindlab doctor --fix', `curl -Lo ./kind ${PINNED_KIND.assets[`linux-${arch}`]?.url ?? ''} && chmod +x ./kind && sudo mv ./kind /usr/local/bin/kind`],
      macos: ['kindlab doctor --fix', 'brew install kind'],
    },
  });

  const kubectlOk = facts.kubectl.found && atLeast(facts.kubectl.version, MIN_KUBECTL);
  checks.push({
    id: 'kubectl',
    ok: kubectlOk,
    severity: 'error',
    title: { ja: `kubectl ${MIN_KUBECTL} 以上がある`, en: `kubectl ${MIN_KUBECTL} or newer is installed` },
    expected: `kubectl >= v${MIN_KUBECTL}`,
    observed: facts.kubectl.found ? (facts.kubectl.version ? `kubectl ${facts.kubectl.version}` : { ja: 'kubectl (バージョンを読めません)', en: 'kubectl (version unreadable)' }) : notFound('kubectl', facts.kubectl.error),
    fix: {
      linux: ['kindlab doctor --fix', `curl -LO ${PINNED_KUBECTL.assets[`linux-${arch}`]?.url ?? ''} && sudo install -m 0755 kubectl /usr/local/bin/kubectl`],
      macos: ['kindlab doctor --fix', 'brew install kubectl'],
    },
  });

  const dockerMem = facts.docker.memTotalBytes;
  checks.push({
    id: 'docker-memory',
    ok: dockerMem === undefined || dockerMem >= MIN_DOCKER_MEMORY,
    severity: 'error',
    title: { ja: 'Docker が使えるメモリが 3 ノードに足りる', en: 'Docker has enough memory for 3 nodes' },
    expected: `>= ${GiB(MIN_DOCKER_MEMORY)}`,
    observed: dockerMem === undefined ? { ja: '不明 (Docker に接続できません)', en: 'unknown (Docker not reachable)' } : GiB(dockerMem),
    fix: {
      linux: ['free -h', note('Linux の Docker はホストのメモリを使います。ほかのプログラムを閉じるか、メモリを増やしてください', 'Docker uses the host memory on Linux: close other programs or add memory')],
      macos: [
        note('Docker Desktop の「Settings → Resources → Memory」を 6 GB 以上にして「Apply & restart」', 'Docker Desktop → Settings → Resources → Memory: 6 GB or more, then Apply & restart'),
        'docker info --format "{{.MemTotal}}"',
      ],
    },
  });

  const avail = facts.hostMemory.availableBytes;
  checks.push({
    id: 'host-memory',
    ok: avail === null || avail >= MIN_HOST_AVAILABLE,
    severity: 'warning',
    title: { ja: 'ホストの空きメモリ', en: 'Free memory on this machine' },
    expected: { ja: `空き ${GiB(MIN_HOST_AVAILABLE)} 以上`, en: `>= ${GiB(MIN_HOST_AVAILABLE)} available` },
    observed: avail === null
      ? { ja: '不明', en: 'unknown' }
      : { ja: `空き ${GiB(avail)} (全体 ${GiB(facts.hostMemory.totalBytes)})`, en: `${GiB(avail)} available of ${GiB(facts.hostMemory.totalBytes)}` },
    fix: {
      linux: ['free -h', note('ラボの間は使わないブラウザや IDE を閉じてください', 'close browsers and IDEs you do not need during the lab')],
      macos: ['vm_stat', note('ラボの間は使わないプログラムを閉じてください', 'close programs you do not need during the lab')],
    },
  });

  if (facts.inotify) {
    const { maxUserWatches: w, maxUserInstances: i } = facts.inotify;
    const unreadable: Text = { ja: '読めません', en: 'unreadable' };
    const notOnMac = note('macOS では不要です (Docker Desktop が VM の中で設定します)', 'not applicable on macOS: Docker Desktop sets this inside its VM');
    const sysctlFile = `printf 'fs.inotify.max_user_watches = ${MIN_INOTIFY_WATCHES}\\nfs.inotify.max_user_instances = ${MIN_INOTIFY_INSTANCES}\\n' | sudo tee /etc/sysctl.d/99-kindlab.conf`;
    checks.push({
      id: 'inotify-watches',
      ok: w !== null && w >= MIN_INOTIFY_WATCHES,
      severity: 'error',
      title: { ja: 'inotify の監視数の上限（マルチノード kind に必要）', en: 'inotify watch limit (needed by multi-node kind)' },
      expected: `fs.inotify.max_user_watches >= ${MIN_INOTIFY_WATCHES}`,
      observed: w === null ? unreadable : String(w),
      fix: { linux: [`sudo sysctl fs.inotify.max_user_watches=${MIN_INOTIFY_WATCHES}`, sysctlFile], macos: [notOnMac] },
    });
    checks.push({
      id: 'inotify-instances',
      ok: i !== null && i >= MIN_INOTIFY_INSTANCES,
      severity: 'error',
      title: { ja: 'inotify インスタンス数の上限（マルチノード kind に必要）', en: 'inotify instance limit (needed by multi-node kind)' },
      expected: `fs.inotify.max_user_instances >= ${MIN_INOTIFY_INSTANCES}`,
      observed: i === null ? unreadable : String(i),
      fix: { linux: [`sudo sysctl fs.inotify.max_user_instances=${MIN_INOTIFY_INSTANCES}`, sysctlFile], macos: [notOnMac] },
    });
  }

  const module = profileFacts(opts.profile).kernelModule;
  if (module === 'ipip') {
    checks.push({
      id: 'ipip-module',
      ok: facts.ipip.loaded === true,
      // calico-node may load it itself (privileged, /lib/modules mounted), so this warns, not stops.
      severity: 'warning',
      title: { ja: 'IPIP プロファイル用の ipip カーネルモジュール', en: 'ipip kernel module for the IPIP profile' },
      expected: { ja: 'ホストのカーネルに ipip が読み込まれている (kind のノードはホストのカーネルを共有します)', en: 'ipip loaded on the host kernel (kind nodes share it)' },
      observed: facts.ipip.evidence,
      fix: {
        linux: ['sudo modprobe ipip', 'echo ipip | sudo tee /etc/modules-load.d/kindlab-ipip.conf', note('再起動後も読み込まれるようにします', 'keep it after reboot')],
        macos: [
          'kindlab up --profile calico-vxlan',
          note('Docker Desktop の VM のカーネルは macOS から確かめられません。VXLAN なら ipip モジュールは不要です', "Docker Desktop's VM kernel cannot be checked from macOS; VXLAN needs no ipip module"),
        ],
      },
    });
  }

  const findAndStop = note('使っているプログラムを見つけて止めてください', 'find the program, then stop it');
  for (const p of facts.ports) {
    checks.push({
      id: `port-${p.port}`,
      ok: p.free,
      severity: 'error',
      title: { ja: `ホストのポート ${p.port} が空いている（後のレッスンの Ingress 用）`, en: `Host port ${p.port} is free (ingress in later lessons)` },
      expected: { ja: `${p.address}:${p.port} で待ち受けているものがない`, en: `nothing listening on ${p.address}:${p.port}` },
      observed: p.free ? { ja: '空き', en: 'free' } : p.error === undefined || p.error === 'in use' ? { ja: '使用中', en: 'in use' } : p.error,
      fix: {
        linux: [`sudo ss -ltnp 'sport = :${p.port}'`, findAndStop],
        macos: [`lsof -nP -iTCP:${p.port} -sTCP:LISTEN`, findAndStop],
      },
    });
  }

  if (facts.calicoPinned) {
    const { pinned, version } = facts.calicoPinned;
    const calicoFix = [
      'node scripts/pin-addons.mjs',
      note('メンテナ向け: インターネットにつながる PC で', 'maintainers, on a machine with internet'),
      'kindlab up --profile kindnet',
      note('kindnet なら Calico なしで動きます', 'works without Calico'),
    ];
    checks.push({
      id: 'calico-manifest',
      ok: pinned,
      severity: 'error',
      title: { ja: `Calico ${version} のマニフェストが sha256 で固定されている`, en: `The Calico ${version} manifest is pinned by sha256` },
      expected: { ja: 'addons/checksums.json に sha256 がある', en: 'a sha256 in addons/checksums.json' },
      observed: pinned ? { ja: '固定済み', en: 'pinned' } : { ja: 'まだ記録されていません', en: 'not recorded yet' },
      fix: { linux: calicoFix, macos: calicoFix },
    });
  }
  return checks;
}

/** 3 (prerequisites missing) when an error-level check failed, else 0. */
export function doctorExitCode(checks: DoctorCheck[]): 0 | 3 {
  return checks.some((c) => !c.ok && c.severity === 'error') ? 3 : 0;
}

export interface GatherOptions {
  profile: ProfileName;
  /** Host ports from kind-config.yaml's extraPortMappings. */
  ports: Array<{ port: number; address: string }>;
  calicoPinned?: { pinned: boolean; version: string };
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  runner?: typeof runProcess;
  /** Read a file (tests pass fixtures for /proc paths). */
  readText?: (path: string) => Promise<string | null>;
  platform?: NodeJS.Platform;
  arch?: string;
}

const readOrNull = async (path: string) => readFile(path, 'utf8').catch(() => null);

export async function gatherDoctorFacts(opts: GatherOptions): Promise<DoctorFacts> {
  const run = opts.runner ?? runProcess;
  const t = opts.timeoutMs ?? 15_000;
  const read = opts.readText ?? readOrNull;
  const nodePlatform = opts.platform ?? process.platform;
  const platform: Platform = nodePlatform === 'linux' ? 'linux' : nodePlatform === 'darwin' ? 'darwin' : 'other';
  const arch = (opts.arch ?? process.arch) === 'arm64' ? 'arm64' : 'amd64';

  const [dockerInfo, kindVersion, kubectlVersion] = await Promise.all([
    run(['docker', 'info', '--format', '{{.ServerVersion}} {{.MemTotal}}'], { timeoutMs: t, env: opts.env }),
    run(['kind', 'version'], { timeoutMs: t, env: opts.env }),
    run(['kubectl', 'version', '--client', '-o', 'json'], { timeoutMs: t, env: opts.env }),
  ]);
  const [serverVersion, mem] = dockerInfo.stdout.trim().split(/\s+/);
  const docker: DoctorFacts['docker'] =
    dockerInfo.exitCode === 0 && serverVersion
      ? { reachable: true, serverVersion, memTotalBytes: Number(mem) || undefined }
      : { reachable: false, error: (dockerInfo.stderr || dockerInfo.stdout).trim().split('\n')[0] || `exit ${dockerInfo.exitCode}` };

  const kind: DoctorFacts['kind'] = kindVersion.notFound
    ? { found: false, error: 'kind: command not found' }
    : { found: kindVersion.exitCode === 0, version: /v\d+\.\d+\.\d+\S*/.exec(kindVersion.stdout)?.[0], error: kindVersion.stderr.trim() || undefined };

  let kubectlVer: string | undefined;
  try {
    kubectlVer = (JSON.parse(kubectlVersion.stdout) as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion;
  } catch {
    kubectlVer = undefined;
  }
  const kubectl: DoctorFacts['kubectl'] = kubectlVersion.notFound
    ? { found: false, error: 'kubectl: command not found' }
    : { found: kubectlVersion.exitCode === 0, version: kubectlVer, error: kubectlVersion.stderr.trim() || undefined };

  let availableBytes: number | null = null;
  if (platform === 'linux') {
    const kb = /MemAvailable:\s+(\d+) kB/.exec((await read('/proc/meminfo')) ?? '')?.[1];
    availableBytes = kb ? Number(kb) * 1024 : null;
  } else availableBytes = os.freemem();

  let inotify: DoctorFacts['inotify'] = null;
  if (platform === 'linux') {
    const num = async (p: string) => {
      const s = await read(p);
      return s === null || Number.isNaN(Number(s.trim())) ? null : Number(s.trim());
    };
    inotify = { maxUserWatches: await num('/proc/sys/fs/inotify/max_user_watches'), maxUserInstances: await num('/proc/sys/fs/inotify/max_user_instances') };
  }

  let ipip: DoctorFacts['ipip'] = { loaded: null, evidence: { ja: 'この OS からは確かめられません (カーネルは Docker の VM の中です)', en: 'cannot be checked from this OS (the kernel is inside the Docker VM)' } };
  if (platform === 'linux') {
    const modules = await read('/proc/modules');
    const sysModule = await access('/sys/module/ipip').then(() => true, () => false);
    const inModules = modules !== null && /^ipip\s/m.test(modules);
    ipip = inModules || sysModule
      ? { loaded: true, evidence: inModules ? { ja: '/proc/modules にあります', en: 'listed in /proc/modules' } : { ja: '/sys/module/ipip があります (組み込み)', en: '/sys/module/ipip exists (built in)' } }
      : { loaded: false, evidence: { ja: '/proc/modules になく、/sys/module/ipip もありません', en: 'not in /proc/modules and no /sys/module/ipip' } };
  }

  const ports = await Promise.all(opts.ports.map(async (p) => ({ ...p, ...(await probePort(p.port, p.address)) })));
  return {
    platform,
    arch,
    docker,
    kind,
    kubectl,
    hostMemory: { totalBytes: os.totalmem(), availableBytes },
    inotify,
    ipip,
    ports,
    calicoPinned: opts.calicoPinned,
  };
}

/** Free when we can listen on it ourselves (then we close at once). */
export function probePort(port: number, address: string): Promise<{ free: boolean; error?: string }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve({ free: false, error: err.code === 'EADDRINUSE' ? 'in use' : `${err.code ?? err.message}` }));
    server.listen({ port, host: address, exclusive: true }, () => server.close(() => resolve({ free: true })));
  });
}

/**
 * Everything `kindlab doctor` (and `up` before it starts) needs in one call: reads the host ports
 * from kind-config.yaml and the Calico pin from addons/checksums.json, gathers, judges.
 * Pass env with the --fix folder (defaultBinDir()) first on PATH so installed tools are found.
 */
export async function checkMachine(opts: {
  profile: ProfileName;
  baseConfigPath: string;
  addonsDir: string;
  env?: Record<string, string | undefined>;
  runner?: typeof runProcess;
}): Promise<{ facts: DoctorFacts; checks: DoctorCheck[]; exitCode: 0 | 3 }> {
  const { parseKindConfig, summarizeKindConfig } = await import('./kind-config.js');
  const { calicoPin } = await import('./profiles/calico-manifest.js');
  const summary = summarizeKindConfig(parseKindConfig(await readFile(opts.baseConfigPath, 'utf8'), opts.baseConfigPath));
  let calicoPinned: DoctorFacts['calicoPinned'];
  if (profileFacts(opts.profile).cni === 'calico') {
    const pin = await calicoPin(opts.addonsDir);
    calicoPinned = { pinned: pin.sha256 !== null, version: pin.version };
  }
  const facts = await gatherDoctorFacts({
    profile: opts.profile,
    ports: summary.portMappings.map((p) => ({ port: p.hostPort, address: p.listenAddress })),
    calicoPinned,
    env: opts.env,
    runner: opts.runner,
  });
  const checks = evaluateDoctor(facts, { profile: opts.profile });
  return { facts, checks, exitCode: doctorExitCode(checks) };
}
