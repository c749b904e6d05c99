import { PROFILES } from '../../lab/profiles.js';
import { type Command } from '../command.js';
import { runUp } from '../cluster-lifecycle.js';

export const up: Command = {
  name: 'up',
  group: 'cluster',
  usage: 'kindlab up [--profile NAME] [--yes] [--preload]',
  summary: { ja: 'ラボ用 kind クラスタを作る (既存で正常なら再利用)', en: 'Create the lab kind cluster (reuses a healthy one)' },
  details: {
    ja: 'まず doctor で前提を確認します。1 つのコントロールプレーンと 2 つのワーカー。プロファイル: kindnet (kind 標準、ホストルーティング)、calico-vxlan / calico-ipip (オーバーレイ)、calico-bgp (カプセル化なしの BGP ルーティング)。作りかけのクラスタは、説明したうえで修復か作り直しを尋ねます。',
    en: 'Runs doctor first. One control-plane and two workers. Profiles: kindnet (kind\'s own CNI, host routing), calico-vxlan / calico-ipip (overlay), calico-bgp (BGP routes, no encapsulation). A half-made cluster is explained and you are asked to repair or recreate it.',
  },
  options: {
    profile: { type: 'string', value: 'NAME', description: { ja: `プロファイル (${PROFILES.join(', ')})`, en: `Profile (${PROFILES.join(', ')})` } },
    yes: { type: 'boolean', short: 'y', description: { ja: '修復/作り直しを確認なしで (最初の選択肢)', en: 'Repair/recreate without asking (first choice)' } },
    preload: { type: 'boolean', description: { ja: 'ローカルの Docker にあるレッスン用イメージをノードに読み込む (会場の Wi-Fi を使わない)', en: 'Load the lesson images from local Docker into the nodes (no pulls over venue Wi-Fi)' } },
  },
  examples: [
    { command: 'kindlab up', text: { ja: '既定のプロファイルで作る', en: 'Create with the default profile' } },
    { command: 'kindlab up --profile calico-ipip', text: { ja: 'Calico IPIP オーバーレイで作る', en: 'Create with the Calico IPIP overlay' } },
    { command: 'kindlab images pull && kindlab up --preload', text: { ja: '講師向け: イメージを先に取得してからノードへ', en: 'Instructors: pull once, then load into the nodes' } },
  ],
  run: (app, args) => runUp(app, { profile: args.values.profile as string | undefined, yes: Boolean(args.values.yes), preload: Boolean(args.values.preload) }),
};
