// Learn: the commands a learner uses during the lessons (name, usage, help, examples; options in options.ts).
import type { Command } from '../command.js';
import { lazy } from './lazy-run.js';
import { mapOptions, reportOptions, startOptions } from './options.js';

const menu: Command = {
  name: 'menu',
  group: 'learn',
  usage: 'kindlab',
  summary: { ja: 'メニュー: レッスンを選ぶ、または中断したところから再開', en: 'Menu: pick a lesson, or resume where you stopped' },
  examples: [{ command: 'kindlab', text: { ja: 'メニューを開く', en: 'Open the menu' } }],
  run: lazy(() => import('./menu.js'), 'menu'),
};

const list: Command = {
  name: 'list',
  group: 'learn',
  usage: 'kindlab list',
  summary: { ja: 'レッスンの一覧 (所要時間と対応プロファイル、進捗)', en: 'List lessons with duration, supported profiles and your progress' },
  examples: [
    { command: 'kindlab list', text: { ja: 'すべてのレッスンを表示', en: 'Show every lesson' } },
    { command: 'kindlab list --json', text: { ja: 'スクリプト向けに JSON で', en: 'As JSON, for scripts' } },
  ],
  run: lazy(() => import('./list.js'), 'list'),
};

const start: Command<typeof startOptions> = {
  name: 'start',
  group: 'learn',
  usage: 'kindlab start <lesson> [--step STEP] [--yes] [--from-scratch] [--dry-run [--profile NAME]]',
  summary: { ja: 'レッスンをガイド付きで進める (中断したところから再開)', en: 'Run a lesson step by step (resumes where you stopped)' },
  details: {
    ja: 'レッスンは番号 (03) かスラッグ (service-clusterip) で指定します。各操作は、自分で打てる kubectl/docker コマンドと一緒に表示されます。課題ステップでは、自分で作業してから確認・ヒント・解答を選べます。',
    en: 'Name a lesson by number (03) or slug (service-clusterip). Each action is shown with the kubectl/docker command you could type yourself. At a challenge you do the work, then choose check, hint or solution.',
  },
  options: startOptions,
  examples: [
    { command: 'kindlab start 01', text: { ja: '最初のレッスンを始める', en: 'Begin the first lesson' } },
    { command: 'kindlab start 03 --step spread', text: { ja: 'ステップ spread から', en: 'Begin at step spread' } },
    {
      command: 'kindlab start 05 --from-scratch --step scale-down --yes',
      text: {
        ja: '講師向け: 遅れて来た人のクラスタをレッスン 05 の scale-down まで一気に準備',
        en: "Instructors: bring a late-comer's cluster to step scale-down of lesson 05",
      },
    },
    {
      command: 'kindlab start 09 --dry-run --profile calico-ipip',
      text: { ja: 'IPIP プロファイルで実行されるコマンドを確認', en: 'See the commands lesson 09 runs on the IPIP profile' },
    },
  ],
  run: lazy(() => import('./start.js'), 'start'),
};

const check: Command = {
  name: 'check',
  group: 'learn',
  usage: 'kindlab check [lesson] [step]',
  summary: { ja: 'ステップの条件を確認 (課題を解いたら実行)', en: 'Check a step (run it after solving a challenge)' },
  details: {
    ja: '引数なしなら、進行中のレッスンの現在のステップを確認します。期待値と実際の値を並べて表示します。',
    en: 'With no arguments, checks the current step of the lesson in progress. Shows expected and observed side by side.',
  },
  examples: [
    { command: 'kindlab check', text: { ja: 'いまのステップを確認', en: 'Check the current step' } },
    {
      command: 'kindlab check 04 cross-namespace',
      text: { ja: 'レッスン 04 のステップ cross-namespace を確認', en: 'Check step cross-namespace of lesson 04' },
    },
  ],
  run: lazy(() => import('./check.js'), 'check'),
};

const hint: Command = {
  name: 'hint',
  group: 'learn',
  usage: 'kindlab hint [lesson] [step]',
  summary: { ja: 'いまのステップのヒントを表示 (聞くたびに一段ずつ詳しく)', en: 'Show the hint for the current step (one level more each time you ask)' },
  details: {
    ja: '1 回目は作者のヒント。同じステップでもう一度聞くと、いま通っていない確認 (期待と実際、見るべきオブジェクト、実行するコマンド) から作ったヒント。3 回目は模範解答を適用するか尋ねます。学習記録には、どの段階まで使ったかが残ります。',
    en: "First the author's hint. Asked again for the same step, a hint built from the check that fails now (expected and observed, the object to look at, the command to run). The third time it offers to apply the reference solution, asking first. Your record keeps how far the hints went.",
  },
  examples: [
    { command: 'kindlab hint', text: { ja: 'いまの課題のヒント', en: 'Hint for the challenge you are on' } },
    { command: 'kindlab hint 06 reach-nodeport', text: { ja: '特定のステップのヒント', en: 'Hint for a given step' } },
  ],
  run: lazy(() => import('./hint.js'), 'hint'),
};

const solve: Command = {
  name: 'solve',
  group: 'learn',
  usage: 'kindlab solve [lesson] [step]',
  summary: { ja: '課題の模範解答を適用して確認', en: "Apply a challenge's reference solution, then check it" },
  details: {
    ja: '解答で適用されるマニフェストとコマンドがそのまま表示されるので、何をすればよかったのか読めます。',
    en: 'Shows the manifests and commands the solution applies, so you can read what would have solved it.',
  },
  examples: [
    { command: 'kindlab solve', text: { ja: 'いまの課題を解答で進める', en: 'Solve the challenge you are on' } },
    { command: 'kindlab solve 10 allow-frontend', text: { ja: '特定の課題', en: 'A given challenge' } },
  ],
  run: lazy(() => import('./solve.js'), 'solve'),
};

const status: Command = {
  name: 'status',
  group: 'learn',
  usage: 'kindlab status',
  summary: { ja: '進捗: 完了したレッスン、進行中のステップ、次にやること', en: 'Progress: lessons done, the step in progress, what is next' },
  examples: [{ command: 'kindlab status', text: { ja: '自分の進捗を見る', en: 'See your progress' } }],
  run: lazy(() => import('./status.js'), 'status'),
};

const map: Command<typeof mapOptions> = {
  name: 'map',
  group: 'learn',
  usage: 'kindlab map [--namespace NS | --lesson N] [--html FILE [--open]]',
  summary: { ja: 'クラスタの今の姿を図で見る (ノード、Pod、Service、経路)', en: 'A picture of the cluster as it is now (nodes, Pods, Services, routes)' },
  details: {
    ja: 'ノード (InternalIP、podCIDR、ロール)、名前空間の Pod とその IP、Service と後ろのエンドポイント (EndpointSlice)、各ノードの ip route に CNI が書いた経路を、その場でクラスタから読んで描きます。読み取りに使ったコマンドも表示します。名前空間は --namespace、--lesson、進行中のレッスン、default の順に決まります。',
    en: "Reads the cluster live and draws the nodes (InternalIP, podCIDR, role), the namespace's Pods and their IPs, Services and the endpoints behind them (EndpointSlice), and the routes the CNI wrote in each node's ip route, with the commands it read them from. The namespace is --namespace, else --lesson's, else the lesson in progress, else default.",
  },
  options: mapOptions,
  examples: [
    { command: 'kindlab map', text: { ja: '進行中のレッスンの名前空間を描く', en: 'Draw the namespace of the lesson in progress' } },
    { command: 'kindlab map --lesson 01 --html map.html --open', text: { ja: 'レッスン 01 の図をブラウザで見る', en: "See lesson 01's picture in a browser" } },
    { command: 'kindlab map -n kube-system --plain', text: { ja: 'ASCII だけで描く', en: 'Draw with ASCII only' } },
  ],
  run: lazy(() => import('./map.js'), 'map'),
};

const report: Command<typeof reportOptions> = {
  name: 'report',
  group: 'learn',
  usage: 'kindlab report [--format md|json|html] [--name NAME]',
  summary: {
    ja: '自分の学習記録 (レッスン、ステップ、確認、時間)。どこにも送信しません',
    en: 'Your own learning record (lessons, steps, checks, time); nothing leaves the machine',
  },
  options: reportOptions,
  examples: [
    { command: 'kindlab report > my-kindlab.md', text: { ja: 'Markdown で保存', en: 'Save as Markdown' } },
    { command: 'kindlab report --format json', text: { ja: 'JSON で', en: 'As JSON' } },
    {
      command: 'kindlab report --format json --name "Aiko" > aiko.json',
      text: { ja: '名前を入れて講師に提出 (kindlab class で集計)', en: 'With your name, to hand in (the instructor adds them up with kindlab class)' },
    },
    {
      command: 'kindlab report --format html > my-kindlab.html',
      text: { ja: '図つきの HTML で保存 (ブラウザで開く)', en: 'Save as HTML with your pictures (open it in a browser)' },
    },
  ],
  run: lazy(() => import('./report.js'), 'report'),
};

const lang: Command = {
  name: 'lang',
  group: 'learn',
  usage: 'kindlab lang [ja|en]',
  summary: { ja: '表示言語を保存する (引数なしで現在の設定を表示)', en: 'Save your language (no argument shows the current one)' },
  examples: [
    { command: 'kindlab lang ja', text: { ja: '以後は日本語で', en: 'Japanese from now on' } },
    { command: 'kindlab lang en', text: { ja: '以後は英語で', en: 'English from now on' } },
  ],
  run: lazy(() => import('./lang.js'), 'lang'),
};

/** In the order `kindlab --help` lists them. */
export const learnCommands: Command[] = [menu, list, start, check, hint, solve, status, map, report, lang];
