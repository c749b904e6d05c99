// Cluster: check the machine, create and delete the lab kind cluster (name, usage, help, examples; options in options.ts).
import type { Command } from '../command.js';
import { lazy } from './lazy-run.js';
import { doctorOptions, upOptions } from './options.js';

const doctor: Command<typeof doctorOptions> = {
  name: 'doctor',
  group: 'cluster',
  usage: 'kindlab doctor [--profile NAME] [--fix]',
  summary: {
    ja: 'この PC でラボが動くか確認 (足りないものは Linux/macOS の直し方を表示)',
    en: 'Check this machine can run the labs (prints the fix for Linux and macOS)',
  },
  details: {
    ja: 'Docker デーモン、kind と kubectl の有無とバージョン (kind が固定版 v0.30.0 でないときは、その意味)、空きメモリ、inotify の上限、IPIP プロファイル用の ipip モジュール、kindnet の NetworkPolicy 用の nfnetlink_queue モジュール、Calico プロファイル用のマニフェストの固定、kind-config.yaml が割り当てるホストポートを確認します。✓ は合格、✗ は直すまで kindlab up が進めない問題、! は警告、? は確かめられなかったことです。--fix は kind/kubectl が無いか古いとき、または kind が固定版でないとき、固定バージョンを sha256 で検証して ~/.cache/kindlab/bin に入れます。',
    en: 'Checks the Docker daemon, kind and kubectl (present, versions; what a kind other than the pinned v0.30.0 means), free memory, inotify limits, the ipip module for the IPIP profile, the nfnetlink_queue module kindnet needs to enforce NetworkPolicy, the Calico manifest pin for Calico profiles, and any host ports kind-config.yaml maps. ✓ passed, ✗ must be fixed before up, ! a warning, ? could not be checked. --fix installs pinned kind/kubectl into ~/.cache/kindlab/bin when missing or too old, and the pinned kind when another one is installed, verified by sha256.',
  },
  options: doctorOptions,
  examples: [
    { command: 'kindlab doctor', text: { ja: 'ワークショップの前日に確認', en: 'Check before the workshop day' } },
    { command: 'kindlab doctor --fix', text: { ja: 'kind と kubectl を入れる', en: 'Install kind and kubectl' } },
  ],
  run: lazy(() => import('./doctor.js'), 'doctor'),
};

const up: Command<typeof upOptions> = {
  name: 'up',
  group: 'cluster',
  usage: 'kindlab up [--profile NAME] [--yes] [--preload]',
  summary: { ja: 'ラボ用 kind クラスタを作る (既存で正常なら再利用)', en: 'Create the lab kind cluster (reuses a healthy one)' },
  details: {
    ja: 'まず doctor で前提を確認します。1 つのコントロールプレーンと 2 つのワーカー。プロファイル: kindnet (kind 標準、ホストルーティング)、calico-vxlan / calico-ipip (オーバーレイ)、calico-bgp (カプセル化なしの BGP ルーティング)。作りかけのクラスタは、説明したうえで修復か作り直しを尋ねます。',
    en: "Runs doctor first. One control-plane and two workers. Profiles: kindnet (kind's own CNI, host routing), calico-vxlan / calico-ipip (overlay), calico-bgp (BGP routes, no encapsulation). A half-made cluster is explained and you are asked to repair or recreate it.",
  },
  options: upOptions,
  examples: [
    { command: 'kindlab up', text: { ja: '既定のプロファイルで作る', en: 'Create with the default profile' } },
    { command: 'kindlab up --profile calico-ipip', text: { ja: 'Calico IPIP オーバーレイで作る', en: 'Create with the Calico IPIP overlay' } },
    {
      command: 'kindlab images pull && kindlab up --preload',
      text: { ja: '講師向け: イメージを先に取得してからノードへ', en: 'Instructors: pull once, then load into the nodes' },
    },
  ],
  run: lazy(() => import('./up.js'), 'up'),
};

const down: Command = {
  name: 'down',
  group: 'cluster',
  usage: 'kindlab down',
  summary: { ja: 'ラボ用 kind クラスタを削除 (進捗は残ります)', en: 'Delete the lab kind cluster (progress is kept)' },
  examples: [{ command: 'kindlab down', text: { ja: 'クラスタを消す', en: 'Delete the cluster' } }],
  run: lazy(() => import('./down.js'), 'down'),
};

/** In the order `kindlab --help` lists them. */
export const clusterCommands: Command[] = [doctor, up, down];
