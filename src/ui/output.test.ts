import { describe, expect, it } from 'vitest';
import { Output, type OutputMode, type View } from './output.js';

const silent = { write() {} };

describe('texts shown to the learner', () => {
  it('Japanese folded from YAML loses the joining space after 。 and 、, but keeps spaces around Latin words', () => {
    const out = new Output('plain', 'ja', silent, silent);
    expect(out.t({ ja: 'Pod IP を追いかけます。 nslookup、 curl で確かめます', en: 'x' })).toBe('Pod IP を追いかけます。nslookup、curl で確かめます');
  });
  it('English is shown as written', () => {
    const out = new Output('plain', 'en', silent, silent);
    expect(out.t({ ja: 'x', en: 'Resolve it.  Then curl, twice.' })).toBe('Resolve it.  Then curl, twice.');
  });
});

describe('one renderer per output mode, chosen when the output is made', () => {
  const sink = () => {
    const sink = { text: '', write: (t: string) => void (sink.text += t) };
    return sink;
  };
  const view: View<{ count: number }> = {
    json: ({ count }) => ({ count }),
    text: ({ count }, out) => out.line(out.style('green', `${count} lesson(s)`)),
  };
  const run = (mode: OutputMode) => {
    const [stdout, stderr] = [sink(), sink()];
    const out = new Output(mode, 'en', stdout, stderr);
    out.line('for a person');
    out.event('step', { id: 's1' });
    out.show(view, { count: 2 });
    return { stdout: stdout.text, out };
  };

  it('--json: events one per line and the result as one JSON document; no lines for a person', () => {
    const { stdout, out } = run('json');
    expect(stdout).toBe(`{"type":"step","id":"s1"}\n${JSON.stringify({ count: 2 }, null, 2)}\n`);
    expect(out.ascii).toBe(true);
  });

  it('plain: the result as lines without colours; no events; ASCII pictures at no terminal width', () => {
    const { stdout, out } = run('plain');
    expect(stdout).toBe('for a person\n2 lesson(s)\n');
    expect([out.ascii, out.columns]).toEqual([true, undefined]);
  });

  it('tty: the same lines as plain (colour aside), box-drawing pictures', () => {
    const { stdout, out } = run('tty');
    expect(stdout.replace(/\x1b\[[0-9;]*m/g, '')).toBe('for a person\n2 lesson(s)\n');
    expect(out.ascii).toBe(false);
  });

  it('tasks: events with --json, lines in plain', async () => {
    const task = { title: { ja: 'イメージを取得', en: 'Pull images' }, shown: ['docker', 'pull', 'x'], run: async () => '' };
    const [json, plain] = [sink(), sink()];
    await new Output('json', 'en', json, json).runTasks([task], new AbortController().signal);
    await new Output('plain', 'en', plain, plain).runTasks([task], new AbortController().signal);
    expect(JSON.parse(json.text)).toMatchObject({ type: 'task', title: 'Pull images', command: 'docker pull x', status: 'done' });
    expect(plain.text).toBe('▶ Pull images\n  $ docker pull x\n');
  });

  it('no file of src/cli or src/ui asks which output mode it is in (the renderer was chosen once)', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const path = await import('node:path');
    const found: string[] = [];
    for (const folder of ['src/cli', 'src/ui']) {
      for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
        const file = path.join(entry.parentPath, entry.name);
        (await readFile(file, 'utf8')).split('\n').forEach((line, i) => /\bmode [!=]== '(json|tty|plain)'/.test(line) && found.push(`${file}:${i + 1}`));
      }
    }
    expect(found).toEqual([]);
  });
});
