// Gathering what doctor judges: the versions docker, kind and kubectl report, memory, inotify
// limits, kernel modules and host ports. Every side effect (processes, files, sockets) comes in
// through GatherOptions, so tests pass fake tools and fixture files.
import { access, readFile } from 'node:fs/promises';
import os from 'node:os';
import type { ProfileName } from '../../../lessons/profile-names.js';
import { forDisplay, runProcess, type ProcessResult } from '../../process.js';
import { findIpip, findNfqueue } from './kernel-modules.js';
import { probePort } from './ports.js';
import type { DoctorFacts, DoctorText, Platform } from './types.js';

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
const pathExists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

type Run = ProcessResult;

/** What a version command's run says when it gave no usable answer: a timeout, a missing program, or its own words. */
function toolTrouble(tool: string, argv: string, r: Run, timeoutMs: number): DoctorText | undefined {
  const secs = `${Math.round(timeoutMs / 100) / 10}`;
  if (r.timedOut)
    return { ja: `\`${argv}\` が ${secs} 秒以内に応答しませんでした (タイムアウト)`, en: `\`${argv}\` did not answer within ${secs} s (timed out)` };
  if (r.notFound) return `${tool}: command not found`;
  const said = forDisplay(r.stderr || r.stdout)
    .trim()
    .split('\n')[0]
    ?.slice(0, 200);
  if (r.exitCode !== 0) return said || { ja: `\`${argv}\` が終了コード ${r.exitCode} で終わりました`, en: `\`${argv}\` exited with code ${r.exitCode}` };
  return undefined;
}

function dockerFacts(info: Run, timeoutMs: number): DoctorFacts['docker'] {
  // `docker info --format '{{.ServerVersion}} {{.MemTotal}}'` prints e.g. "28.3.3 8342102016"; anything
  // else (a wrapper's greeting, an error printed with exit 0) is not an answer from a daemon.
  const answer = /^(\d+\.\d+\S*) (\d+)$/.exec(info.stdout.trim());
  const trouble = toolTrouble('docker', 'docker info', info, timeoutMs);
  if (trouble) return { reachable: false, error: trouble };
  if (answer) return { reachable: true, serverVersion: answer[1]!, memTotalBytes: Number(answer[2]) || undefined };
  return {
    reachable: false,
    error: {
      ja: `\`docker info\` の答えがサーバーのバージョンとメモリ量ではありません: ${forDisplay(info.stdout).trim().slice(0, 120) || '(空)'}`,
      en: `\`docker info\` did not answer with a server version and memory size: ${forDisplay(info.stdout).trim().slice(0, 120) || '(nothing)'}`,
    },
  };
}

function kindFacts(version: Run, timeoutMs: number): DoctorFacts['kind'] {
  const trouble = toolTrouble('kind', 'kind version', version, timeoutMs);
  return trouble ? { found: false, error: trouble } : { found: true, version: /v\d+\.\d+\.\d+\S*/.exec(version.stdout)?.[0] };
}

function kubectlFacts(version: Run, timeoutMs: number): DoctorFacts['kubectl'] {
  let gitVersion: string | undefined;
  try {
    gitVersion = (JSON.parse(version.stdout) as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion;
  } catch {
    gitVersion = undefined;
  }
  const trouble = toolTrouble('kubectl', 'kubectl version --client', version, timeoutMs);
  return trouble ? { found: false, error: trouble } : { found: true, version: gitVersion };
}

export async function gatherDoctorFacts(opts: GatherOptions): Promise<DoctorFacts> {
  const run = opts.runner ?? runProcess;
  const t = opts.timeoutMs ?? 15_000;
  const read = opts.readText ?? readOrNull;
  const exists = opts.exists ?? pathExists;
  const nodePlatform = opts.platform ?? process.platform;
  const platform: Platform = nodePlatform === 'linux' ? 'linux' : nodePlatform === 'darwin' ? 'darwin' : 'other';
  const arch = (opts.arch ?? process.arch) === 'arm64' ? 'arm64' : 'amd64';

  const [dockerInfo, kindVersion, kubectlVersion] = await Promise.all([
    run(['docker', 'info', '--format', '{{.ServerVersion}} {{.MemTotal}}'], { timeoutMs: t, env: opts.env }),
    run(['kind', 'version'], { timeoutMs: t, env: opts.env }),
    run(['kubectl', 'version', '--client', '-o', 'json'], { timeoutMs: t, env: opts.env }),
  ]);

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

  const ipip = await findIpip(platform, read, exists);
  const nfqueue = await findNfqueue(platform, read, exists, opts.kernelRelease ?? os.release());
  const ports = await Promise.all(opts.ports.map(async (p) => ({ ...p, ...(await probePort(p.port, p.address)) })));
  return {
    platform,
    arch,
    docker: dockerFacts(dockerInfo, t),
    kind: kindFacts(kindVersion, t),
    kubectl: kubectlFacts(kubectlVersion, t),
    hostMemory: { totalBytes: os.totalmem(), availableBytes },
    inotify,
    ipip,
    nfqueue,
    ports,
    calicoPinned: opts.calicoPinned,
  };
}
