// How the learner can run kindlab from where they are, decided in one place: `kindlab` when that
// name on PATH is this install (npm link, npm i -g), `npx kindlab` inside the repo, else the full
// `node …/main.js`. Every suggestion kindlab prints ("run `kindlab up`") is then said that way.
import { readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** The real path of `p`, following links by hand where the target does not exist yet (dist/ before a build). */
function resolveLoosely(p: string, depth = 0): string {
  try {
    return realpathSync(p);
  } catch {
    // falls through: missing target, or a missing folder on the way
  }
  if (depth < 20) {
    try {
      return resolveLoosely(path.resolve(path.dirname(p), readlinkSync(p)), depth + 1);
    } catch {
      // not a link
    }
  }
  const parent = path.dirname(p);
  return parent === p ? p : path.join(resolveLoosely(parent, depth + 1), path.basename(p));
}

export function cliCommand(env: NodeJS.ProcessEnv, cwd: string, root: string): string {
  const bin = path.join(root, 'dist', 'src', 'cli', 'main.js');
  const ours = resolveLoosely(bin);
  // npm puts node_modules/.bin folders first on PATH for npx and npm scripts only: a kindlab found
  // there is not one the learner's shell would run afterwards.
  const shellPath = (env.PATH ?? '').split(path.delimiter).filter((dir) => dir && !/[\\/]node_modules[\\/]\.bin[\\/]?$/.test(dir));
  for (const dir of shellPath) {
    const candidate = path.join(dir, 'kindlab');
    try {
      realpathSync(dir);
      readlinkSync(candidate);
    } catch {
      continue; // no such folder, or no link named kindlab in it
    }
    // The first kindlab on PATH is the one a shell runs: it is ours, or it is another install.
    return resolveLoosely(candidate) === ours ? 'kindlab' : fallback();
  }
  return fallback();

  function fallback(): string {
    const inRepo = (resolveLoosely(cwd) + path.sep).startsWith(resolveLoosely(root) + path.sep);
    if (inRepo) return 'npx kindlab';
    return `node ${/\s/.test(bin) ? `"${bin}"` : bin}`;
  }
}

/** Rewrites the `kindlab <command>` suggestions in a text to the way that works here. */
export function suggestionRewriter(command: string, commandNames: string[]): (text: string) => string {
  if (command === 'kindlab') return (text) => text;
  const words = [...commandNames, '--help', '<command>', '<コマンド>', '\\[command\\]', '\\[コマンド\\]'].join('|');
  const pattern = new RegExp(`(?<![\\w./-])kindlab(?=(?: (?:${words})(?![\\w-]))|\`)`, 'g');
  return (text) => text.replace(pattern, command);
}
