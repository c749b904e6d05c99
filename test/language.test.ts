// Every text a learner reads exists in Japanese and English. A `ja` text must contain Japanese
// (catches English pasted into both); an `en` text must not (catches a forgotten translation).
import { mkdir, writeFile } from 'node:fs/promises';
import { PassThrough, Writable } from 'node:stream';
import path from 'node:path';
import stringWidth from 'string-width';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderDoctor } from '../src/cli/cluster-setup.js';
import { GLOBAL_OPTIONS } from '../src/cli/command.js';
import { commands } from '../src/cli/commands/index.js';
import { main } from '../src/cli/main.js';
import { assertWritableContext } from '../src/cluster/kind/context-guard.js';
import { awaitedObjects, describeLastSeen, describeObject } from '../src/cluster/kind/describe-objects.js';
import { WaitTimedOut } from '../src/cluster/kind/diagnose.js';
import { evaluateDoctor, type DoctorFacts } from '../src/cluster/kind/doctor.js';
import { openLabCluster } from '../src/cluster/open.js';
import { loadAllLessons } from '../src/lessons/load.js';
import { lessonJsonSchema } from '../src/lessons/schema.js';
import { allKinds } from '../src/expectations/index.js';
import { expandProfiles } from '../src/lessons/profile-names.js';
import { deadlineLines } from '../src/ui/deadline.js';
import { messages } from '../src/ui/messages.js';
import { Output } from '../src/ui/output.js';
import { runTasks } from '../src/ui/run-tasks.js';
import { TextError } from '../src/core/task.js';
import { terminalPromptsFor, unattendedPrompts } from '../src/ui/prompts.js';
import { fixtureLabs, runCli, tempHome } from './cli/run-cli.js';
import { isProseWord, ProseScanner, wordsOf } from './english-prose.js';
import { fakeTools } from './contract/fakes/harness.js';
import { FakeCluster } from './fakes/fake-cluster.js';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/** Every {ja, en} pair inside a value, with where it was found. */
function* texts(value: unknown, where: string): Generator<{ where: string; ja: unknown; en: unknown }> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* texts(item, `${where}[${i}]`);
  } else if (value && typeof value === 'object' && !(value instanceof Map)) {
    const keys = Object.keys(value);
    if (keys.includes('ja') || keys.includes('en')) {
      yield { where, ja: (value as { ja?: unknown }).ja, en: (value as { en?: unknown }).en };
      return;
    }
    for (const [key, item] of Object.entries(value)) yield* texts(item, `${where}.${key}`);
  }
}

function problems(value: unknown, where: string): string[] {
  const found: string[] = [];
  for (const text of texts(value, where)) {
    if (typeof text.ja !== 'string' || !text.ja.trim()) found.push(`${text.where}: no Japanese text`);
    else if (!JAPANESE.test(text.ja)) found.push(`${text.where}: ja has no Japanese: ${JSON.stringify(text.ja.slice(0, 60))}`);
    if (typeof text.en !== 'string' || !text.en.trim()) found.push(`${text.where}: no English text`);
    else if (JAPANESE.test(text.en)) found.push(`${text.where}: en contains Japanese: ${JSON.stringify(text.en.slice(0, 60))}`);
  }
  return found;
}

describe('every learner-facing text exists in Japanese and English', () => {
  it('CLI messages', () => expect(problems(messages, 'messages')).toEqual([]));
  it('command help: summaries, details, options, examples', () => {
    expect(problems({ commands: commands.map(({ run: _run, ...spec }) => spec), GLOBAL_OPTIONS }, 'cli')).toEqual([]);
  });
  it('lessons: titles, summaries, step texts, tasks, hints, explanations', async () => {
    const { lessons, failures } = await loadAllLessons(path.resolve('labs'));
    expect(failures).toEqual([]);
    expect(lessons.length).toBeGreaterThan(0);
    expect(lessons.flatMap((l) => problems({ ...l, manifests: undefined }, l.id))).toEqual([]);
  });
  it('the check itself notices a missing translation', () => {
    expect(problems({ title: { ja: 'Pod network', en: 'Pod network' } }, 'x')).toEqual(['x.title: ja has no Japanese: "Pod network"']);
    expect(problems({ title: { ja: 'ポッド' } }, 'x')).toEqual(['x.title: no English text']);
  });
});

// ------------------------------------------------------------------ a Japanese run, end to end
// Runs kindlab in Japanese through the scenarios a learner meets (help, list, status, a lesson
// with a fake cluster, failed checks, every real lesson's dry run, doctor, the errors) and flags
// every printed line that still holds English prose. Data stays: commands, names, values and the
// tool output the fake cluster returned.

const CLUSTER_UNREACHABLE_KUBECONFIG = `apiVersion: v1
kind: Config
clusters: [{ name: kind-kindlab, cluster: { server: "https://127.0.0.1:9" } }]
users: [{ name: kind-kindlab, user: { token: x } }]
contexts: [{ name: kind-kindlab, context: { cluster: kind-kindlab, user: kind-kindlab } }]
current-context: kind-kindlab
`;

async function allTexts(): Promise<{ ja: string[]; en: string[] }> {
  const { lessons } = await loadAllLessons(path.resolve('labs'));
  const fixture = await loadAllLessons(path.resolve('test/fixtures/labs'));
  const found = [
    ...texts(messages, 'messages'),
    ...texts({ commands: commands.map(({ run: _run, ...spec }) => spec), GLOBAL_OPTIONS }, 'cli'),
    ...[...lessons, ...fixture.lessons].flatMap((l) => [...texts({ ...l, manifests: undefined }, l.id)]),
  ];
  return { ja: found.map((t) => String(t.ja)), en: found.map((t) => String(t.en)) };
}

/** Keys and plain-word values of a lesson's manifests (container names, field names like `from`, enum values like `None`). */
function manifestWords(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    if (/^[A-Za-z]+$/.test(value)) into.add(value);
  } else if (Array.isArray(value)) value.forEach((v) => manifestWords(v, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (/^[A-Za-z]+$/.test(k)) into.add(k);
      manifestWords(v, into);
    }
  }
  return into;
}

/** Takes out the names from a lesson's own manifests that are also English words (lesson 02's container `first`, `clusterIP: None`). */
function withoutOwnNames(text: string, lesson: { manifests: Map<string, unknown> }): string {
  const own = [...manifestWords([...lesson.manifests.values()])].filter(isProseWord);
  return own.reduce((t, word) => t.replace(new RegExp(`(?<![A-Za-z])${word}(?![A-Za-z])`, 'g'), ' '), text);
}

async function japaneseScanner(extraIds: string[] = []): Promise<ProseScanner> {
  const { ja, en } = await allTexts();
  // A word a Japanese text uses is a name there (Pod, netshoot, kubectl); backticks hold commands.
  const names = ja.flatMap((t) => wordsOf(t.replace(/`[^`]*`/g, ' ')));
  const { lessons } = await loadAllLessons(path.resolve('labs'));
  const fixture = await loadAllLessons(path.resolve('test/fixtures/labs'));
  const ids = [...lessons, ...fixture.lessons].flatMap((l) => l.steps.map((s) => s.id)).filter((id) => /^[a-z]+$/.test(id));
  // Lesson file fields (source, steps, titel's `title`): LessonFileError names them as they are.
  const fields = [...manifestWords(lessonJsonSchema())].filter(
    (w) => !isProseWord(w) && !['type', 'object', 'array', 'string', 'number', 'integer', 'boolean', 'properties', 'items', 'required'].includes(w),
  );
  return new ProseScanner(names, en.flatMap(wordsOf), [...ids, ...allKinds.map((k) => k.key), ...fields, ...extraIds]);
}

describe('a Japanese run prints no English prose', () => {
  let scanner: ProseScanner;
  let home: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    scanner = await japaneseScanner();
  });
  beforeEach(async () => {
    ({ home, cleanup } = await tempHome());
  });
  afterEach(() => cleanup());

  const ja = (argv: string[], opts: Parameters<typeof runCli>[1]) => runCli(argv, { ...opts, env: { LANG: 'ja_JP.UTF-8', ...opts.env } });
  const prose = (run: { stdout: string; stderr: string }, data: string[] = []) => scanner.scan(`${run.stdout}\n${run.stderr}`, data);

  function labCluster(): FakeCluster {
    const cluster = new FakeCluster('kindnet');
    cluster.onApply = () => {
      for (const o of cluster.objects) if (o.kind === 'Service') (o.spec as { clusterIP?: string }).clusterIP ??= '10.96.41.7';
    };
    cluster.answer(['nslookup'], { stdout: NSLOOKUP, exitCode: 0 });
    return cluster;
  }
  const NSLOOKUP = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb.lab-03.svc.cluster.local\nAddress: 10.96.41.7\n';

  it('the scanner catches the English the issue found, and leaves data alone', () => {
    const english = [
      '    期待: `docker info` answers',
      '      sudo usermod -aG docker "$USER"   # then log out and back in',
      'クラスタに接続できません: cluster "kindlab" (context kind-kindlab) did not answer: connect ECONNREFUSED',
      '  kindlab up        # create or repair the lab cluster',
      '↑↓ navigate • ⏎ select',
      '✓ Docker が使えるメモリが 3 ノードに足りる: unknown (Docker not reachable)',
      '✗ kind 0.30.0 以上がある: kind: command not found',
      '      docker info   # wait until it answers',
    ];
    for (const line of english) expect(scanner.proseWords(line), line).not.toEqual([]);
    const data = [
      '  $ kubectl apply -n lab-03 -f test/fixtures/labs/03-service-clusterip/manifests/web.yaml',
      '    期待: kind >= v0.30.0',
      '次: kindlab start 01',
      '✓ equals: NodePort',
      'Name:\tweb.lab-03.svc.cluster.local',
    ];
    for (const line of data) expect(scanner.proseWords(line), line).toEqual([]);
  });

  it('help for kindlab and for every command', async () => {
    const found: string[] = [];
    for (const argv of [['--help'], ...commands.map((c) => [c.name, '--help'])]) found.push(...prose(await ja(argv, { home })));
    expect(found).toEqual([]);
  });

  it('list, status, lang and validate over the shipped lessons', async () => {
    const env = { KINDLAB_LABS: path.resolve('labs') };
    const found: string[] = [];
    for (const argv of [['list'], ['status'], ['lang'], ['lang', 'ja'], ['validate']]) found.push(...prose(await ja(argv, { home, env })));
    expect(found).toEqual([]);
  });

  it('a lesson with a fake cluster: start, failed check, hint, solve, status, report, reset', async () => {
    const cluster = labCluster();
    const found: string[] = [];
    for (const argv of [['start', '03', '--yes'], ['check'], ['hint'], ['solve'], ['status'], ['report'], ['reset', '03', '--yes'], ['start', '03', '--yes']]) {
      found.push(...prose(await ja(argv, { home, cluster }), [NSLOOKUP, ...NSLOOKUP.split('\n')]));
    }
    expect(found).toEqual([]);
  }, 60_000);

  it('the dry run of every shipped lesson on every profile it supports', async () => {
    const env = { KINDLAB_LABS: path.resolve('labs') };
    const { lessons } = await loadAllLessons(path.resolve('labs'));
    const found: string[] = [];
    for (const lesson of lessons) {
      // `exists: true`: an expectation's key, as the lesson file writes it.
      const keys = allKinds.map((k) => `${k.key}:`);
      for (const profile of expandProfiles(lesson.profiles)) {
        const run = await ja(['start', lesson.number, '--dry-run', '--profile', profile], { home, env });
        found.push(...scanner.scan(withoutOwnNames(`${run.stdout}\n${run.stderr}`, lesson), keys));
      }
    }
    expect(found).toEqual([]);
  });

  it('doctor, ready, up and down with Docker stopped (fake kind, kubectl and docker on PATH)', async () => {
    const dockerDown = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?';
    const fake = fakeTools([
      { tool: 'docker', argv: ['...'], stderr: `${dockerDown}\n`, exitCode: 1 },
      { tool: 'kind', argv: ['version'], stdout: 'kind v0.20.0 go1.20.4 linux/amd64\n' },
      { tool: 'kind', argv: ['get', 'clusters'], stdout: '', stderr: 'No kind clusters found.\n' },
      { tool: 'kubectl', argv: ['version', '--client', '-o', 'json'], stdout: '{"clientVersion":{"gitVersion":"v1.33.4"}}\n' },
    ]);
    // The tools kindlab starts inherit the process environment (kindlab only puts its own bin first on PATH).
    for (const [name, value] of Object.entries(fake.env)) vi.stubEnv(name, value);
    const env = { ...fake.env, KINDLAB_LABS: path.resolve('labs') };
    const found: string[] = [];
    try {
      const emptyBundle = path.join(home, 'bundle');
      await mkdir(emptyBundle);
      for (const argv of [['doctor'], ['ready'], ['up'], ['down'], ['doctor', '--profile', 'calico-ipip'], ['bundle', 'load', emptyBundle]]) {
        const run = await ja(argv, { home, env });
        if (process.env.DEBUG_LANG) console.log(argv, run);
        found.push(...prose(run, [dockerDown, 'No kind clusters found.']));
      }
    } finally {
      vi.unstubAllEnvs();
    }
    expect(fake.commands().some((c) => c[0] === 'docker')).toBe(true);
    expect(found).toEqual([]);
  }, 60_000);

  it('kindlab test (instructors): a passing lesson, a broken challenge and a failing check with Pod states', async () => {
    const found: string[] = [];
    const { cp, readFile } = await import('node:fs/promises');
    const labsWith = async (name: string, edit: (yaml: string) => string) => {
      const labs = path.join(home, name);
      await cp(fixtureLabs, labs, { recursive: true });
      const file = path.join(labs, '03-service-clusterip/lesson.yaml');
      await writeFile(file, edit(await readFile(file, 'utf8')));
      return labs;
    };
    found.push(...prose(await ja(['test'], { home, cluster: labCluster() }), [NSLOOKUP, ...NSLOOKUP.split('\n')]));
    const broken = await labsWith('broken', (y) =>
      y.replace(
        '- read: { from: service/web, path: .spec.type }\n        expect: [{ equals: NodePort }]',
        '- read: { from: service/web, path: ".spec.ports[0].port" }\n        expect: [{ equals: 80 }]',
      ),
    );
    found.push(...prose(await ja(['test'], { home, cluster: labCluster(), env: { KINDLAB_LABS: broken } }), [NSLOOKUP, ...NSLOOKUP.split('\n')]));
    const failing = await labsWith('failing', (y) => y.replace('eventually: 5s', 'eventually: 1s'));
    const cluster = labCluster();
    const timedOut = ';; connection timed out; no servers could be reached';
    cluster.answer(['nslookup'], { stdout: '', stderr: `${timedOut}\n`, exitCode: 1 });
    cluster.objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'netshoot', namespace: 'lab-03' },
      status: { phase: 'Pending', containerStatuses: [{ name: 'netshoot', ready: false, state: { waiting: { reason: 'ImagePullBackOff' } } }] },
    } as never);
    const run = await ja(['test'], { home, cluster, env: { KINDLAB_LABS: failing } });
    expect(run.stdout).toContain('pod lab-03/netshoot: Pending netshoot=waiting(ImagePullBackOff) 準備未完了');
    found.push(...prose(run, [timedOut]));
    expect(found).toEqual([]);
  }, 60_000);

  it('the menu, images list and parse', async () => {
    const found: string[] = [];
    const env = { KINDLAB_LABS: path.resolve('labs') };
    // The menu at a terminal: what it asks and offers (the prompt draws them), then the learner quits.
    let asked = '';
    const quit = {
      ...unattendedPrompts(),
      select: async <T>(message: string, choices: { name: string; value: T }[]) => {
        asked += [message, ...choices.map((c) => c.name)].join('\n');
        return choices[choices.length - 1]!.value;
      },
    };
    found.push(...prose(await ja([], { home, env, tty: true, prompts: quit, cluster: labCluster() })));
    expect(asked).toContain('レッスン');
    found.push(...scanner.scan(asked));
    found.push(...prose(await ja(['images', 'list'], { home, env })));
    found.push(...prose(await ja(['parse', 'nslookup', path.join(home, 'nothing-here.txt')], { home, env })));
    expect(found).toEqual([]);
  });

  it('mistakes on the command line: unknown command, lesson, step, option, language', async () => {
    const found: string[] = [];
    for (const argv of [
      ['nosuch'],
      ['start', '99'],
      ['start', '03', '--step', 'nosuch'],
      ['start', '03', '--bogus'],
      ['list', '--lang', 'xx'],
      ['check'],
      ['solve', '03', 'deploy'],
      ['lang', 'fr'],
    ]) {
      found.push(...prose(await ja(argv, { home, cluster: labCluster() })));
    }
    expect(found).toEqual([]);
  });

  it('validate and start on a broken lesson file: every LessonFileError', async () => {
    const dir = path.join(home, 'labs', '42-broken');
    await mkdir(dir, { recursive: true });
    await writeFile(
      path.join(dir, 'lesson.yaml'),
      [
        'id: 42-other',
        'title: { ja: 壊れた, en: Broken }',
        'summary: { ja: 壊れた, en: Broken }',
        'profiles: [all]',
        'durationMinutes: many',
        'namespace: lab-42',
        'steps:',
        '  - id: one',
        '    titel: { ja: 一, en: One }',
        '    say: { ja: 一, en: One }',
        '    apply: [manifests/missing.yaml]',
        '  - id: one',
        '    kind: quiz',
        '    title: { ja: 二, en: Two }',
        '    say: { ja: "{{nowhere}} を見る", en: "see {{nowhere}}" }',
        '',
      ].join('\n'),
    );
    // A lesson that reads well but whose manifest lacks kindlab's labels and mixes namespaced objects.
    const unlabelled = path.join(home, 'labs', '43-unlabelled');
    await mkdir(path.join(unlabelled, 'manifests'), { recursive: true });
    await writeFile(
      path.join(unlabelled, 'lesson.yaml'),
      [
        'id: 43-unlabelled',
        'title: { ja: ラベルなし, en: Unlabelled }',
        'summary: { ja: ラベルなし, en: Unlabelled }',
        'source: [a test]',
        'profiles: [all]',
        'durationMinutes: 5',
        'namespace: lab-43',
        'steps:',
        '  - id: one',
        '    title: { ja: 一, en: One }',
        '    say: { ja: 一, en: One }',
        '    apply: [manifests/web.yaml]',
        '',
      ].join('\n'),
    );
    await writeFile(
      path.join(unlabelled, 'manifests', 'web.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata: { name: a, namespace: lab-43 }\nspec: { containers: [{ name: a, image: x }] }\n---\napiVersion: v1\nkind: Pod\nmetadata: { name: b }\nspec: { containers: [{ name: b, image: x }] }\n',
    );
    const env = { KINDLAB_LABS: path.join(home, 'labs') };
    const found: string[] = [];
    // `list` names a broken lesson too, but list.ts is another helper's (it prints the English message).
    for (const argv of [
      ['validate', dir],
      ['start', '42', '--yes'],
      ['validate', unlabelled],
    ]) {
      const run = await ja(argv, { home, env, cluster: labCluster() });
      if (argv[1] === unlabelled) expect(run.stdout, run.stdout).toContain('ラベル app.kubernetes.io/managed-by なし');
      expect(run.code, run.stdout + run.stderr).toBe(2);
      found.push(...prose(run));
    }
    expect(found).toEqual([]);
  });

  it('a wait that runs out of time, and a write to another context', async () => {
    const waiting = labCluster();
    waiting.waitFails = true;
    const wrong = labCluster();
    wrong.apply = async () => assertWritableContext({ clusterName: 'kindlab', context: 'kind-other' });
    const found: string[] = [];
    // The fake's own last-seen text is data it made up ("Pending", an image name).
    for (const cluster of [waiting, wrong]) found.push(...prose(await ja(['start', '03', '--yes'], { home, cluster })));
    // What the kind adapter throws when a Deployment never becomes Available (its own texts).
    const web = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'lab-03' },
      spec: { replicas: 2 },
      status: { readyReplicas: 0, updatedReplicas: 2 },
    };
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'probe', namespace: 'lab-03' }, status: { succeeded: 0, failed: 1 } };
    const what = awaitedObjects('deployment', { name: 'web' }, 'lab-03');
    const timedOut = new WaitTimedOut(
      { ja: `${what.ja} が Available になる`, en: `${what.en} to be Available` },
      describeLastSeen([web, job, web, web, web, web]),
      [describeObject(web), describeObject(job)],
      [],
    );
    const app = fakeApp();
    app.out.line(app.out.t(timedOut.text));
    for (const line of deadlineLines(timedOut, 'ja', messages.tryThis.ja)) app.out.line(line);
    found.push(...scanner.scan(app.printed()));
    expect(found).toEqual([]);
  });

  it('no cluster: none in the kubeconfig, and one whose API server does not answer (the real adapter)', async () => {
    const kubeconfig = path.join(home, 'kubeconfig');
    await writeFile(kubeconfig, CLUSTER_UNREACHABLE_KUBECONFIG);
    const startWith = async (KUBECONFIG: string) => {
      let stdout = '';
      let stderr = '';
      const code = await main(['start', '01', '--yes'], {
        env: { KINDLAB_HOME: home, HOME: home, KUBECONFIG, LANG: 'ja_JP.UTF-8', KINDLAB_LABS: path.resolve('labs'), PATH: process.env.PATH },
        stdout: { write: (t: string) => void (stdout += t), isTTY: false },
        stderr: { write: (t: string) => void (stderr += t) },
        stdinIsTTY: false,
        signal: new AbortController().signal,
        prompts: unattendedPrompts(),
        openCluster: async (app) => openLabCluster({ clusterName: app.clusterName, kubeconfig, signal: app.signal }),
      });
      expect(code).toBe(3);
      return `${stdout}\n${stderr}`;
    };
    const none = await startWith(path.join(home, 'no-such-kubeconfig'));
    const silent = await startWith(kubeconfig);
    expect(silent).toContain('応答しません');
    expect([...scanner.scan(none), ...scanner.scan(silent)]).toEqual([]);
  }, 30_000);

  it('doctor: every check failing, with its fixes for Linux and macOS', () => {
    const app = fakeApp();
    const broken: DoctorFacts = {
      platform: 'linux',
      arch: 'amd64',
      docker: { reachable: false, error: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock' },
      kind: { found: false, error: 'kind: command not found' },
      kubectl: { found: true, version: 'v1.20.0' },
      hostMemory: { totalBytes: 8 * 1024 ** 3, availableBytes: 1024 ** 3 },
      inotify: { maxUserWatches: 8192, maxUserInstances: null },
      ipip: { loaded: false, evidence: { ja: '/proc/modules になく、/sys/module/ipip もありません', en: 'not in /proc/modules and no /sys/module/ipip' } },
      nfqueue: {
        available: false,
        evidence: { ja: '読み込まれておらず、/lib/modules/6.8.0 にもありません', en: 'not loaded, and neither built in nor a module in /lib/modules/6.8.0' },
      },
      ports: [{ port: 18080, address: '127.0.0.1', free: false, error: 'in use' }],
      calicoPinned: { pinned: false, version: 'v3.31.3' },
    };
    const timedOut = (argv: string) => ({
      ja: `\`${argv}\` が 15 秒以内に応答しませんでした (タイムアウト)`,
      en: `\`${argv}\` did not answer within 15 s (timed out)`,
    });
    const checks = [
      ...evaluateDoctor(broken, { profile: 'calico-ipip' }),
      ...evaluateDoctor({ ...broken, docker: { reachable: true, serverVersion: '28.1.1', memTotalBytes: 1024 ** 3 } }, { profile: 'calico-ipip' }),
      ...evaluateDoctor(
        {
          ...broken,
          platform: 'darwin',
          inotify: null,
          ipip: { loaded: null, evidence: { ja: 'この OS からは確かめられません', en: 'cannot be checked from this OS' } },
        },
        { profile: 'calico-ipip' },
      ),
      // kindnet: the nfqueue check; a kind other than the pinned one; tools that hang.
      ...evaluateDoctor({ ...broken, kind: { found: true, version: 'v0.32.0' }, kubectl: { found: true, version: 'v1.33.4' } }, { profile: 'kindnet' }),
      ...evaluateDoctor(
        {
          ...broken,
          docker: { reachable: false, error: timedOut('docker info') },
          kind: { found: false, error: timedOut('kind version') },
          kubectl: { found: false, error: timedOut('kubectl version --client') },
        },
        { profile: 'kindnet' },
      ),
    ];
    renderDoctor(app as never, checks);
    // What the tools themselves said is data.
    expect(scanner.scan(app.printed(), ['Cannot connect to the Docker daemon at unix:///var/run/docker.sock'])).toEqual([]);
  });
});

/** The part of App that rendering uses, printing into a string, in Japanese. */
function fakeApp() {
  let printed = '';
  const sink = { write: (t: string) => void (printed += t) };
  const out = new Output('plain', 'ja', sink, sink);
  return { out, lang: 'ja' as const, printed: () => printed };
}

describe("inquirer's key help is in the learner's language", () => {
  /** Runs a real inquirer select on in-memory streams, returns what it drew before Enter chose the first item. */
  async function drawSelect(lang: 'ja' | 'en'): Promise<string> {
    const input = new PassThrough();
    let drawn = '';
    const output = new Writable({ write: (chunk, _enc, done) => void ((drawn += String(chunk)), done()) });
    const answer = terminalPromptsFor(lang, { input, output }).select('?', [
      { name: 'a', value: 1 },
      { name: 'b', value: 2 },
    ]);
    await new Promise((r) => setTimeout(r, 100));
    input.write('\r');
    expect(await answer).toBe(1);
    return drawn.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
  }

  it('a Japanese select names the keys in Japanese', async () => {
    const drawn = await drawSelect('ja');
    expect(drawn).toContain('↑↓ 移動 • ⏎ 選択');
    expect(scanner().proseWords(/↑↓ \S+ • ⏎ \S+/.exec(drawn)?.[0] ?? 'none')).toEqual([]);
  });

  it('an English select keeps inquirer’s words', async () => {
    expect(await drawSelect('en')).toContain('↑↓ navigate • ⏎ select');
  });
});

const scanner = () => new ProseScanner();

describe('Japanese tables line up on a terminal (CJK characters are two columns wide)', () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ home, cleanup } = await tempHome());
  });
  afterEach(() => cleanup());
  const env = { LANG: 'ja_JP.UTF-8', KINDLAB_LABS: path.resolve('labs') };
  /** The terminal column (string-width) where `column` begins on each line that has it. */
  const startColumns = (stdout: string, column: RegExp) =>
    stdout.split('\n').flatMap((line) => {
      const at = line.search(column);
      return at < 0 ? [] : [stringWidth(line.slice(0, at))];
    });

  it('list: the minutes column starts at the same column on every lesson', async () => {
    const run = await runCli(['list'], { home, env });
    const columns = startColumns(run.stdout, /\s\d+ 分/);
    expect(columns.length).toBeGreaterThan(10);
    expect(new Set(columns).size, run.stdout).toBe(1);
  });

  it('status: the state column starts at the same column on every lesson', async () => {
    const run = await runCli(['status'], { home, env });
    const columns = startColumns(run.stdout, /(完了|進行中|未着手)/);
    expect(columns.length).toBeGreaterThan(10);
    expect(new Set(columns).size, run.stdout).toBe(1);
  });
});

describe('one spelling for one word', () => {
  it('Japanese texts in src/ and labs/ write クラスタ, never クラスター', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const found: string[] = [];
    for (const root of ['src', 'labs']) {
      for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !/\.(ts|ya?ml|md)$/.test(entry.name)) continue;
        const file = path.join(entry.parentPath, entry.name);
        (await readFile(file, 'utf8')).split('\n').forEach((line, i) => line.includes('クラスター') && found.push(`${file}:${i + 1}`));
      }
    }
    expect(found).toEqual([]);
  });
});

describe('lesson texts as a Japanese run shows them', () => {
  it('every lesson text, through the output a run uses: no English prose, no space left by YAML folding', async () => {
    const { lessons } = await loadAllLessons(path.resolve('labs'));
    // A lesson names what its manifests hold as it is: container `first`, `from:`, `clusterIP: None`.
    // Cluster and Local: externalTrafficPolicy's values, which lesson 13 names and its manifests leave to the default.
    const scanner = await japaneseScanner([...manifestWords(lessons.map((l) => [...l.manifests.values()])), 'Cluster', 'Local']);
    const out = fakeApp().out;
    const wide = '\\u3000-\\u30ff\\u3400-\\u9fff\\uff01-\\uff60';
    const folded = new RegExp(`[${wide}][ \\t]+[${wide}]`);
    const found: string[] = [];
    for (const lesson of lessons) {
      for (const text of texts({ ...lesson, manifests: undefined }, lesson.id)) {
        const shown = out.t({ ja: String(text.ja), en: String(text.en) });
        found.push(...scanner.scan(withoutOwnNames(shown, lesson)).map((line) => `${text.where}: ${line}`));
        if (folded.test(shown)) found.push(`${text.where}: folded space in ${JSON.stringify(folded.exec(shown)![0])}`);
      }
    }
    expect(found).toEqual([]);
  });
});

describe('task progress on a terminal (listr2) in Japanese', () => {
  it('a failed task does not print the error in English (the caller reports it in the learner’s language)', async () => {
    const drawn: string[] = [];
    const capture = (chunk: unknown) => void drawn.push(String(chunk));
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (capture(chunk), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (capture(chunk), true));
    // listr2 draws its default (terminal) renderer only when stdout is a terminal.
    const wasTTY = process.stdout.isTTY;
    Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true });
    const failing = {
      title: { ja: '名前空間を作成: lab-03', en: 'Create namespace lab-03' },
      run: async () => {
        throw new TextError({ ja: '終了コード 1: だめでした', en: 'exit code 1: it did not work' });
      },
    };
    try {
      await expect(runTasks([failing], new Output('tty', 'ja', { write() {} }, { write() {} }), new AbortController().signal)).rejects.toThrow();
    } finally {
      out.mockRestore();
      err.mockRestore();
      Object.defineProperty(process.stdout, 'isTTY', { value: wasTTY, configurable: true });
    }
    const shown = drawn.join('').replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
    expect(shown).toContain('名前空間を作成: lab-03');
    expect(shown).not.toContain('it did not work');
  });
});

describe('every Japanese text written in src/', () => {
  it('messages.ts and each `ja:` literal in src/ hold no English prose (placeholders and ${…} are data)', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const scanner = await japaneseScanner();
    const found: string[] = [];
    /** Takes out `${…}` (balanced, as code nests braces) and `{placeholder}`: they are filled with data. */
    const strip = (text: string) => {
      let out = '';
      for (let i = 0; i < text.length; i++) {
        if (text[i] === '$' && text[i + 1] === '{') {
          let depth = 0;
          for (i++; i < text.length; i++) {
            if (text[i] === '{') depth++;
            else if (text[i] === '}' && --depth === 0) break;
          }
          out += ' ';
        } else out += text[i];
      }
      return out.replace(/\{\w+\}/g, ' ');
    };
    for (const [key, text] of Object.entries(messages)) found.push(...scanner.scan(strip(text.ja)).map((l) => `messages.${key}: ${l}`));
    for (const entry of await readdir('src', { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
      const file = path.join(entry.parentPath, entry.name);
      const source = await readFile(file, 'utf8');
      // ja: '…', ja: "…" or ja: `…` (a template without nested backticks), and m('…', …) in messages.ts.
      for (const match of source.matchAll(/\bja: (?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`((?:[^`\\]|\\.)*)`)/g)) {
        const text = (match[1] ?? match[2] ?? match[3] ?? '').replace(/\\`/g, '`').replace(/\\n/g, '\n');
        found.push(...scanner.scan(strip(text)).map((l) => `${file}: ${l}`));
      }
    }
    expect(found).toEqual([]);
  });
});
