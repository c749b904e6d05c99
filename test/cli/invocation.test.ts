// Which way of running kindlab the suggestions use (issue 11.14), decided from PATH and the folder.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliCommand, suggestionRewriter } from '../../src/cli/invocation.js';
import { tempHome } from './run-cli.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ home: dir, cleanup } = await tempHome()));
afterEach(() => cleanup());

const root = path.resolve('.');

describe('cliCommand', () => {
  it('kindlab when the first kindlab on PATH links to this install (npm link)', async () => {
    await mkdir(path.join(dir, 'bin'));
    await symlink(path.join(root, 'dist', 'src', 'cli', 'main.js'), path.join(dir, 'bin', 'kindlab'));
    expect(cliCommand({ PATH: path.join(dir, 'bin') }, '/', root)).toBe('kindlab');
  });

  it('not kindlab when the kindlab on PATH is another install', async () => {
    await mkdir(path.join(dir, 'other', 'bin'), { recursive: true });
    await writeFile(path.join(dir, 'other', 'main.js'), '');
    await symlink(path.join(dir, 'other', 'main.js'), path.join(dir, 'other', 'bin', 'kindlab'));
    expect(cliCommand({ PATH: path.join(dir, 'other', 'bin') }, root, root)).toBe('npx kindlab');
  });

  it("npx kindlab under npx, though npx puts a kindlab linked to this install first on PATH (its node_modules/.bin is not the shell's PATH)", async () => {
    // What `npx kindlab` in the repo does (seen with npm 11): ~/.npm/_npx/<hash>/node_modules/.bin/kindlab → this install.
    const npxBin = path.join(dir, '_npx', 'abc123', 'node_modules', '.bin');
    await mkdir(npxBin, { recursive: true });
    await symlink(path.join(root, 'dist', 'src', 'cli', 'main.js'), path.join(npxBin, 'kindlab'));
    expect(cliCommand({ PATH: `${npxBin}:/usr/bin:/bin`, npm_command: 'exec' }, root, root)).toBe('npx kindlab');
  });

  it('npx kindlab inside the repo, node …/main.js anywhere else', () => {
    expect(cliCommand({ PATH: '/usr/bin:/bin' }, path.join(root, 'labs'), root)).toBe('npx kindlab');
    expect(cliCommand({ PATH: '/usr/bin:/bin' }, dir, root)).toBe(`node ${path.join(root, 'dist', 'src', 'cli', 'main.js')}`);
  });
});

describe('suggestionRewriter', () => {
  const rewrite = suggestionRewriter('npx kindlab', ['start', 'up', 'list']);
  it('rewrites suggested commands, not names that only contain kindlab', () => {
    expect(rewrite('run `kindlab up` first; then kindlab start 01')).toBe('run `npx kindlab up` first; then npx kindlab start 01');
    expect(rewrite('`kindlab` resumes')).toBe('`npx kindlab` resumes');
    expect(rewrite('kindlab.dev/lesson=01 kindlab-info # kindlab learning record kindlab 0.1.0')).toBe(
      'kindlab.dev/lesson=01 kindlab-info # kindlab learning record kindlab 0.1.0',
    );
  });
});
