// Every command's flags. Help (index.ts) prints them, main.ts parses argv with them, and each command
// reads its values typed by them (Args<typeof …Options>). Cheap to import: no command code.
import { PROFILES } from '../../lessons/profile-names.js';
import type { Options } from '../command.js';

export const startOptions = {
  step: { type: 'string', value: 'STEP', description: { ja: 'このステップから始める (id か番号)', en: 'Begin at this step (id or number)' } },
  yes: {
    type: 'boolean',
    short: 'y',
    description: { ja: '確認なしで進める (課題は開いたまま止まる)', en: 'Go on without pausing (stops at an open challenge)' },
  },
  'from-scratch': {
    type: 'boolean',
    description: {
      ja: 'レッスンをリセットし、前提レッスン (requires) と、--step より前のステップの操作・解答を適用してから始める',
      en: 'Reset the lesson, apply the lessons it requires and the steps (and solutions) before --step, then begin',
    },
  },
  'dry-run': {
    type: 'boolean',
    description: { ja: '実行するコマンドを表示するだけ (クラスタ不要)', en: 'Only print the commands it would run (no cluster needed)' },
  },
  profile: {
    type: 'string',
    value: 'NAME',
    description: { ja: `--dry-run で使うプロファイル (${PROFILES.join(', ')})`, en: `Profile for --dry-run (${PROFILES.join(', ')})` },
  },
} as const satisfies Options;

export const mapOptions = {
  namespace: { type: 'string', short: 'n', value: 'NS', description: { ja: '描く名前空間', en: 'Namespace to draw' } },
  lesson: { type: 'string', value: 'N', description: { ja: 'このレッスンの名前空間を描く', en: "Draw this lesson's namespace" } },
  html: {
    type: 'string',
    value: 'FILE',
    description: {
      ja: 'SVG の図を含む HTML ファイルを書き出す (1 ファイルで完結、ネットワーク不要)',
      en: 'Write one self-contained HTML file with an SVG diagram (no network needed)',
    },
  },
  open: { type: 'boolean', description: { ja: '書き出した HTML をブラウザで開く', en: 'Open the written HTML in a browser' } },
} as const satisfies Options;

export const reportOptions = {
  format: {
    type: 'string',
    value: 'md|json|html',
    description: {
      ja: '形式 (既定: md)。html は自分のクラスタで描いた図も含む 1 ファイル',
      en: 'Format (default: md); html is one page that also holds the pictures drawn from your cluster',
    },
  },
  name: {
    type: 'string',
    value: 'NAME',
    description: {
      ja: '提出用に名前を入れる (指定したときだけ。講師の kindlab class が表示します)',
      en: "Put a name in it for handing in (only when given; the instructor's kindlab class shows it)",
    },
  },
} as const satisfies Options;

export const doctorOptions = {
  profile: {
    type: 'string',
    value: 'NAME',
    description: { ja: `確認するプロファイル (${PROFILES.join(', ')})`, en: `Profile to check for (${PROFILES.join(', ')})` },
  },
  fix: { type: 'boolean', description: { ja: '足りない kind/kubectl を検証付きでインストール', en: 'Install missing kind/kubectl, checksum-verified' } },
} as const satisfies Options;

export const upOptions = {
  profile: { type: 'string', value: 'NAME', description: { ja: `プロファイル (${PROFILES.join(', ')})`, en: `Profile (${PROFILES.join(', ')})` } },
  yes: { type: 'boolean', short: 'y', description: { ja: '修復/作り直しを確認なしで (最初の選択肢)', en: 'Repair/recreate without asking (first choice)' } },
  preload: {
    type: 'boolean',
    description: {
      ja: 'ローカルの Docker にあるレッスン用イメージをノードに読み込む (会場の Wi-Fi を使わない)',
      en: 'Load the lesson images from local Docker into the nodes (no pulls over venue Wi-Fi)',
    },
  },
} as const satisfies Options;

export const resetOptions = {
  all: { type: 'boolean', description: { ja: 'クラスタを削除して作り直す (進捗は残ります)', en: 'Delete and recreate the cluster (progress is kept)' } },
  yes: { type: 'boolean', short: 'y', description: { ja: '確認なしで', en: 'Do not ask' } },
} as const satisfies Options;

export const testOptions = {
  profile: {
    type: 'string',
    multiple: true,
    value: 'NAME',
    description: { ja: `このプロファイルで (繰り返し可: ${PROFILES.join(', ')})`, en: `On this profile (repeatable: ${PROFILES.join(', ')})` },
  },
  junit: { type: 'string', value: 'FILE', description: { ja: 'JUnit XML を書く (CI 向け)', en: 'Write JUnit XML (for CI)' } },
} as const satisfies Options;

export const classOptions = {
  html: { type: 'string', value: 'FILE', description: { ja: 'プロジェクターに映せる HTML を書く', en: 'Write an HTML page to project' } },
} as const satisfies Options;

export const readyOptions = {
  profile: { type: 'string', value: 'NAME', description: { ja: '使うプロファイル', en: 'The profile you will use' } },
} as const satisfies Options;

export const imagesOptions = {
  profile: { type: 'string', value: 'NAME', description: { ja: 'このプロファイルに要るものだけ', en: 'Only what this profile needs' } },
  all: { type: 'boolean', description: { ja: 'すべてのプロファイルの分', en: 'For every profile' } },
} as const satisfies Options;

export const bundleOptions = {
  'no-calico': { type: 'boolean', description: { ja: 'Calico を含めない (kindnet のみ使う場合)', en: 'Leave out Calico (kindnet only)' } },
} as const satisfies Options;
