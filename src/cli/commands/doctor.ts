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
    ja: 'Docker デーモン、kind と kubectl の有無とバージョン (kind が固定版 v0.30.0 でないときは、その意味)、空きメモリ、inotify の上限、IPIP プロファイル用の ipip モジュール、kindnet の NetworkPolicy 用の nfnetlink_queue モジュール、Calico プロファイル用のマニフェストの固定、kind-config.yaml が割り当てるホストポートを確認します。✓ は合格、✗ は直すまで kindlab up が進めない問題、! は警告、? は確かめられなかったことです。--fix は kind/kubectl が無いか古いとき、または kind が固定版でないとき、固定バージョンを sha256 で検証して ~/.cache/kindlab/bin に入れます。',
    en: 'Checks the Docker daemon, kind and kubectl (present, versions; what a kind other than the pinned v0.30.0 means), free memory, inotify limits, the ipip module for the IPIP profile, the nfnetlink_queue module kindnet needs to enforce NetworkPolicy, the Calico manifest pin for Calico profiles, and any host ports kind-config.yaml maps. ✓ passed, ✗ must be fixed before up, ! a warning, ? could not be checked. --fix installs pinned kind/kubectl into ~/.cache/kindlab/bin when missing or too old, and the pinned kind when another one is installed, verified by sha256.',
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
