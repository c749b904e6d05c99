import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../cluster/port.js';
import { loadLesson } from './load.js';
import { manifestNamespace, manifestRuleIssues } from './manifest-rules.js';

const lesson = { id: '10-networkpolicy', namespace: 'lab-10', extraNamespaces: ['lab-10-other'] };
const labels = `    app.kubernetes.io/managed-by: kindlab
    kindlab.dev/lesson: 10-networkpolicy`;
const pod = (name: string, namespace?: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}  labels:
${labels}
spec: { containers: [{ name: c, image: busybox }] }
`;

describe('manifest rules', () => {
  it('a file whose objects all name their namespace, or none do, passes', () => {
    expect(manifestRuleIssues([pod('a', 'lab-10'), pod('b', 'lab-10-other')].join('---\n'), lesson)).toEqual([]);
    expect(manifestRuleIssues([pod('a'), pod('b')].join('---\n'), lesson)).toEqual([]);
  });

  it('a file mixing objects with and without a namespace is an error at the first object without one', () => {
    const issues = manifestRuleIssues([pod('frontend'), pod('monitor', 'lab-10-other')].join('---\n'), lesson);
    expect(issues).toEqual([
      expect.objectContaining({
        line: 4,
        column: 3,
        field: 'Pod/frontend metadata.namespace',
        found: 'no namespace on Pod/frontend',
        expected: expect.stringContaining('as Pod/monitor name theirs (kubectl applies a file with one -n; add "namespace: lab-10"'),
      }),
    ]);
  });

  it('a cluster-scoped object fits a file whose objects name their namespace', () => {
    const ingressClass = `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: lab
  labels:
${labels}
`;
    expect(manifestRuleIssues([ingressClass, pod('a', 'lab-10')].join('---\n'), lesson)).toEqual([]);
  });

  it("every kind the resource table holds as cluster-scoped fits such a file (Calico's IPPool, GlobalNetworkPolicy, APIService)", () => {
    for (const [apiVersion, kind] of <[string, string][]>[
      ['crd.projectcalico.org/v1', 'IPPool'],
      ['crd.projectcalico.org/v1', 'GlobalNetworkPolicy'],
      ['apiregistration.k8s.io/v1', 'APIService'],
    ]) {
      const obj = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: lab\n  labels:\n${labels}\n`;
      expect(manifestRuleIssues([obj, pod('a', 'lab-10')].join('---\n'), lesson), kind).toEqual([]);
      expect(manifestNamespace([{ apiVersion, kind, metadata: { name: 'lab' } }], 'lab-10'), kind).toBe('lab-10');
    }
  });

  it('a namespace that is not one of the lesson’s is an error at that namespace', () => {
    const issues = manifestRuleIssues(pod('a', 'kube-system'), lesson);
    expect(issues).toEqual([expect.objectContaining({ line: 5, column: 14, field: 'Pod/a metadata.namespace', found: '"kube-system"' })]);
    expect(issues[0]!.expected).toContain('lab-10, lab-10-other');
  });

  it('an object without kindlab’s labels, or with another lesson’s, is an error naming the script that adds them', () => {
    const bare = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec: {}\n';
    expect(manifestRuleIssues(bare, lesson)).toEqual([
      expect.objectContaining({
        line: 4,
        column: 3,
        field: 'Service/web metadata.labels',
        found: 'no label app.kubernetes.io/managed-by, no label kindlab.dev/lesson',
        expected: expect.stringContaining('node scripts/label-manifests.mjs'),
      }),
    ]);
    const other = pod('a').replace('kindlab.dev/lesson: 10-networkpolicy', 'kindlab.dev/lesson: 04-dns-namespaces');
    expect(manifestRuleIssues(other, lesson)).toEqual([expect.objectContaining({ line: 6, found: 'kindlab.dev/lesson: 04-dns-namespaces' })]);
  });

  it('the -n of a file: the lesson’s namespace unless its objects name their own', () => {
    const o = (namespace?: string, kind = 'Pod'): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name: 'x', ...(namespace ? { namespace } : {}) } });
    expect(manifestNamespace([o(), o()], 'lab-10')).toBe('lab-10');
    expect(manifestNamespace([o('lab-10-other')], 'lab-10')).toBeUndefined();
    expect(manifestNamespace([o(undefined, 'Namespace'), o('lab-10')], 'lab-10')).toBeUndefined();
  });
});

describe('loading a lesson whose manifest mixes namespaces', () => {
  const dirs: string[] = [];
  afterEach(async () => Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true }))));

  it('is an error at the manifest file’s own line and column', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'kindlab-rules-'));
    dirs.push(root);
    const dir = path.join(root, '10-networkpolicy');
    await mkdir(path.join(dir, 'manifests'), { recursive: true });
    await writeFile(
      path.join(dir, 'lesson.yaml'),
      `id: 10-networkpolicy
title: { ja: ポリシー, en: Policy }
summary: { ja: 概要, en: Summary }
source: ["000_ff716ba57dc3f9ee.txt slide 27"]
profiles: [all]
durationMinutes: 20
namespace: lab-10
extraNamespaces: [lab-10-other]
steps:
  - id: deploy
    title: { ja: 配置, en: Deploy }
    say: { ja: 説明, en: Explain }
    apply: [manifests/clients.yaml]
`,
    );
    await writeFile(path.join(dir, 'manifests/clients.yaml'), `# two clients\n${pod('frontend')}---\n${pod('monitor', 'lab-10-other')}`);
    const result = await loadLesson(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const file = path.relative(process.cwd(), path.join(dir, 'manifests/clients.yaml'));
    expect(result.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:3: Pod/frontend metadata.namespace: expected a namespace on every object`),
      ),
    ]);
  });
});
