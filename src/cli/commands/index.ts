// Every command, in the order `kindlab --help` lists them: name, group, usage, options (options.ts)
// and help here, cheap to import; each command's code (and the engine, zod, YAML… it needs) is imported
// only when that command runs, so `--help` and finding the command load none of it.
import type { App } from '../app.js';
import type { Args, Command, Options } from '../command.js';
import {
  bundleOptions,
  classOptions,
  doctorOptions,
  imagesOptions,
  mapOptions,
  readyOptions,
  reportOptions,
  resetOptions,
  startOptions,
  testOptions,
  upOptions,
} from './options.js';

/** A command's `run`, imported from its module on first use. */
function lazy<K extends string, O extends Options = Record<never, never>>(load: () => Promise<Record<K, Pick<Command<O>, 'run'>>>, name: K): Command<O>['run'] {
  return async (app: App, args: Args<O>) => (await load())[name].run(app, args);
}

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

const reset: Command<typeof resetOptions> = {
  name: 'reset',
  group: 'instructor',
  usage: 'kindlab reset <lesson> | --all',
  summary: { ja: 'レッスンを最初の状態に戻す (--all でクラスタを作り直す)', en: 'Bring a lesson back to its start (--all recreates the cluster)' },
  details: {
    ja: 'レッスンのアドオンが動いていることを先に確かめ (LoadBalancer の Service はプロバイダーがいないと消えません)、kindlab がそのレッスン用に作ったもの (ラベル kindlab.dev/lesson=<id> の付いた名前空間とクラスタスコープのオブジェクト) だけを削除し、消えるまで待ってから、レッスンの setup をやり直します。進捗はこのレッスンについてだけ消えます。',
    en: "Makes sure the lesson's add-ons run first (a LoadBalancer Service cannot go away without its provider), deletes only what kindlab made for the lesson (namespaces and cluster-scoped objects labelled kindlab.dev/lesson=<id>), waits until gone, then re-runs the lesson's setup. Progress is cleared for that lesson only.",
  },
  options: resetOptions,
  examples: [
    { command: 'kindlab reset 03', text: { ja: 'レッスン 03 をやり直せる状態に', en: 'Start lesson 03 over' } },
    { command: 'kindlab reset --all --yes', text: { ja: '講師向け: クラスタを丸ごと作り直す', en: 'Instructors: a fresh cluster, no questions' } },
  ],
  run: lazy(() => import('./reset.js'), 'reset'),
};

const test: Command<typeof testOptions> = {
  name: 'test',
  group: 'instructor',
  usage: 'kindlab test [LESSON...] [--profile NAME...] [--junit FILE]',
  summary: {
    ja: '講師向け自己テスト: 各レッスンを解いて確認する (課題は解答前に不合格、解答後に合格であること)',
    en: 'Instructor self-test: solve and check every lesson (each challenge must fail before its solution and pass after)',
  },
  details: {
    ja: '各レッスンをリセットし、ガイド付きステップを実行・確認し、課題は解答前に確認が失敗すること、誤った解き方 (wrongFixes) をステップの最初から試すたびに確認が失敗すること (通れば「抜け道あり」)、解答後に成功することを確かめ、片付けます。--profile を指定すると、そのプロファイルでクラスタを作り直してから実行します (複数可)。失敗したレッスンは、ステップ、期待値と実際の値、Pod の状態とイベントを表示します。',
    en: "For each lesson: reset, run the guided steps and their checks, prove each challenge's check fails before its solution, fails after each of its wrong fixes tried from the start of the step (a pass is BYPASSABLE), and passes after the solution; clean up. With --profile (repeatable) the cluster is recreated with that profile first. A failing lesson shows the step, expected vs observed, and Pod states and events.",
  },
  options: testOptions,
  examples: [
    { command: 'kindlab test', text: { ja: '今のクラスタで全レッスン', en: 'Every lesson on the current cluster' } },
    { command: 'kindlab test 03 05', text: { ja: 'レッスン 03 と 05 だけ', en: 'Only lessons 03 and 05' } },
    {
      command: 'kindlab test --profile kindnet --profile calico-ipip --junit selftest.xml',
      text: { ja: '2 つのプロファイルで、CI 用に', en: 'On two profiles, for CI' },
    },
  ],
  run: lazy(() => import('./test.js'), 'test'),
};

const classView: Command<typeof classOptions> = {
  name: 'class',
  group: 'instructor',
  usage: 'kindlab class REPORT... [--html FILE]',
  summary: { ja: '講師向け: 受講者のレポートをまとめる (サーバー不要)', en: 'Instructor: add up the reports learners hand in (no server)' },
  details: {
    ja: '受講者が kindlab report --format json (名前は --name を付けたときだけ) で出したファイル、またはそれを集めたフォルダを渡します。レッスンとステップごとに、完了した人数、かかった時間の中央値、よく失敗した確認、どのヒントの段階まで使ったかを表にします。壊れたレポートや別の形式のレポートは名前と理由を表示して飛ばします。',
    en: 'Give it the files learners wrote with kindlab report --format json (a name only if they add --name), or a folder of them. Per lesson and step: how many finished, the median time, the checks that failed most and how far the hints went. A damaged report, or one in another report format, is named with the reason and skipped.',
  },
  options: classOptions,
  examples: [
    { command: 'kindlab class reports/', text: { ja: 'フォルダの中の全レポート', en: 'Every report in a folder' } },
    { command: 'kindlab class reports/ --html class.html', text: { ja: '映せるページも書く', en: 'Also write a page to project' } },
  ],
  run: lazy(() => import('./class.js'), 'classView'),
};

const ready: Command<typeof readyOptions> = {
  name: 'ready',
  group: 'instructor',
  usage: 'kindlab ready [--profile NAME]',
  summary: {
    ja: '受講者向け: ワークショップ当日の前に、この PC の準備ができているか確認 (doctor + イメージ)',
    en: 'Attendees: before the day, is this machine ready? (doctor plus images present)',
  },
  details: {
    ja: 'doctor の確認に加えて、レッスンで使う固定イメージがすべてローカルの Docker にあるかを確かめます。足りなければ、講師のバンドルを読み込む (kindlab bundle load DIR) か、ネットのある場所で kindlab images pull を実行してください。',
    en: "Runs doctor's checks and confirms every pinned lesson image is in local Docker. If some are missing, load the instructor's bundle (kindlab bundle load DIR) or run kindlab images pull where there is network.",
  },
  options: readyOptions,
  examples: [{ command: 'kindlab ready', text: { ja: '前日に実行して、すべて ✓ なら準備完了', en: 'Run it the day before; all ✓ means ready' } }],
  run: lazy(() => import('./ready.js'), 'ready'),
};

const images: Command<typeof imagesOptions> = {
  name: 'images',
  group: 'instructor',
  usage: 'kindlab images list|pull|load [--profile NAME] [--all]',
  summary: { ja: 'レッスンのイメージ: 一覧、ホストへ pull、kind ノードへ load', en: 'Lesson images: list, pull to the host, load into the kind nodes' },
  details: {
    ja: 'イメージはタグで固定され、1 か所 (src/cluster/kind/images.ts) に列挙されています。load は会場の Wi-Fi を使わずにノードへ入れます。',
    en: 'Images are pinned by tag and listed in one place (src/cluster/kind/images.ts). load puts them into the nodes without pulls over venue Wi-Fi.',
  },
  options: imagesOptions,
  examples: [
    { command: 'kindlab images pull --all', text: { ja: '講師: 全イメージを取得', en: 'Instructor: pull every image' } },
    { command: 'kindlab images load', text: { ja: 'ノードへ読み込む', en: 'Load into the nodes' } },
  ],
  run: lazy(() => import('./images.js'), 'images'),
};

const bundle: Command<typeof bundleOptions> = {
  name: 'bundle',
  group: 'instructor',
  usage: 'kindlab bundle create DIR | load DIR',
  summary: {
    ja: 'オフライン用バンドル: 全イメージと manifest をフォルダへ / フォルダから読み込み',
    en: 'Offline bundle: every image and manifest to a folder / loaded from one',
  },
  details: {
    ja: 'create はネットのある PC で実行し、docker save したイメージとアドオンの manifest、各ファイルの sha256 を DIR に書きます。load は受講者の PC で、sha256 を確かめてから docker load します (その後 kindlab up --preload)。',
    en: "create runs on a machine with internet: docker-saved images, add-on manifests and a sha256 for every file go to DIR. load runs on an attendee's machine: verifies every sha256, then docker load (then kindlab up --preload).",
  },
  options: bundleOptions,
  examples: [
    { command: 'kindlab bundle create /media/usb/kindlab-bundle', text: { ja: '講師: USB メモリへ', en: 'Instructor: to a USB stick' } },
    {
      command: 'kindlab bundle load /media/usb/kindlab-bundle && kindlab up --preload',
      text: { ja: '受講者: 読み込んでからクラスタ作成', en: 'Attendee: load, then create the cluster' },
    },
  ],
  run: lazy(() => import('./bundle.js'), 'bundle'),
};

const validate: Command = {
  name: 'validate',
  group: 'author',
  usage: 'kindlab validate [PATH...]',
  summary: {
    ja: 'レッスンファイルを検証 (ファイル:行:列 でエラーを表示、クラスタ不要)',
    en: 'Check lesson files (errors as file:line:column; no cluster needed)',
  },
  details: {
    ja: 'PATH はレッスンのフォルダ、lesson.yaml、またはレッスンを含むフォルダ。省略時は labs/ 全体。未知のフィールド、存在しないマニフェスト、定義されていない {{capture}} はエラーです。マニフェストは Kubernetes API のスキーマ (フィールド名、型、必須項目、kind) でも確認します (CRD の種類は対象外)。',
    en: 'PATH is a lesson folder, a lesson.yaml, or a folder of lessons; default: all of labs/. Unknown fields, missing manifests and undefined {{captures}} are errors. Manifests are checked against the Kubernetes API schemas too (field names, types, required fields, kinds; custom resources are not).',
  },
  examples: [
    { command: 'kindlab validate', text: { ja: '同梱のすべてのレッスンを検証', en: 'Check every bundled lesson' } },
    { command: 'kindlab validate labs/03-service-clusterip', text: { ja: '1 つのレッスンを検証', en: 'Check one lesson' } },
  ],
  run: lazy(() => import('./validate.js'), 'validate'),
};

const parse: Command = {
  name: 'parse',
  group: 'author',
  usage: 'kindlab parse FORMAT [FILE|-]',
  summary: { ja: 'ツールの出力を kindlab がどう読むかを JSON で表示', en: "Show, as JSON, how kindlab reads a tool's output" },
  details: {
    ja: 'FORMAT: nslookup, dig, curl, iptables, ip-route, ip-addr, resolv, tcpdump。FILE を省略するか - で標準入力から読みます。',
    en: 'FORMAT: nslookup, dig, curl, iptables, ip-route, ip-addr, resolv, tcpdump. Reads stdin when FILE is - or omitted.',
  },
  examples: [
    {
      command: 'kubectl exec -n lab-03 netshoot -- nslookup web | kindlab parse nslookup',
      text: { ja: 'nslookup の結果を読む', en: 'Read an nslookup answer' },
    },
    { command: 'kindlab parse iptables saved-rules.txt', text: { ja: 'iptables-save の出力ファイルを読む', en: 'Read a file of iptables-save output' } },
  ],
  run: lazy(() => import('./parse.js'), 'parse'),
};

export const commands: Command[] = [
  menu,
  list,
  start,
  check,
  hint,
  solve,
  status,
  map,
  report,
  lang,
  doctor,
  up,
  down,
  reset,
  test,
  classView,
  ready,
  images,
  bundle,
  validate,
  parse,
];
