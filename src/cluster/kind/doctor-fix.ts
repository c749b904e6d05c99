// `kindlab doctor --fix`: install pinned kind and kubectl into a per-user folder, each verified
// by sha256 before it is kept. An entry without a sha256 makes --fix refuse rather than install
// something unverified.
// The pinned versions and their checksums are in pinned-tools.ts.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { TextError, type Task } from '../../core/task.js';
import { DOCTOR_CHECKS } from './doctor/checks/index.js';
import type { DoctorCheck } from './doctor/types.js';
import { downloadVerified } from './verified-download.js';
import { PINNED_KIND, PINNED_KUBECTL, type AssetKey, type PinnedTool } from './pinned-tools.js';

/** Per-user folder for installed programs; the CLI puts it first on PATH for kind/kubectl calls. */
export function defaultBinDir(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.XDG_CACHE_HOME || (process.platform === 'darwin' ? join(homedir(), 'Library', 'Caches') : join(homedir(), '.cache'));
  return join(cache, 'kindlab', 'bin');
}

export function assetKey(platform: NodeJS.Platform | string, arch: string): AssetKey | null {
  const os = platform === 'linux' ? 'linux' : platform === 'darwin' ? 'darwin' : null;
  const cpu = arch === 'x64' || arch === 'amd64' ? 'amd64' : arch === 'arm64' ? 'arm64' : null;
  return os && cpu ? (`${os}-${cpu}` as AssetKey) : null;
}

export interface FixOptions {
  binDir: string;
  platform: NodeJS.Platform | string;
  arch: string;
  timeoutMs?: number;
  /** Replaceable for tests (a local HTTP server); defaults to the pinned tables above. */
  tools?: { kind: PinnedTool; kubectl: PinnedTool };
}

/** Which tool a failed check asks for, as each check declares it (`installs`): a missing or old kind/kubectl, or a kind other than the pinned one. */
const TOOL_OF_CHECK: ReadonlyMap<string, 'kind' | 'kubectl'> = new Map(DOCTOR_CHECKS.flatMap((c) => (c.installs ? [[c.name, c.installs] as const] : [])));

/** Install tasks for the failed kind/kubectl checks (the pinned kind too when another is installed); nothing for the others. */
export function planFix(checks: DoctorCheck[], opts: FixOptions): Task[] {
  const tools = opts.tools ?? { kind: PINNED_KIND, kubectl: PINNED_KUBECTL };
  const key = assetKey(opts.platform, opts.arch);
  const tasks: Task[] = [];
  const planned = new Set<string>();
  for (const check of checks) {
    const name = TOOL_OF_CHECK.get(check.id);
    if (check.ok || check.unknown || !name || planned.has(name)) continue;
    planned.add(name);
    const tool = tools[name];
    const asset = key ? tool.assets[key] : undefined;
    const dest = join(opts.binDir, tool.name);
    tasks.push({
      title: {
        ja: `${tool.name} ${tool.version} を ${opts.binDir} にインストール（sha256 を確認）`,
        en: `Install ${tool.name} ${tool.version} into ${opts.binDir} (sha256 verified)`,
      },
      shown: asset ? ['curl', '-fLo', dest, asset.url] : undefined,
      run: async (signal) => {
        if (!asset) {
          throw new TextError({
            ja: `${opts.platform}/${opts.arch} 用に固定した ${tool.name} はありません。手で入れてください`,
            en: `no pinned ${tool.name} build for ${opts.platform}/${opts.arch}; install it by hand`,
          });
        }
        const sha = await downloadVerified(asset.url, asset.sha256, dest, { timeoutMs: opts.timeoutMs ?? 300_000, signal, mode: 0o755 });
        return `${dest} sha256 ${sha}`;
      },
    });
  }
  return tasks;
}
