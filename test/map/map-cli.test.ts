// `kindlab map` through main(), in-process, with the fake cluster: the terminal picture, the HTML
// file and its bad-input answers.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli, tempHome } from '../cli/run-cli.js';
import { labWorld } from './world.js';

describe('kindlab map (command)', () => {
  let home: { home: string; cleanup: () => Promise<void> };
  beforeEach(async () => void (home = await tempHome()));
  afterEach(async () => home.cleanup());

  test("--namespace lab-01 --plain draws the ASCII picture of that namespace in the learner's language", async () => {
    const cluster = labWorld('kindnet');
    const run = await runCli(['map', '--namespace', 'lab-01', '--plain', '--lang', 'ja'], { home: home.home, cluster });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('+- kindlab-worker (worker) ');
    expect(run.stdout).toContain('名前空間 lab-01');
    expect(run.stdout).toContain('-> 10.244.2.0/24 via 172.18.0.4 dev eth0 -> kindlab-worker2');
    for (const line of run.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  test('--html FILE writes one HTML page and says how to open it', async () => {
    const file = path.join(home.home, 'map.html');
    const run = await runCli(['map', '-n', 'lab-01', '--html', file], { home: home.home, cluster: labWorld('calico-vxlan') });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Wrote ${file}`);
    expect(run.stdout).toContain(`xdg-open ${file}`);
    const html = await readFile(file, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('vxlan.calico 10.244.82.0');
  });

  test('--html with a name that is not .html, or --open without --html, is bad input (exit 2)', async () => {
    const run = await runCli(['map', '--html', 'map.txt'], { home: home.home, cluster: labWorld('kindnet') });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--html names the .html file to write');
    expect((await runCli(['map', '--open'], { home: home.home, cluster: labWorld('kindnet') })).code).toBe(2);
  });

  test('--open starts the desktop opener (xdg-open) with the written file, and says so when there is none', async () => {
    const { mkdir, writeFile, chmod, readFile: read } = await import('node:fs/promises');
    const bin = path.join(home.home, 'bin');
    await mkdir(bin);
    const marker = path.join(home.home, 'opened');
    // A stand-in for xdg-open: records its argument (the real one would start a browser).
    await writeFile(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${marker}'\n`);
    await chmod(path.join(bin, 'xdg-open'), 0o755);
    const file = path.join(home.home, 'map.html');
    const run = await runCli(['map', '-n', 'lab-01', '--html', file, '--open'], {
      home: home.home,
      cluster: labWorld('kindnet'),
      env: { PATH: `${bin}:/usr/bin:/bin` },
    });
    expect(run.code).toBe(0);
    for (let i = 0; i < 50; i++) {
      if (await read(marker, 'utf8').catch(() => '')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await read(marker, 'utf8')).toBe(file);
    const none = await runCli(['map', '-n', 'lab-01', '--html', file, '--open'], {
      home: home.home,
      cluster: labWorld('kindnet'),
      env: { PATH: path.join(home.home, 'empty') },
    });
    expect(none.code).toBe(0);
    expect(none.stderr).toContain(`Could not start a browser (ENOENT); open the file yourself: ${file}`);
  });

  test('--json prints the model', async () => {
    const run = await runCli(['map', '-n', 'lab-01', '--json'], { home: home.home, cluster: labWorld('kindnet') });
    expect(run.code).toBe(0);
    const model = JSON.parse(run.stdout);
    expect(model.nodes.map((n: { name: string }) => n.name)).toEqual(['kindlab-control-plane', 'kindlab-worker', 'kindlab-worker2']);
  });
});
