// `kindlab doctor`: is this machine ready for a 3-node kind cluster? Gathering facts (processes,
// /proc, sockets) is kept apart from judging them, so every verdict and its fix is unit-testable.
import { readFile, access } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import type { Text } from '../../core/text.js';
import type { ProfileName } from '../../lab/profiles.js';
import { forDisplay, runProcess } from '../process.js';
import { profileFacts } from './profiles/index.js';
import { PINNED_KIND, PINNED_KUBECTL } from './pinned-tools.js';

export type Platform = 'linux' | 'darwin' | 'other';
export type Severity = 'error' | 'warning';

export interface DoctorFacts {
  platform: Platform;
  /** amd64 or arm64 (Node's x64 → amd64). */
  arch: string;
  /** error: what went wrong in the learner's words where kindlab says it (a timeout, an odd answer), else the tool's own. */
  docker: { reachable: boolean; serverVersion?: string; memTotalBytes?: number; error?: DoctorText };
  kind: { found: boolean; version?: string; error?: DoctorText };
  kubectl: { found: boolean; version?: string; error?: DoctorText };
  hostMemory: { totalBytes: number; availableBytes: number | null };
  /** Linux only; null elsewhere. A null value means the file could not be read. */
  inotify: { maxUserWatches: number | null; maxUserInstances: number | null } | null;
  /** ipip module on the host kernel: true/false on Linux, null when it cannot be told (macOS). */
  ipip: { loaded: boolean | null; evidence: DoctorText };
  /**
   * nfnetlink_queue in the host kernel (loaded, built in, or a module it can load): kindnetd
   * enforces NetworkPolicy through nfqueue and fails open without it. null: cannot be told.
   */
  nfqueue: { available: boolean | null; evidence: DoctorText };
  ports: Array<{ port: number; address: string; free: boolean; error?: string }>;
  /** Pinned add-on manifests the chosen profile needs. */
  calicoPinned?: { pinned: boolean; version: string };
}

/** A plain string is data (a version, a command, a tool's own words), shown as it is in both languages. */
export type DoctorText = string | Text;

export interface DoctorCheck {
  id: string;
  /** Passed. False for a failure and for a check that could not be judged (then `unknown`). */
  ok: boolean;
  /** Could not be judged (e.g. Docker memory while Docker does not answer): shown as "?", never as a pass, and stops nothing by itself. */
  unknown?: boolean;
  severity: Severity;
  title: Text;
  expected: DoctorText;
  observed: DoctorText;
  /** Exact commands to type (shown, never run by doctor); a Text line is a `# note` on the command above it. */
  fix: { linux: DoctorText[]; macos: DoctorText[] };
}

const note = (ja: string, en: string): Text => ({ ja: `# ${ja}`, en: `# ${en}` });
/** The shell's words for a missing tool, in the learner's language; any other error is the tool's own. */
const notFound = (tool: string, error: DoctorText | undefined): DoctorText =>
  error === undefined || error === `${tool}: command not found` ? { ja: `${tool} が見つかりません (PATH にありません)`, en: `${tool}: command not found` } : error;

// kind: the node image in kind-config.yaml is built for this release (kind v0.30.0 release notes).
export const MIN_KIND = '0.30.0';
// kubectl: the supported skew is one minor version either side of the API server (v1.33 here).
// https://kubernetes.io/releases/version-skew-policy/#kubectl
export const MIN_KUBECTL = '1.32.0';
// kind's known issues (kind@v0.30.0:site/content/docs/user/known-issues.md, "Pod errors due to
// 'too many open files'"): Ubuntu's defaults 8192 watches / 128 instances are "not enough to create
// a cluster with many nodes"; kind recommends these values. The page names no node count at which
// a limit breaks, and 128 instances is every stock Linux's default, so for kindlab's 3 nodes they
// warn (with the fix and the symptom to look for) and do not stop `up`.
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

  if (kindOk) checks.push(kindPinnedCheck(facts.kind.version!, arch));

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
    ok: dockerMem !== undefined && dockerMem >= MIN_DOCKER_MEMORY,
    ...(dockerMem === undefined ? { unknown: true } : {}),
    severity: 'error',
    title: { ja: 'Docker が使えるメモリが 3 ノードに足りる', en: 'Docker has enough memory for 3 nodes' },
    expected: `>= ${GiB(MIN_DOCKER_MEMORY)}`,
    observed: dockerMem === undefined
      ? facts.docker.reachable
        ? { ja: '不明 (docker info がメモリ量を示しませんでした)', en: 'not known (docker info gave no memory size)' }
        : { ja: '確かめられません (Docker に接続できません)', en: 'cannot be checked (Docker not reachable)' }
      : GiB(dockerMem),
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
    ok: avail !== null && avail >= MIN_HOST_AVAILABLE,
    ...(avail === null ? { unknown: true } : {}),
    severity: 'warning',
    title: { ja: 'ホストの空きメモリ', en: 'Free memory on this machine' },
    expected: { ja: `空き ${GiB(MIN_HOST_AVAILABLE)} 以上`, en: `>= ${GiB(MIN_HOST_AVAILABLE)} available` },
    observed: avail === null
      ? { ja: '不明 (/proc/meminfo を読めません)', en: 'not known (/proc/meminfo unreadable)' }
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
    const symptom = note(
      'kind の既知の問題: Pod が "too many open files" で失敗するときの原因です。3 ノードなら多くの場合は動きますが、上げておくと確実です',
      'kind known issues: the cause of Pods failing with "too many open files"; 3 nodes usually start anyway, raising it makes sure',
    );
    const sysctlFile = `printf 'fs.inotify.max_user_watches = ${MIN_INOTIFY_WATCHES}\\nfs.inotify.max_user_instances = ${MIN_INOTIFY_INSTANCES}\\n' | sudo tee /etc/sysctl.d/99-kindlab.conf`;
    checks.push({
      id: 'inotify-watches',
      ok: w !== null && w >= MIN_INOTIFY_WATCHES,
      ...(w === null ? { unknown: true } : {}),
      severity: 'warning',
      title: { ja: 'inotify の監視数の上限（kind がマルチノードに推奨）', en: 'inotify watch limit (kind recommends it for multi-node clusters)' },
      expected: `fs.inotify.max_user_watches >= ${MIN_INOTIFY_WATCHES}`,
      observed: w === null ? unreadable : String(w),
      fix: { linux: [`sudo sysctl fs.inotify.max_user_watches=${MIN_INOTIFY_WATCHES}`, sysctlFile, symptom], macos: [notOnMac] },
    });
    checks.push({
      id: 'inotify-instances',
      ok: i !== null && i >= MIN_INOTIFY_INSTANCES,
      ...(i === null ? { unknown: true } : {}),
      severity: 'warning',
      title: { ja: 'inotify インスタンス数の上限（kind がマルチノードに推奨）', en: 'inotify instance limit (kind recommends it for multi-node clusters)' },
      expected: `fs.inotify.max_user_instances >= ${MIN_INOTIFY_INSTANCES}`,
      observed: i === null ? unreadable : String(i),
      fix: { linux: [`sudo sysctl fs.inotify.max_user_instances=${MIN_INOTIFY_INSTANCES}`, sysctlFile, symptom], macos: [notOnMac] },
    });
  }

  const module = profileFacts(opts.profile).kernelModule;
  if (module === 'ipip') {
    checks.push({
      id: 'ipip-module',
      ok: facts.ipip.loaded === true,
      ...(facts.ipip.loaded === null ? { unknown: true } : {}),
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

  if (profileFacts(opts.profile).cni === 'kindnet') checks.push(nfqueueCheck(facts.nfqueue));

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

/**
 * kind other than the pinned release: what that changes. Facts from docs/versions.md (kind@v0.30.0
 * and kind@v0.32.0 compared): the node image, named by digest in kind-config.yaml, carries
 * Kubernetes, CoreDNS and kindnetd; kind itself writes the kubeadm/kube-proxy configuration and
 * supports a node image only with the release that built it (best effort otherwise).
 */
function kindPinnedCheck(version: string, arch: string): DoctorCheck {
  const pinned = PINNED_KIND.version;
  const same = parseVersion(version)?.join('.') === parseVersion(pinned)?.join('.');
  return {
    id: 'kind-pinned',
    ok: same,
    severity: 'warning',
    title: { ja: `kind が固定版 ${pinned} である`, en: `kind is the pinned ${pinned}` },
    expected: {
      ja: `kind ${pinned} (レッスンはこの版で確かめました)`,
      en: `kind ${pinned} (the lessons were checked with it)`,
    },
    observed: same
      ? `kind ${version}`
      : {
          ja:
            `kind ${version}。kind-config.yaml がノードイメージを digest で固定しているので、クラスタは今までどおり kindest/node:v1.33.4 ` +
            `(kind ${pinned} 用) で動き、Kubernetes・CoreDNS・kindnetd はこのイメージの中のものです。kind ${version} 自身が書く kubeadm と kube-proxy の設定は ` +
            `${pinned} でだけ確かめました (v0.32.0 との差分は docs/versions.md: このイメージでは kube-proxy の設定は同じ)。kind は、ノードイメージをそれを作った版でだけサポートします (他の版はベストエフォート)。`,
          en:
            `kind ${version}. kind-config.yaml pins the node image by digest, so the cluster still runs kindest/node:v1.33.4 (built for kind ${pinned}) ` +
            `and its Kubernetes, CoreDNS and kindnetd. What kind ${version} itself writes (the kubeadm and kube-proxy configuration) was reviewed only for ${pinned} ` +
            `(the diff to v0.32.0 is in docs/versions.md: the same kube-proxy settings for this image). kind supports a node image only with the release that built it (best effort otherwise).`,
        },
    fix: {
      linux: [
        'kindlab doctor --fix',
        note(`kind ${pinned} を sha256 を確かめて ~/.cache/kindlab/bin に入れます。kindlab はそちらを先に使います (PATH の kind はそのまま)`, `installs kind ${pinned}, sha256-verified, into ~/.cache/kindlab/bin; kindlab uses it first (the kind on your PATH stays)`),
        `curl -Lo ./kind ${PINNED_KIND.assets[`linux-${arch === 'arm64' ? 'arm64' : 'amd64'}` as const]?.url ?? ''} && chmod +x ./kind && sudo mv ./kind /usr/local/bin/kind`,
      ],
      macos: ['kindlab doctor --fix', note(`kind ${pinned} を ~/Library/Caches/kindlab/bin に入れます`, `installs kind ${pinned} into ~/Library/Caches/kindlab/bin`)],
    },
  };
}

/**
 * kindnet enforces NetworkPolicy with kube-network-policies through nfqueue, and kindnetd sets
 * FailOpen: true (kind@v0.30.0:images/kindnetd/cmd/kindnetd/main.go; kube-network-policies@v0.8.0:
 * pkg/networkpolicy/controller.go puts `queue flags bypass` in its nftables rules): without
 * nfnetlink_queue in the host kernel, packets bypass the queue and lesson 10's policies are not
 * enforced. Calico enforces policy itself.
 */
function nfqueueCheck(nfqueue: DoctorFacts['nfqueue']): DoctorCheck {
  const calico = [
    'kindlab up --profile calico-vxlan',
    note('Calico は NetworkPolicy を自分で適用します (レッスン 10 用)', 'Calico enforces NetworkPolicy itself (for lesson 10)'),
  ];
  return {
    id: 'nfqueue-module',
    ok: nfqueue.available === true,
    ...(nfqueue.available === null ? { unknown: true } : {}),
    severity: 'warning',
    title: {
      ja: 'kindnet の NetworkPolicy 用の nfnetlink_queue カーネルモジュール (レッスン 10)',
      en: 'nfnetlink_queue kernel module for kindnet NetworkPolicy (lesson 10)',
    },
    expected: {
      ja: 'ホストのカーネルに nfnetlink_queue がある。無いと kindnet は NetworkPolicy を適用せずに通信を通します (フェイルオープン)',
      en: 'nfnetlink_queue in the host kernel; without it kindnet lets traffic through instead of enforcing NetworkPolicy (fail open)',
    },
    observed: nfqueue.evidence,
    fix: {
      linux: ['sudo modprobe nfnetlink_queue', note('それでも入らなければ Calico のプロファイルを使います', 'if that fails, use a Calico profile'), ...calico],
      macos: [note('Docker Desktop の VM のカーネルは macOS から確かめられません', "Docker Desktop's VM kernel cannot be checked from macOS"), ...calico],
    },
  };
}

/** 3 (prerequisites missing) when an error-level check failed, else 0. A check that could not be judged stops nothing by itself. */
export function doctorExitCode(checks: DoctorCheck[]): 0 | 3 {
  return checks.some((c) => !c.ok && !c.unknown && c.severity === 'error') ? 3 : 0;
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
  /** Whether a path exists (tests pass fixtures for /sys/module). */
  exists?: (path: string) => Promise<boolean>;
  /** `uname -r`, for /lib/modules/<release>; default os.release(). */
  kernelRelease?: string;
}

const readOrNull = async (path: string) => readFile(path, 'utf8').catch(() => null);
const pathExists = (path: string) => access(path).then(() => true, () => false);

/** What a version command's run says when it gave no usable answer: a timeout, a missing program, or its own words. */
function toolTrouble(tool: string, argv: string, r: { timedOut: boolean; notFound: boolean; exitCode: number; stderr: string; stdout: string }, timeoutMs: number): DoctorText | undefined {
  const secs = `${Math.round(timeoutMs / 100) / 10}`;
  if (r.timedOut) return { ja: `\`${argv}\` が ${secs} 秒以内に応答しませんでした (タイムアウト)`, en: `\`${argv}\` did not answer within ${secs} s (timed out)` };
  if (r.notFound) return `${tool}: command not found`;
  const said = forDisplay(r.stderr || r.stdout).trim().split('\n')[0]?.slice(0, 200);
  if (r.exitCode !== 0) return said || { ja: `\`${argv}\` が終了コード ${r.exitCode} で終わりました`, en: `\`${argv}\` exited with code ${r.exitCode}` };
  return undefined;
}

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
  // `docker info --format '{{.ServerVersion}} {{.MemTotal}}'` prints e.g. "28.3.3 8342102016"; anything
  // else (a wrapper's greeting, an error printed with exit 0) is not an answer from a daemon.
  const dockerAnswer = /^(\d+\.\d+\S*) (\d+)$/.exec(dockerInfo.stdout.trim());
  const dockerTrouble = toolTrouble('docker', 'docker info', dockerInfo, t);
  const docker: DoctorFacts['docker'] = dockerTrouble
    ? { reachable: false, error: dockerTrouble }
    : dockerAnswer
      ? { reachable: true, serverVersion: dockerAnswer[1]!, memTotalBytes: Number(dockerAnswer[2]) || undefined }
      : {
          reachable: false,
          error: {
            ja: `\`docker info\` の答えがサーバーのバージョンとメモリ量ではありません: ${forDisplay(dockerInfo.stdout).trim().slice(0, 120) || '(空)'}`,
            en: `\`docker info\` did not answer with a server version and memory size: ${forDisplay(dockerInfo.stdout).trim().slice(0, 120) || '(nothing)'}`,
          },
        };

  const kindTrouble = toolTrouble('kind', 'kind version', kindVersion, t);
  const kind: DoctorFacts['kind'] = kindTrouble
    ? { found: false, error: kindTrouble }
    : { found: true, version: /v\d+\.\d+\.\d+\S*/.exec(kindVersion.stdout)?.[0] };

  let kubectlVer: string | undefined;
  try {
    kubectlVer = (JSON.parse(kubectlVersion.stdout) as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion;
  } catch {
    kubectlVer = undefined;
  }
  const kubectlTrouble = toolTrouble('kubectl', 'kubectl version --client', kubectlVersion, t);
  const kubectl: DoctorFacts['kubectl'] = kubectlTrouble ? { found: false, error: kubectlTrouble } : { found: true, version: kubectlVer };

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

  const nfqueue = await findNfqueue(platform, read, opts.exists ?? pathExists, opts.kernelRelease ?? os.release());

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
    nfqueue,
    ports,
    calicoPinned: opts.calicoPinned,
  };
}

/** nfnetlink_queue: loaded (/proc/modules), built in (/sys/module, modules.builtin), or a module file the kernel can load (modules.dep). */
async function findNfqueue(
  platform: Platform,
  read: (path: string) => Promise<string | null>,
  exists: (path: string) => Promise<boolean>,
  release: string,
): Promise<DoctorFacts['nfqueue']> {
  if (platform !== 'linux') {
    return { available: null, evidence: { ja: 'この OS からは確かめられません (カーネルは Docker の VM の中です)', en: 'cannot be checked from this OS (the kernel is inside the Docker VM)' } };
  }
  const modules = await read('/proc/modules');
  if (modules !== null && /^nfnetlink_queue\s/m.test(modules)) return { available: true, evidence: { ja: '/proc/modules にあります', en: 'listed in /proc/modules' } };
  if (await exists('/sys/module/nfnetlink_queue')) return { available: true, evidence: { ja: '/sys/module/nfnetlink_queue があります', en: '/sys/module/nfnetlink_queue exists' } };
  const dir = `/lib/modules/${release}`;
  const builtin = await read(`${dir}/modules.builtin`);
  if (builtin !== null && /(^|\/)nfnetlink_queue\.ko\b/m.test(builtin)) return { available: true, evidence: { ja: `カーネルに組み込み (${dir}/modules.builtin)`, en: `built into the kernel (${dir}/modules.builtin)` } };
  const dep = await read(`${dir}/modules.dep`);
  if (dep !== null && /(^|\/)nfnetlink_queue\.ko[^:]*:/m.test(dep)) {
    return { available: true, evidence: { ja: `読み込み可能なモジュール (${dir}/modules.dep; kindnetd が使うときにカーネルが読み込みます)`, en: `a loadable module (${dir}/modules.dep; the kernel loads it when kindnetd asks)` } };
  }
  if (builtin !== null && dep !== null) {
    return { available: false, evidence: { ja: `読み込まれておらず、${dir} にもありません`, en: `not loaded, and neither built in nor a module in ${dir}` } };
  }
  return { available: null, evidence: { ja: `読み込まれていません。${dir} を読めないので、使えるかは分かりません`, en: `not loaded; ${dir} is unreadable, so whether the kernel has it is not known` } };
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
