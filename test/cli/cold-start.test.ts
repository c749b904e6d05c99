// Issue 13.2: `kindlab --help` and `kindlab list` start without loading the heavy libraries (zod,
// YAML, execa, client-node, listr2, inquirer). The built CLI runs as a real process, a module hook
// names every file it loads; a count of modules, not a time, so the machine's load cannot move it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const main = path.resolve('dist/src/cli/main.js');
const HEAVY = ['zod', 'yaml', 'execa', '@kubernetes/client-node', 'listr2', 'inquirer', '@inquirer'];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kindlab-cold-'));
  await writeFile(
    path.join(dir, 'hooks.mjs'),
    'export async function load(url, context, next) { process.stderr.write(`LOADED ${url}\\n`); return next(url, context); }\n',
  );
  await writeFile(path.join(dir, 'register.mjs'), "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The packages under node_modules a run of the built CLI loaded. */
async function packagesLoaded(args: string[], home: string): Promise<{ stdout: string; packages: string[] }> {
  const { stdout, stderr } = await run(process.execPath, ['--import', path.join(dir, 'register.mjs'), main, ...args], {
    env: { ...process.env, KINDLAB_HOME: home, CI: '1' },
  });
  const packages = new Set<string>();
  for (const m of stderr.matchAll(/^LOADED file:\/\/.*?\/node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)) packages.add(m[1]!);
  return { stdout, packages: [...packages].sort() };
}

describe('cold start loads no heavy library (issue 13.2)', () => {
  it('kindlab --help in English and Japanese loads none of them, and still lists every command', async () => {
    const home = path.join(dir, 'help-home');
    for (const lang of ['en', 'ja']) {
      const { stdout, packages } = await packagesLoaded(['--help', '--lang', lang], home);
      expect(stdout).toContain('validate');
      expect(packages.filter((p) => HEAVY.some((h) => p === h || p.startsWith(`${h}/`)))).toEqual([]);
    }
  });

  it('kindlab list with saved settings and progress loads none of them once the lesson index is written', async () => {
    const home = path.join(dir, 'list-home');
    await mkdir(path.join(home, 'state'), { recursive: true });
    await mkdir(path.join(home, 'config'), { recursive: true });
    await writeFile(path.join(home, 'config', 'settings.json'), JSON.stringify({ lang: 'en', profile: 'kindnet', cluster: 'kindlab' }));
    const at = '2026-11-25T10:00:00.000Z';
    await writeFile(
      path.join(home, 'state', 'progress.json'),
      JSON.stringify({
        version: 1,
        clusters: {
          kindlab: {
            profile: 'kindnet',
            lessons: {
              '01-pod-network': {
                startedAt: at,
                updatedAt: at,
                current: 'b',
                steps: { a: { status: 'passed', at, checks: 2, hintLevel: 1, failedChecks: { x: 1 }, durationMs: 1200 } },
              },
            },
          },
        },
      }),
    );
    await packagesLoaded(['list'], home); // writes the lesson index
    for (const lang of ['en', 'ja']) {
      const { stdout, packages } = await packagesLoaded(['list', '--lang', lang], home);
      expect(stdout).toMatch(/…\s+01\s/);
      expect(packages.filter((p) => HEAVY.some((h) => p === h || p.startsWith(`${h}/`)))).toEqual([]);
      // Column widths come from ui/width.ts: string-width and its segmenter cost list 17-36 ms.
      expect(packages.filter((p) => ['string-width', 'get-east-asian-width', 'strip-ansi', 'ansi-regex'].includes(p))).toEqual([]);
    }
  });
});
