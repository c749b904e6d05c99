// What the learner reads, and the exit code, when each of kindlab's errors reaches the top of the CLI.
// The expected texts are written out here (not computed by the renderer) so that a change of the
// error vocabulary cannot change a message or an exit code unnoticed (issue 12, point 5).
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { NoLabCluster } from '../../src/cli/no-cluster.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { DeadlineReached } from '../../src/cluster/deadline.js';
import { WaitTimedOut } from '../../src/cluster/kind/diagnose.js';
import { KindConfigError } from '../../src/cluster/kind/kind-config.js';
import { ApiError } from '../../src/cluster/kind/kube-api.js';
import { SetupProblem } from '../../src/cluster/kind/problem.js';
import { ClusterUnreachable, DeadlineExceeded, WrongContext } from '../../src/cluster/port.js';
import { CommandFailed } from '../../src/cluster/process.js';
import { KindlabError } from '../../src/core/errors.js';
import { JsonPathError } from '../../src/core/jsonpath.js';
import { TextError } from '../../src/core/task.js';
import { NotExactlyOne, UnboundTemplate } from '../../src/engine/templating.js';
import { LessonFileError } from '../../src/lessons/load.js';
import { NotRegularFile } from '../../src/lessons/regular-file.js';
import { StateNotSaved } from '../../src/state/settings.js';
import { PromptInterrupted, unattendedPrompts } from '../../src/ui/prompts.js';
import { TaskNotPassed } from '../../src/ui/run-tasks.js';
import { fixtureBin, fixtureLabs, tempHome } from './run-cli.js';

let home: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ home, cleanup } = await tempHome()));
afterEach(() => cleanup());

interface Row {
  name: string;
  error: () => unknown;
  code: number;
  en: string;
  ja: string;
  /** Flags that keep the error as it is (--context: no "there is no lab cluster yet" instead). */
  flags?: string[];
}

const verboseHint = { en: '(details with --verbose)', ja: '(詳細は --verbose)' };
const unexpected = (text: { en: string; ja: string }) => ({ en: `kindlab: ${text.en}\n${verboseHint.en}\n`, ja: `kindlab: ${text.ja}\n${verboseHint.ja}\n` });
const same = (text: string) => ({ en: text, ja: text });

const rows: Row[] = [
  { name: 'UsageError', error: () => new UsageError({ ja: '使い方が違います', en: 'wrong usage' }), code: 2, en: 'wrong usage\n', ja: '使い方が違います\n' },
  { name: 'UsageError with its own exit code', error: () => new UsageError('no labs here', 3), code: 3, en: 'no labs here\n', ja: 'no labs here\n' },
  {
    name: 'NoLabCluster',
    error: () => new NoLabCluster('kind-kindlab'),
    code: 3,
    en:
      'There is no lab cluster yet: run `kindlab up` first (the kubeconfig has no context kind-kindlab)\n' +
      'Try:\n  kindlab doctor    # check Docker, kind and kubectl\n  kindlab up        # create the lab cluster\n',
    ja:
      'ラボのクラスタがまだありません。先に `kindlab up` を実行してください (kubeconfig にコンテキスト kind-kindlab がありません)\n' +
      '試してください:\n  kindlab doctor    # Docker、kind、kubectl を確認\n  kindlab up        # ラボのクラスタを作る\n',
  },
  {
    name: 'ClusterUnreachable',
    error: () =>
      new ClusterUnreachable(
        { ja: 'API サーバーが応答しません', en: 'the API server did not answer' },
        { ja: 'kindlab up   # 作る', en: 'kindlab up   # create it' },
      ),
    flags: ['--context', 'kind-kindlab'],
    code: 3,
    en: 'Cannot reach the cluster: the API server did not answer\nTry:\n  kindlab up   # create it\n',
    ja: 'クラスタに接続できません: API サーバーが応答しません\n試してください:\n  kindlab up   # 作る\n',
  },
  {
    name: 'StateNotSaved',
    error: () => new StateNotSaved({ ja: '設定を /x に保存できません (読み取り専用)', en: 'could not save settings to /x (read-only)' }),
    code: 3,
    en: 'could not save settings to /x (read-only)\n',
    ja: '設定を /x に保存できません (読み取り専用)\n',
  },
  {
    name: 'WrongContext',
    error: () => new WrongContext('prod', 'kind-kindlab'),
    code: 2,
    en: 'refusing to write to context "prod": kindlab only writes to "kind-kindlab" unless --context names another\n',
    ja: 'コンテキスト "prod" には書き込みません。kindlab が書き込むのは "kind-kindlab" だけです (別のコンテキストに書くには --context で指定します)\n',
  },
  {
    name: 'SetupProblem',
    error: () =>
      new SetupProblem(
        'docker-down',
        { ja: 'Docker が動いていません', en: 'Docker is not running' },
        { ja: 'docker info が成功する', en: 'docker info succeeds' },
        'exit 1: Cannot connect to the Docker daemon',
        { ja: 'Docker を起動してください。', en: 'Start Docker.' },
      ),
    code: 3,
    en: 'Docker is not running\n  expected: docker info succeeds\n  observed: exit 1: Cannot connect to the Docker daemon\nTry: Start Docker.\n',
    ja: 'Docker が動いていません\n  期待: docker info が成功する\n  実際: exit 1: Cannot connect to the Docker daemon\n試してください: Docker を起動してください。\n',
  },
  {
    name: 'DeadlineExceeded',
    error: () => new DeadlineExceeded('pod/web Ready', 'Pending', ['pod/web: ImagePullBackOff']),
    code: 1,
    en: 'timed out waiting for pod/web Ready; last seen: Pending\n  pod/web: ImagePullBackOff\n',
    ja: '時間切れです (待っていたもの: pod/web Ready)。最後の状態: Pending\n  pod/web: ImagePullBackOff\n',
  },
  {
    name: 'WaitTimedOut',
    error: () =>
      new WaitTimedOut(
        { ja: 'lab-03 の deployment/web', en: 'deployment/web in lab-03' },
        { ja: '準備完了 0/1', en: '0/1 ready' },
        [{ ja: 'pod/web-1: イメージを取得できません', en: 'pod/web-1: cannot pull its image' }],
        [{ ja: 'kindlab images を実行', en: 'run kindlab images' }],
      ),
    code: 1,
    en: 'timed out waiting for deployment/web in lab-03; last seen: 0/1 ready\n  pod/web-1: cannot pull its image\n  Try: run kindlab images\n',
    ja: '時間切れです (待っていたもの: lab-03 の deployment/web)。最後の状態: 準備完了 0/1\n  pod/web-1: イメージを取得できません\n  試してください: kindlab images を実行\n',
  },
  {
    name: 'TextError',
    error: () => new TextError({ ja: '壊れています', en: 'it is broken' }),
    code: 1,
    ...unexpected({ ja: '壊れています', en: 'it is broken' }),
  },
  {
    name: 'LessonFileError',
    error: () => new LessonFileError('lesson.yaml', 3, 5, 'steps', { ja: 'リスト', en: 'a list' }, 'a string'),
    code: 1,
    ...unexpected({ ja: 'lesson.yaml:3:5: steps: 期待 リスト、実際 a string', en: 'lesson.yaml:3:5: steps: expected a list, found a string' }),
  },
  {
    name: 'CommandFailed',
    error: () => new CommandFailed('kind create cluster', ['kind', 'create', 'cluster'], 'exit code 1', 'ERROR: failed to create cluster'),
    code: 1,
    ...unexpected(same('kind create cluster failed (exit code 1): kind create cluster\nERROR: failed to create cluster')),
  },
  {
    name: 'ApiError',
    error: () => new ApiError(500, '/api/v1/pods', '{"message":"etcd is down"}'),
    code: 1,
    ...unexpected(same('API server answered 500 for GET /api/v1/pods: etcd is down')),
  },
  {
    name: 'KindConfigError',
    error: () => new KindConfigError('kind-config.yaml', 'expected a `nodes:` list'),
    code: 1,
    ...unexpected(same('kind-config.yaml: expected a `nodes:` list')),
  },
  { name: 'JsonPathError', error: () => new JsonPathError('.a[', 2, 'unclosed ['), code: 1, ...unexpected(same('bad path ".a[" at character 3: unclosed [')) },
  {
    name: 'UnboundTemplate',
    error: () => new UnboundTemplate(['ip']),
    code: 1,
    ...unexpected({ ja: '{{ip}} の値がまだありません', en: 'no value yet for {{ip}}' }),
  },
  {
    name: 'NotExactlyOne',
    error: () => new NotExactlyOne('pod', ['a', 'b']),
    code: 1,
    ...unexpected({
      ja: '{{pod|one}} には値がちょうど 1 つ必要ですが、pod には 2 個あります: a, b',
      en: '{{pod|one}} needs exactly one value; pod has 2: a, b',
    }),
  },
  {
    name: 'NotRegularFile',
    error: () => new NotRegularFile('web.yaml', { ja: 'フォルダ', en: 'a folder' }),
    code: 1,
    ...unexpected(same('web.yaml is a folder, not a regular file')),
  },
  { name: 'DeadlineReached', error: () => new DeadlineReached(500), code: 1, ...unexpected(same('no answer within 500 ms')) },
  { name: 'TaskNotPassed', error: () => new TaskNotPassed(), code: 1, ...unexpected(same('')) },
  {
    name: 'PromptInterrupted',
    error: () => new PromptInterrupted(),
    code: 130,
    en: 'Interrupted. Progress is saved; `kindlab` resumes where you stopped.\n',
    ja: '中断しました。進捗は保存されています。`kindlab` で続きから再開できます。\n',
  },
  { name: 'an Error kindlab did not write', error: () => new Error('EACCES: permission denied'), code: 1, ...unexpected(same('EACCES: permission denied')) },
  { name: 'a thrown string', error: () => 'boom', code: 1, ...unexpected(same('boom')) },
];

/** Runs `kindlab map` (a command that opens the cluster) with a cluster that throws `error` when opened. */
async function reachTheTop(error: unknown, argv: string[], opts: { signal?: AbortSignal } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['map', '-n', 'lab-01', '--plain', ...argv], {
    env: { KINDLAB_HOME: home, LANG: 'en_US.UTF-8', KINDLAB_LABS: fixtureLabs, PATH: fixtureBin, KUBECONFIG: path.join(home, 'no-kubeconfig') },
    stdout: { write: (t: string) => void (stdout += t), isTTY: false },
    stderr: { write: (t: string) => void (stderr += t) },
    stdinIsTTY: false,
    signal: opts.signal ?? new AbortController().signal,
    prompts: unattendedPrompts(),
    openCluster: async () => {
      throw error;
    },
  });
  return { code, stdout, stderr };
}

describe('each error kindlab throws reaches the learner with its own words and exit code', () => {
  for (const row of rows) {
    for (const lang of ['en', 'ja'] as const) {
      it(`${row.name} (${lang}) exits ${row.code} and prints its text`, async () => {
        const run = await reachTheTop(row.error(), ['--lang', lang, ...(row.flags ?? [])]);
        expect({ code: run.code, stderr: run.stderr, stdout: run.stdout }).toEqual({ code: row.code, stderr: row[lang], stdout: '' });
      });
    }
  }

  it('every error kindlab writes is a KindlabError that declares the exit code the CLI ends with', () => {
    const own = rows.filter((row) => !['an Error kindlab did not write', 'a thrown string'].includes(row.name));
    for (const row of own) {
      const error = row.error();
      expect(error, row.name).toBeInstanceOf(KindlabError);
      expect({ name: row.name, exitCode: (error as KindlabError).exitCode }).toEqual({ name: row.name, exitCode: row.code });
    }
  });

  it('an unknown command and a bad option are said by the same catch: exit 2, what is wrong and where help is', async () => {
    let stderr = '';
    const deps = {
      env: { KINDLAB_HOME: home, LANG: 'ja_JP.UTF-8', PATH: fixtureBin },
      stdout: { write: () => undefined, isTTY: false },
      stderr: { write: (t: string) => void (stderr += t) },
    };
    const unused = () => Promise.reject(new Error('unused'));
    const common = { stdinIsTTY: false, signal: new AbortController().signal, prompts: unattendedPrompts(), openCluster: unused };
    expect(await main(['frobnicate'], { ...deps, ...common })).toBe(2);
    expect(await main(['list', '--bogus'], { ...deps, ...common })).toBe(2);
    expect(stderr).toBe(
      '不明なコマンドです: frobnicate\n使い方は `kindlab --help` を見てください。\n不明なオプションです: --bogus\n使い方は `kindlab --help` を見てください。\n',
    );
  });

  it('--verbose shows the stack of an error kindlab did not write, instead of the hint', async () => {
    const run = await reachTheTop(new Error('EACCES: permission denied'), ['--verbose']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^kindlab: EACCES: permission denied\nError: EACCES: permission denied\n {4}at /);
    expect(run.stderr).not.toContain('(details with --verbose)');
  });

  it('--verbose shows the stack of a kindlab error that is not a learner-facing one (CommandFailed)', async () => {
    const run = await reachTheTop(new CommandFailed('kind version', ['kind', 'version'], 'exit code 2', ''), ['--verbose']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^kindlab: kind version failed \(exit code 2\): kind version\nCommandFailed: kind version failed/);
  });

  it('--verbose adds nothing to an error the learner can act on (SetupProblem)', async () => {
    const problem = new SetupProblem('x', { ja: '壊れた', en: 'broken' }, 'a', 'b', { ja: '直す', en: 'fix it' });
    const run = await reachTheTop(problem, ['--verbose']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 3, stderr: 'broken\n  expected: a\n  observed: b\nTry: fix it\n' });
  });

  it('any error after Ctrl-C is reported as the interruption, exit 130', async () => {
    const controller = new AbortController();
    controller.abort();
    const run = await reachTheTop(new Error('socket hang up'), ['--lang', 'en'], { signal: controller.signal });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 130, stderr: 'Interrupted. Progress is saved; `kindlab` resumes where you stopped.\n' });
  });

  it('an AbortError from a library is reported as the interruption, exit 130', async () => {
    const run = await reachTheTop(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }), ['--lang', 'ja']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 130, stderr: '中断しました。進捗は保存されています。`kindlab` で続きから再開できます。\n' });
  });
});
