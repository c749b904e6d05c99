// Where kindlab keeps per-user state: KINDLAB_HOME if set (tests, shared machines), else the XDG dirs.
import os from 'node:os';
import path from 'node:path';

export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KINDLAB_HOME) return path.join(env.KINDLAB_HOME, 'state');
  return path.join(env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state'), 'kindlab');
}

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KINDLAB_HOME) return path.join(env.KINDLAB_HOME, 'config');
  return path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'kindlab');
}

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KINDLAB_HOME) return path.join(env.KINDLAB_HOME, 'cache');
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'kindlab');
}
