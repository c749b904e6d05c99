import os from 'node:os';
import path from 'node:path';
import { PROFILES } from '../../lab/profiles.js';
import { runTasks } from '../../ui/run-tasks.js';
import { EXIT, type Command } from '../command.js';
import { chosenProfile, renderDoctor, toolEnv } from '../cluster-lifecycle.js';

export const doctor: Command = {
  name: 'doctor',
  group: 'cluster',
  usage: 'kindlab doctor [--profile NAME] [--fix]',
  summary: { ja: 'この PC でラボが動くか確認 (足りないものは Linux/macOS の直し方を表示)', en: 'Check this machine can run the labs (prints the fix for Linux and macOS)' },
  details: {
    ja: 'Docker デーモン、kind と kubectl の有無とバージョン、空きメモリ、inotify の上限、IPIP プロファイル用の ipip モジュール、Calico プロファイル用のマニフェストの固定、kind-config.yaml が割り当てるホストポートを確認します。--fix は kind/kubectl が無いとき、固定バージョンを sha256 で検証して ~/.cache/kindlab/bin に入れます。',
    en: 'Checks the Docker daemon, kind and kubectl (present, versions), free memory, inotify limits, the ipip module for the IPIP profile, the Calico manifest pin for Calico profiles, and any host ports kind-config.yaml maps. --fix installs pinned kind/kubectl into ~/.cache/kindlab/bin when missing, verified by sha256.',
  },
  options: {
    profile: { type: 'string', value: 'NAME', description: { ja: `確認するプロファイル (${PROFILES.join(', ')})`, en: `Profile to check for (${PROFILES.join(', ')})` } },
    fix: { type: 'boolean', description: { ja: '足りない kind/kubectl を検証付きでインストール', en: 'Install missing kind/kubectl, checksum-verified' } },
  },
  examples: [
    { command: 'kindlab doctor', text: { ja: 'ワークショップの前日に確認', en: 'Check before the workshop day' } },
    { command: 'kindlab doctor --fix', text: { ja: 'kind と kubectl を入れる', en: 'Install kind and kubectl' } },
  ],
  async run(app, args) {
    const profile = await chosenProfile(app, args.values.profile as string | undefined);
    const env = await toolEnv(app);
    const { checkMachine } = await import('../../cluster/kind/doctor.js');
    const machine = await checkMachine({ profile, baseConfigPath: path.join(app.root, 'kind-config.yaml'), addonsDir: path.join(app.root, 'addons'), env });
    renderDoctor(app, machine.checks);
    const exit = machine.exitCode === 0 ? EXIT.ok : EXIT.prerequisites;
    if (!args.values.fix) return exit;
    const { planFix, defaultBinDir } = await import('../../cluster/kind/doctor-fix.js');
    // --fix also installs the pinned kind when another kind works (a warning, not a failure).
    const tasks = planFix(machine.checks, { binDir: defaultBinDir(app.env), platform: os.platform(), arch: os.arch() });
    if (!tasks.length) return exit;
    await runTasks(tasks, app.out, app.signal);
    const again = await checkMachine({ profile, baseConfigPath: path.join(app.root, 'kind-config.yaml'), addonsDir: path.join(app.root, 'addons'), env });
    renderDoctor(app, again.checks.filter((c) => !c.ok));
    return again.exitCode === 0 ? EXIT.ok : EXIT.prerequisites;
  },
};
