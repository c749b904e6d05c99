// Instructors and preparation: reset, self-test, class view, readiness, images and the offline bundle (name, usage, help, examples; options in options.ts).
import type { Command } from '../command.js';
import { lazy } from './lazy-run.js';
import { bundleOptions, classOptions, imagesOptions, readyOptions, resetOptions, testOptions } from './options.js';

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

/** In the order `kindlab --help` lists them. */
export const instructorsCommands: Command[] = [reset, test, classView, ready, images, bundle];
