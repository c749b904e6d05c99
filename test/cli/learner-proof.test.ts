// Issue 11: what a learner hits with interrupted sessions, damaged state and odd lesson folders.
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PromptInterrupted, unattendedPrompts } from '../../src/ui/prompts.js';
import { FakeCluster } from '../fakes/fake-cluster.js';
import { lesson03Cluster, readProgress } from './lesson-03-cluster.js';
import { readOnly, runCli, tempHome, unprivileged, writable } from './run-cli.js';

let home: string;
let cleanup: () => Promise<void>;
let cluster: FakeCluster;

beforeEach(async () => {
  ({ home, cleanup } = await tempHome());
  cluster = lesson03Cluster('kindnet');
});
afterEach(() => cleanup());

const progressFile = () => readProgress(home);

describe('a passed step stays passed (issue 11.1)', () => {
  it('Ctrl-C at "Press Enter to go on" after a passed step keeps it passed and resumes at the next step', async () => {
    const prompts = {
      ...unattendedPrompts(),
      pressEnter: async () => {
        throw new PromptInterrupted();
      },
    };
    const run = await runCli(['start', '03'], { home, cluster, prompts });
    expect(run.code).toBe(130);
    const lesson = (await progressFile()).clusters.kindlab.lessons['03-service-clusterip'];
    expect(lesson.steps.deploy.status).toBe('passed');
    expect(lesson.current).toBe('resolve');
    const status = await runCli(['status'], { home });
    expect(status.stdout).toMatch(/03-service-clusterip\s+in progress \(1\/3, → resolve\)/);
    const again = await runCli(['start', '03', '--yes'], { home, cluster });
    expect(again.stdout).toContain('Resuming at step resolve');
  });

  it('a later failing check of a passed step does not take the pass away', async () => {
    await runCli(['start', '03', '--yes'], { home, cluster });
    cluster.answer(['nslookup'], { stdout: '', stderr: 'timed out', exitCode: 1 });
    const run = await runCli(['check', '03', 'resolve'], { home, cluster });
    expect(run.code).toBe(1);
    expect((await progressFile()).clusters.kindlab.lessons['03-service-clusterip'].steps.resolve.status).toBe('passed');
  }, 20_000);
});

describe('damaged or read-only state never stops a command (issue 11.4)', () => {
  const stateDir = () => path.join(home, 'state');
  const configDir = () => path.join(home, 'config');
  const put = async (dir: string, file: string, content: string) => {
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, file), content, { mode: 0o644 });
  };

  it('progress.json that is a folder is set aside and named; lang and --dry-run work', async () => {
    await mkdir(path.join(stateDir(), 'progress.json', 'x'), { recursive: true });
    const lang = await runCli(['lang'], { home });
    expect(lang.code).toBe(0);
    expect(lang.stdout.trim()).toBe('en');
    expect(lang.stderr).toMatch(/progress file was unreadable .*kept it as .*progress\.json\.corrupt-/);
    expect((await readdir(stateDir())).some((f) => f.startsWith('progress.json.corrupt-'))).toBe(true);
    await mkdir(path.join(stateDir(), 'progress.json'), { recursive: true });
    const dry = await runCli(['start', '03', '--dry-run'], { home });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run');
  });

  it('{"clusters": null} is set aside with a warning, not "Cannot read properties of null"', async () => {
    await put(stateDir(), 'progress.json', '{"version": 1, "clusters": null}');
    const run = await runCli(['status'], { home });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('Cannot read properties');
    expect(run.stderr).toMatch(/progress file was unreadable .*progress\.json\.corrupt-/);
  });

  it('one damaged lesson record does not drop the others: they are kept, the original is set aside and named', async () => {
    const good = {
      startedAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:01:00.000Z',
      current: 'resolve',
      steps: { deploy: { status: 'passed', at: '2026-01-01T00:01:00.000Z' } },
    };
    await put(
      stateDir(),
      'progress.json',
      JSON.stringify({ version: 1, clusters: { kindlab: { lessons: { '03-service-clusterip': good, '04-dns-namespaces': 'garbage' } } } }),
    );
    const run = await runCli(['status'], { home });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/03-service-clusterip\s+in progress \(1\/3, → resolve\)/);
    expect(run.stderr).toMatch(/04-dns-namespaces.*progress\.json\.corrupt-/s);
    expect((await progressFile()).clusters.kindlab.lessons['03-service-clusterip']).toEqual(good);
    expect((await runCli(['status'], { home })).stderr).toBe('');
  });

  it('a saved profile kindlab does not know is set aside with a warning, not blamed on a --profile flag', async () => {
    await put(configDir(), 'settings.json', '{"profile": "flannel", "lang": "en"}');
    const run = await runCli(['start', '03', '--dry-run'], { home });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('--profile takes');
    expect(run.stderr).toMatch(/settings file .*profile.*"flannel".*settings\.json\.corrupt-/);
    expect(JSON.parse(await readFile(path.join(configDir(), 'settings.json'), 'utf8'))).toEqual({ lang: 'en' });
  });

  it('a saved cluster name that is not a name is dropped, not shown as [object Object]', async () => {
    await put(configDir(), 'settings.json', '{"cluster": {"a": 1}}');
    const run = await runCli(['status', '--json'], { home });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).cluster).toBe('kindlab');
    expect(run.stderr).toMatch(/settings file .*cluster/);
  });

  describe('a read-only state folder (judged by the kernel: run as an unprivileged user)', () => {
    const progress = JSON.stringify({
      version: 1,
      clusters: {
        kindlab: {
          lessons: {
            '03-service-clusterip': {
              startedAt: '2026-01-01T00:00:00.000Z',
              updatedAt: '2026-01-01T00:01:00.000Z',
              current: 'resolve',
              steps: { deploy: { status: 'passed', at: '2026-01-01T00:01:00.000Z' } },
            },
          },
        },
      },
    });
    beforeEach(async () => {
      await put(stateDir(), 'progress.json', progress);
      await put(configDir(), 'settings.json', '{"lang": "en"}');
      await readOnly(home);
    });
    afterEach(() => writable(home));

    it('list, status and lang work and say nothing about renames', async () => {
      for (const argv of [['list'], ['status'], ['lang']]) {
        const run = await unprivileged(() => runCli(argv, { home }));
        expect(run.code, argv.join(' ')).toBe(0);
        expect(run.stderr, argv.join(' ')).toBe('');
      }
    });

    it('a damaged progress file there is named and left as it was', async () => {
      await writable(home);
      await put(stateDir(), 'progress.json', '{"version": 1, "clus');
      await readOnly(home);
      const run = await unprivileged(() => runCli(['status'], { home }));
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/progress\.json/);
      expect(run.stderr).not.toMatch(/EACCES|EROFS|rename/);
      expect(await readFile(path.join(stateDir(), 'progress.json'), 'utf8')).toBe('{"version": 1, "clus');
    });

    it('a lesson still runs; not saving progress is a warning, and the saved progress is untouched', async () => {
      const run = await unprivileged(() => runCli(['start', '03', '--yes'], { home, cluster }));
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Your task: Change service web to type NodePort');
      expect(run.stderr).toMatch(/could not save progress .*progress\.json/);
      expect(await readFile(path.join(stateDir(), 'progress.json'), 'utf8')).toBe(progress);
    });

    it('lang ja says the language could not be saved, exit 3, no stack trace', async () => {
      const run = await unprivileged(() => runCli(['lang', 'ja'], { home }));
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/could not save .*settings\.json/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  });
});

/** A copy of the fixture labs the test may change; removed by cleanup like the home. */
async function labsCopy(): Promise<string> {
  const dir = path.join(home, 'labs');
  await cp('test/fixtures/labs', dir, { recursive: true });
  return dir;
}

async function addLesson(labs: string, id: string, edit: (yaml: string) => string = (y) => y): Promise<string> {
  const dir = path.join(labs, id);
  await cp(path.join(labs, '03-service-clusterip'), dir, { recursive: true });
  const file = path.join(dir, 'lesson.yaml');
  await writeFile(file, edit((await readFile(file, 'utf8')).replace('id: 03-service-clusterip', `id: ${id}`)));
  return file;
}

describe('two lessons with one number (issue 11.10)', () => {
  it('start 03 refuses and names both folders, exit 2', async () => {
    const labs = await labsCopy();
    await addLesson(labs, '03-other');
    const run = await runCli(['start', '03', '--yes'], { home, cluster, env: { KINDLAB_LABS: labs } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('03-service-clusterip');
    expect(run.stderr).toContain('03-other');
    expect(cluster.calls).toEqual([]);
  });

  it('validate and list name both folders, exit 2', async () => {
    const labs = await labsCopy();
    await addLesson(labs, '03-other');
    const validate = await runCli(['validate', labs], { home });
    expect(validate.code).toBe(2);
    expect(validate.stdout).toMatch(/03-other.*03-service-clusterip|03-service-clusterip.*03-other/);
    const list = await runCli(['list'], { home, env: { KINDLAB_LABS: labs } });
    expect(list.code).toBe(2);
    expect(list.stderr).toMatch(/03-other.*03-service-clusterip|03-service-clusterip.*03-other/);
  });
});

describe('lesson folders that break (issue 11.15)', () => {
  const bomb = [
    'x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
    ...Array.from({ length: 8 }, (_, i) => `x${i + 1}: &a${i + 1} [*a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}]`),
  ].join('\n');

  it('a YAML alias bomb in one lesson is named, and list still shows the others', async () => {
    const labs = await labsCopy();
    const file = await addLesson(labs, '04-bomb', (y) => `${y}\n${bomb}\n`);
    const run = await runCli(['list'], { home, env: { KINDLAB_LABS: labs } });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('03  Services (ClusterIP)');
    expect(run.stderr).toContain(path.relative(process.cwd(), file));
    const validate = await runCli(['validate', path.dirname(file)], { home });
    expect(validate.code).toBe(2);
    expect(validate.stdout).toMatch(/lesson\.yaml:\d+:\d+: .*alias/i);
  });

  it('list --labs with a folder that does not exist is bad input, exit 2, with the folder named', async () => {
    const run = await runCli(['list', '--labs', '/nonexistent-kindlab-labs'], { home });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('/nonexistent-kindlab-labs');
  });
});

describe('lesson manifests are checked against the Kubernetes API schemas (issue 11.8)', () => {
  async function typoLesson(): Promise<{ labs: string; manifest: string }> {
    const labs = await labsCopy();
    const manifest = path.join(labs, '03-service-clusterip', 'manifests', 'web.yaml');
    const text = (await readFile(manifest, 'utf8')).replace('      containers:', '      contianers:').replace('kind: Service', 'kind: Servise');
    await writeFile(manifest, text);
    const solution = path.join(labs, '03-service-clusterip', 'manifests', 'solution-nodeport.yaml');
    await writeFile(solution, (await readFile(solution, 'utf8')).replace(/kind: Service/, 'kind: Pdo'));
    return { labs, manifest: path.relative(process.cwd(), manifest) };
  }

  it('validate reports contianers:, kind: Servise and kind: Pdo with file:line:column, exit 2', async () => {
    const { labs, manifest } = await typoLesson();
    const run = await runCli(['validate', path.join(labs, '03-service-clusterip')], { home });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(
      `${manifest}:10:7: Deployment/web .spec.template.spec.contianers: expected a field the Kubernetes API knows (did you mean "containers"?)`,
    );
    expect(run.stdout).toContain(`${manifest}:16:7: Servise/web .kind: expected a kind of apiVersion v1, found "Servise"`);
    expect(run.stdout).toContain(
      `${manifest}:9:5: Deployment/web .spec.template.spec.containers: expected the required field containers, found nothing (the field is missing)`,
    );
    expect(run.stdout).toMatch(/solution-nodeport\.yaml:\d+:\d+: Pdo\/web \.kind: expected a kind of apiVersion v1, found "Pdo"/);
    expect(run.stdout).not.toContain('lesson(s) valid');
  });

  it('imag: instead of image: is caught too', async () => {
    const labs = await labsCopy();
    const manifest = path.join(labs, '03-service-clusterip', 'manifests', 'web.yaml');
    await writeFile(manifest, (await readFile(manifest, 'utf8')).replace('          image:', '          imag:'));
    const run = await runCli(['validate', path.join(labs, '03-service-clusterip')], { home });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(
      /web\.yaml:12:11: Deployment\/web \.spec\.template\.spec\.containers\[0\]\.imag: expected a field the Kubernetes API knows \(did you mean "image"\?\)/,
    );
  });

  it('start refuses a lesson whose manifest is not a valid object, before touching the cluster', async () => {
    const { labs } = await typoLesson();
    const run = await runCli(['start', '03', '--yes'], { home, cluster, env: { KINDLAB_LABS: labs } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('contianers');
    expect(cluster.calls).toEqual([]);
  });
});

describe('a lesson may not own a system or shared namespace (issue 11.9)', () => {
  it.each(['kube-system', 'default', 'kube-flannel', 'local-path-storage', 'calico-system', 'tigera-operator'])(
    'namespace: %s is refused by validate (file:line:column) and by start before any cluster call',
    async (ns) => {
      const labs = await labsCopy();
      const file = path.join(labs, '03-service-clusterip', 'lesson.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace('namespace: lab-03', `namespace: ${ns}`));
      const validate = await runCli(['validate', path.dirname(file)], { home });
      expect(validate.code).toBe(2);
      expect(validate.stdout).toContain(`${path.relative(process.cwd(), file)}:8:12: namespace: expected a namespace of the lesson's own`);
      const start = await runCli(['start', '03', '--yes'], { home, cluster, env: { KINDLAB_LABS: labs } });
      expect(start.code).toBe(2);
      expect(cluster.calls).toEqual([]);
    },
  );

  it('extraNamespaces and Namespace objects in manifests are held to the same rule', async () => {
    const labs = await labsCopy();
    const file = path.join(labs, '03-service-clusterip', 'lesson.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('namespace: lab-03', 'namespace: lab-03\nextraNamespaces: [lab-03-b, kube-public]'));
    const manifest = path.join(labs, '03-service-clusterip', 'manifests', 'web.yaml');
    await writeFile(
      manifest,
      `${await readFile(manifest, 'utf8')}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: kube-node-lease\n  labels: { app.kubernetes.io/managed-by: kindlab, kindlab.dev/lesson: 03-service-clusterip }\n`,
    );
    const validate = await runCli(['validate', path.dirname(file)], { home });
    expect(validate.code).toBe(2);
    expect(validate.stdout).toMatch(/lesson\.yaml:9:29: extraNamespaces\[1\]: expected a namespace of the lesson's own .*found "kube-public"/);
    expect(validate.stdout).toMatch(
      /web\.yaml:25:\d+: Namespace\/kube-node-lease metadata\.name: expected a namespace of the lesson's own .*found "kube-node-lease"/,
    );
  });
});

describe('what the learner is told and counted (issue 11.15)', () => {
  it('q at "Press Enter" after step 1 says where it stopped and how to resume, not "Challenge open"', async () => {
    const prompts = { ...unattendedPrompts(), pressEnter: async () => 'quit' as const };
    const run = await runCli(['start', '03'], { home, cluster, prompts });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('Challenge open');
    expect(run.stdout).toContain('Stopped before step resolve. `kindlab start 03` resumes there.');
  });

  it('report counts the checks the learner asked for, not the retries inside one check', async () => {
    await runCli(['start', '03', '--yes'], { home, cluster });
    expect((await runCli(['check'], { home, cluster })).code).toBe(1);
    expect((await runCli(['check'], { home, cluster })).code).toBe(1);
    await runCli(['solve'], { home, cluster });
    const json = JSON.parse((await runCli(['report', '--format', 'json'], { home })).stdout);
    expect(json.lessons[0]).toMatchObject({ id: '03-service-clusterip', checkTries: 2 });
  }, 30_000);

  it('the menu without a cluster offers doctor and up instead of ending with exit 3', async () => {
    const asked: { message: string; choices: string[] }[] = [];
    const answers = ['03-service-clusterip', ''];
    const prompts = {
      ...unattendedPrompts(),
      select: async <T>(message: string, choices: { name: string; value: T }[]) => {
        asked.push({ message, choices: choices.map((c) => c.name) });
        return answers.shift() as T;
      },
    };
    const run = await runCli([], { home, prompts: prompts as never, tty: true, noCluster: true, env: { KUBECONFIG: path.join(home, 'no-kubeconfig') } });
    expect(asked[0]!.choices.join('\n')).toMatch(/kindlab doctor/);
    expect(asked[0]!.choices.join('\n')).toMatch(/kindlab up/);
    expect(asked).toHaveLength(2);
    expect(asked[1]!.choices.join('\n')).toMatch(/kindlab up/);
    expect(run.stderr + run.stdout).toContain('There is no lab cluster yet');
    expect(run.code).toBe(3);
  });
});

describe('suggested commands work where the learner is (issue 11.14)', () => {
  it('start without a cluster says to run up first, exit 3, in English and Japanese', async () => {
    const en = await runCli(['start', '03', '--yes'], { home, noCluster: true, env: { KUBECONFIG: path.join(home, 'no-kubeconfig') } });
    expect(en.code).toBe(3);
    expect(en.stderr).toContain('There is no lab cluster yet: run `kindlab up` first');
    expect(en.stderr).not.toContain('loaded-context');
    const ja = await runCli(['start', '03', '--yes', '--lang', 'ja'], { home, noCluster: true, env: { KUBECONFIG: path.join(home, 'no-kubeconfig') } });
    expect(ja.code).toBe(3);
    expect(ja.stderr).toContain('ラボのクラスタがまだありません。先に `kindlab up` を実行してください');
  });

  it('without kindlab on PATH, inside the repo the suggestions say npx kindlab', async () => {
    const run = await runCli(['start', '42'], { home, env: { PATH: '/usr/bin:/bin' } });
    expect(run.stderr).toContain('`npx kindlab list`');
    const help = await runCli(['--help'], { home, env: { PATH: '/usr/bin:/bin' } });
    expect(help.stdout).toContain('npx kindlab doctor → npx kindlab up → npx kindlab start 01');
  });
});

describe('the dry run reads as a plan (issue 11.17)', () => {
  const labs = path.resolve('labs');
  const stepBlock = (stdout: string, id: string) => {
    const from = stdout.indexOf(`[${id}]`);
    const to = stdout.indexOf('\n[', from + 1);
    return stdout.slice(from, to === -1 ? undefined : to);
  };

  it("each check's expectations stand right under its own command, and a repeated command is not printed twice", async () => {
    const run = await runCli(['start', '01', '--dry-run', '--profile', 'kindnet'], { home, env: { KINDLAB_LABS: labs } });
    expect(run.code).toBe(0);
    const block = stepBlock(run.stdout, 'node-to-pod');
    const lines = block.split('\n');
    const curl = lines.filter((l) => l.includes('$ docker exec') && l.includes('curl'));
    expect(curl).toHaveLength(1);
    const at = lines.indexOf(curl[0]!);
    expect(lines[at + 1]).toMatch(/expect exitCode: 0/);
    expect(lines[at + 2]).toMatch(/expect stdout\.matches: "\^\[0-9\.\]\+:\[0-9\]\+\$"/);
    // The second check runs the same command again: said so, then its own expectations.
    expect(lines[at + 3]).toMatch(/with host routing, the source is the node's own IP/);
    expect(lines[at + 4]).toMatch(/\(the same command again\)/);
    expect(lines[at + 5]).toMatch(/expect stdout\.matches: "\^\{\{clientNodeIP\|one\}\}/);
  });

  it('one legend line at the top explains {{placeholders}}, in English and Japanese', async () => {
    const en = await runCli(['start', '01', '--dry-run', '--profile', 'kindnet'], { home, env: { KINDLAB_LABS: labs } });
    expect(en.stdout.split('\n').slice(0, 3).join('\n')).toContain('{{name}} stands for a value kindlab reads from the cluster during the lesson');
    const ja = await runCli(['start', '01', '--dry-run', '--profile', 'kindnet', '--lang', 'ja'], { home, env: { KINDLAB_LABS: labs } });
    expect(ja.stdout.split('\n').slice(0, 3).join('\n')).toContain('{{名前}} はレッスンの途中でクラスタから読み取る値です');
  });
});
