import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findLesson, loadLesson } from './load.js';

const dirs: string[] = [];
afterEach(async () => Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true }))));

async function lessonFolder(yamlText: string, files: Record<string, string> = {}, name = '03-service-clusterip') {
  const root = await mkdtemp(path.join(os.tmpdir(), 'kindlab-load-'));
  dirs.push(root);
  const dir = path.join(root, name);
  await mkdir(path.join(dir, 'manifests'), { recursive: true });
  await writeFile(path.join(dir, 'lesson.yaml'), yamlText);
  for (const [file, content] of Object.entries(files)) await writeFile(path.join(dir, file), content);
  return dir;
}

const header = `id: 03-service-clusterip
title: { ja: サービス, en: Services }
summary: { ja: 概要, en: Summary }
source: ["000_ff716ba57dc3f9ee.txt slide 4"]
profiles: [all]
durationMinutes: 20
namespace: lab-03
`;
const service = `apiVersion: v1
kind: Service
metadata: { name: web, labels: { app.kubernetes.io/managed-by: kindlab, kindlab.dev/lesson: 03-service-clusterip } }
spec: { ports: [{ port: 80 }] }
`;

describe('loading a lesson', () => {
  it('loads a valid lesson with its manifests parsed', async () => {
    const dir = await lessonFolder(
      `${header}steps:
  - id: deploy
    title: { ja: 配置, en: Deploy }
    say: { ja: 説明, en: Explain }
    apply: [manifests/web.yaml]
    capture: { clusterIP: { from: service/web, path: .spec.clusterIP } }
    checks:
      - run: { pod: netshoot, argv: [nslookup, web] }
        expect:
          - stdout.contains: "{{clusterIP}}"
`,
      { 'manifests/web.yaml': service },
    );
    const result = await loadLesson(dir);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.lesson.number).toBe('03');
    expect(result.lesson.slug).toBe('service-clusterip');
    expect(result.lesson.manifests.get('manifests/web.yaml')?.[0]?.kind).toBe('Service');
    expect(result.lesson.steps[0]?.kind).toBe('guided');
  });

  it('a misspelled field is an error naming the line, column and field', async () => {
    const dir = await lessonFolder(`${header}steps:
  - id: deploy
    title: { ja: 配置, en: Deploy }
    say: { ja: 説明, en: Explain }
    aply: [manifests/web.yaml]
`);
    const result = await loadLesson(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(String)).toEqual([
      expect.stringMatching(/lesson\.yaml:12:5: steps\[0\]\.aply: expected a known field \(did you mean "apply"\?\), found unknown field "aply"/),
    ]);
  });

  it('a missing manifest file is an error at load time', async () => {
    const dir = await lessonFolder(`${header}steps:
  - id: deploy
    title: { ja: 配置, en: Deploy }
    say: { ja: 説明, en: Explain }
    apply: [manifests/nope.yaml]
`);
    const result = await loadLesson(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(String(result.errors[0])).toMatch(/:12:13: steps\[0\]\.apply\[0\]: expected an existing manifest file, found no file manifests\/nope\.yaml/);
  });

  it('a template naming a capture that no step defines is an error at load time', async () => {
    const dir = await lessonFolder(`${header}steps:
  - id: resolve
    title: { ja: 名前解決, en: Resolve }
    say: { ja: 説明, en: Explain }
    checks:
      - run: { pod: netshoot, argv: [nslookup, web] }
        expect:
          - stdout.contains: "{{clusterIp}}"
`);
    const result = await loadLesson(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(String(result.errors[0])).toMatch(
      /:15:30: steps\[0\]\.checks\[0\]\.expect\[0\]\.stdout\.contains: expected a capture defined .* found \{\{clusterIp\}\}/,
    );
  });

  it('a template with an unknown filter is an error, not text passed on to the command', async () => {
    const dir = await lessonFolder(`${header}steps:
  - id: resolve
    title: { ja: 名前解決, en: Resolve }
    say: { ja: 説明, en: Explain }
    checks:
      - run: { pod: netshoot, argv: [nslookup, "{{namespace|upper}}"] }
`);
    const result = await loadLesson(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(String(result.errors[0])).toMatch(
      /argv\[1\]: expected \{\{name\}\}, optionally with filters: \{\{name\|one\}\}, \{\{name\|dashes\}\}, found \{\{namespace\|upper\}\}/,
    );
  });

  it('a wrong value type names what was expected and what was found', async () => {
    const dir = await lessonFolder(
      header.replace('durationMinutes: 20', 'durationMinutes: twenty') +
        `steps:
  - id: a
    title: { ja: あ, en: A }
    say: { ja: あ, en: A }
`,
    );
    const result = await loadLesson(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(String(result.errors[0])).toMatch(/:6:18: durationMinutes: expected number, found "twenty"/);
  });

  it('a challenge without a reference solution is rejected', async () => {
    const dir = await lessonFolder(`${header}steps:
  - id: fix
    kind: challenge
    title: { ja: 課題, en: Challenge }
    say: { ja: 説明, en: Explain }
    task: { ja: 作って, en: Make it }
    hint: { ja: ヒント, en: Hint }
    checks: [{ read: { from: service/web, path: .spec.type }, expect: [{ equals: NodePort }] }]
`);
    const result = await loadLesson(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(String).join('\n')).toMatch(/steps\[0\]\.solve: expected a challenge step needs solve, found nothing/);
  });

  it('an expectation item with two kinds is rejected', async () => {
    const dir = await lessonFolder(`${header}steps:
  - id: a
    title: { ja: あ, en: A }
    say: { ja: あ, en: A }
    checks:
      - run: { pod: netshoot, argv: [hostname] }
        expect: [{ exitCode: 0, stdout.contains: x }]
`);
    const result = await loadLesson(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(String(result.errors[0])).toMatch(/expect\[0\]: expected exactly one expectation kind per item, found exitCode and stdout.contains/);
  });
});

describe('naming a lesson', () => {
  const lessons = [{ id: '03-service-clusterip', number: '03', slug: 'service-clusterip' }];
  it.each(['3', '03', 'service-clusterip', '03-service-clusterip'])('"%s" finds lesson 03', (name) => {
    expect(findLesson(lessons, name)?.id).toBe('03-service-clusterip');
  });
  it('an unknown name finds nothing', () => expect(findLesson(lessons, '04')).toBeUndefined());
});
