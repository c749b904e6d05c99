// wrongFixes in the lesson format: the shortcuts a learner might try for a challenge, each with
// its actions; validate checks them like every other part of a lesson.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLesson } from './load.js';

const dirs: string[] = [];
afterEach(async () => Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true }))));

async function lessonFolder(yamlText: string, files: Record<string, string>) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'kindlab-wrongfix-'));
  dirs.push(root);
  const dir = path.join(root, '03-service-clusterip');
  await mkdir(path.join(dir, 'manifests'), { recursive: true });
  await writeFile(path.join(dir, 'lesson.yaml'), yamlText);
  for (const [file, content] of Object.entries(files)) await writeFile(path.join(dir, file), content);
  return dir;
}

const labels = '{ app.kubernetes.io/managed-by: kindlab, kindlab.dev/lesson: 03-service-clusterip }';
const service = (type: string) => `apiVersion: v1
kind: Service
metadata: { name: web, labels: ${labels} }
spec: { type: ${type}, ports: [{ port: 80 }] }
`;
const manifests = { 'manifests/web.yaml': service('ClusterIP'), 'manifests/solution.yaml': service('NodePort'), 'manifests/lb.yaml': service('LoadBalancer') };

const challenge = (wrongFixes: string, kind = 'challenge') => `id: 03-service-clusterip
title: { ja: サービス, en: Services }
summary: { ja: 概要, en: Summary }
source: ["000_ff716ba57dc3f9ee.txt slide 4"]
profiles: [all]
durationMinutes: 20
namespace: lab-03
steps:
  - id: nodeport
    kind: ${kind}
    title: { ja: 課題, en: Challenge }
    say: { ja: 説明, en: Explain }
    apply: [manifests/web.yaml]
${
  kind === 'challenge'
    ? `    task: { ja: NodePort に, en: Make it a NodePort }
    hint: { ja: spec.type, en: spec.type }
    solve: { apply: [manifests/solution.yaml] }
    checks:
      - read: { from: service/web, path: .spec.type }
        expect: [{ equals: NodePort }]
`
    : ''
}${wrongFixes}`;

describe('wrongFixes in a lesson', () => {
  it('loads a challenge with wrong fixes: id, why in both languages, and actions', async () => {
    const dir = await lessonFolder(
      challenge(`    wrongFixes:
      - id: load-balancer
        why: { ja: LoadBalancer でも外から届くが NodePort の理解にならない, en: A LoadBalancer reaches it too but skips what a NodePort is }
        apply: [manifests/lb.yaml]
      - id: no-service
        why: { ja: Service を消しても解決しない, en: Deleting the Service solves nothing }
        delete: [manifests/web.yaml]
        scale: { deployment/web: 0 }
`),
      manifests,
    );
    const result = await loadLesson(dir);
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([]);
    if (!result.ok) return;
    const step = result.lesson.steps[0]!;
    expect(step.wrongFixes?.map((w) => w.id)).toEqual(['load-balancer', 'no-service']);
    expect(step.wrongFixes?.[0]?.why.en).toContain('LoadBalancer');
    // The wrong fix's manifest is parsed at load time like any other.
    expect(result.lesson.manifests.get('manifests/lb.yaml')?.[0]?.spec).toMatchObject({ type: 'LoadBalancer' });
  });

  it("a wrong fix's missing manifest is an error with file:line:column", async () => {
    const dir = await lessonFolder(
      challenge(`    wrongFixes:
      - id: missing
        why: { ja: 理由, en: Why }
        apply: [manifests/nope.yaml]
`),
      manifests,
    );
    const result = await loadLesson(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /lesson\.yaml:23:17: steps\[0\]\.wrongFixes\[0\]\.apply\[0\]: expected an existing manifest file, found no file manifests\/nope\.yaml/,
      ),
    ]);
  });

  it('a wrong fix without English is rejected', async () => {
    const dir = await lessonFolder(
      challenge(`    wrongFixes:
      - id: lb
        why: { ja: 理由 }
        apply: [manifests/lb.yaml]
`),
      manifests,
    );
    const result = await loadLesson(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.message).join('\n')).toMatch(/steps\[0\]\.wrongFixes\[0\]\.why\.en: expected string/);
  });

  it('two wrong fixes with the same id are rejected, naming the second', async () => {
    const dir = await lessonFolder(
      challenge(`    wrongFixes:
      - id: lb
        why: { ja: 理由, en: Why }
        apply: [manifests/lb.yaml]
      - id: lb
        why: { ja: 理由, en: Why }
        delete: [manifests/web.yaml]
`),
      manifests,
    );
    const result = await loadLesson(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.message).join('\n')).toMatch(
      /lesson\.yaml:24:13: steps\[0\]\.wrongFixes\[1\]\.id: expected a wrong-fix id unique in the step/,
    );
  });

  it('a wrong fix with no action is rejected: it would test nothing', async () => {
    const dir = await lessonFolder(
      challenge(`    wrongFixes:
      - id: nothing
        why: { ja: 理由, en: Why }
`),
      manifests,
    );
    const result = await loadLesson(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.message).join('\n')).toMatch(/steps\[0\]\.wrongFixes\[0\]: expected at least one action/);
  });

  it('wrongFixes on a guided step are rejected', async () => {
    const dir = await lessonFolder(
      challenge(
        `    wrongFixes:
      - id: lb
        why: { ja: 理由, en: Why }
        apply: [manifests/lb.yaml]
`,
        'guided',
      ),
      manifests,
    );
    const result = await loadLesson(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.message).join('\n')).toMatch(/steps\[0\]\.wrongFixes: expected only challenge steps have wrongFixes/);
  });
});
