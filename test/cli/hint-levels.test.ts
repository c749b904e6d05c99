// kindlab hint in layers: the author's hint, then one built from the check that fails now, then the
// offer to solve (asking first); the report keeps the level reached per step, in ja and en.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeCluster } from '../fakes/fake-cluster.js';
import { unattendedPrompts, type Prompts } from '../../src/ui/prompts.js';
import { runCli, tempHome } from './run-cli.js';

let home: string;
let cleanup: () => Promise<void>;
let cluster: FakeCluster;

/** The fixture lesson's Service as the learner left it: still ClusterIP, so the challenge's check fails. */
const webService = () => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'lab-03', labels: { 'kindlab.dev/lesson': '03-service-clusterip' } },
  spec: { type: 'ClusterIP', clusterIP: '10.96.41.7', ports: [{ port: 80 }] },
});

beforeEach(async () => {
  ({ home, cleanup } = await tempHome());
  cluster = new FakeCluster('calico-vxlan');
  cluster.objects.push(webService() as any);
  // as the API server does: an applied Service keeps a ClusterIP
  cluster.onApply = () => {
    for (const o of cluster.objects) if (o.kind === 'Service') (o as any).spec.clusterIP ??= '10.96.41.7';
  };
});
afterEach(() => cleanup());

const answering = (yes: boolean, asked: string[]): Prompts => ({ ...unattendedPrompts(), confirm: async (message) => (asked.push(message), yes) });

describe('kindlab hint in three levels', () => {
  it("first the author's hint, then the failing check (expected vs observed, what to look at, the command), then the offer to solve", async () => {
    const first = await runCli(['hint', '03', 'nodeport'], { home, cluster });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Hint 1/3');
    expect(first.stdout).toContain('Hint: Change spec.type');
    expect(cluster.ops()).not.toContain('read'); // the author's hint needs no cluster

    const second = await runCli(['hint', '03', 'nodeport'], { home, cluster });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('Hint 2/3');
    expect(second.stdout).toContain('The check that fails now: "check 1"');
    expect(second.stdout).toContain('equals: expected NodePort, observed ClusterIP');
    expect(second.stdout).toContain('Look at: object service/web, field .spec.type');
    expect(second.stdout).toContain("Run: kubectl --context kind-kindlab get -n lab-03 service/web -o 'jsonpath={.spec.type}'");
    expect(second.stdout).not.toContain('Change spec.type');

    const asked: string[] = [];
    const declined = await runCli(['hint', '03', 'nodeport'], { home, cluster, prompts: answering(false, asked) });
    expect(declined.code, declined.stderr).toBe(0);
    expect(declined.stdout).toContain('Hint 3/3');
    expect(asked).toEqual(['Apply the reference solution? (the same as kindlab solve)']);
    expect(declined.stdout).toContain('kindlab solve 03 nodeport');
    expect(cluster.ops()).not.toContain('apply'); // asked first, and the answer was no

    const accepted = await runCli(['hint', '03', 'nodeport'], { home, cluster, prompts: answering(true, []) });
    expect(accepted.code, accepted.stdout + accepted.stderr).toBe(0);
    const applied = cluster.calls.filter((c) => c.op === 'apply').map((c) => (c.detail as any).objects[0].spec.type);
    expect(applied).toEqual(['NodePort']);

    // The record keeps the furthest level per step, not how often the learner asked.
    const report = JSON.parse((await runCli(['report', '--format', 'json'], { home })).stdout);
    const lesson = report.lessons.find((l: any) => l.id === '03-service-clusterip');
    expect(lesson.stepRecords.find((s: any) => s.id === 'nodeport')).toMatchObject({ id: 'nodeport', status: 'solved', hintLevel: 3 });
  });

  it('level 2 says when every check already passes, and points to kindlab check', async () => {
    (cluster.objects[0] as any).spec.type = 'NodePort';
    await runCli(['hint', '03', 'nodeport'], { home, cluster });
    const second = await runCli(['hint', '03', 'nodeport'], { home, cluster });
    expect(second.stdout).toContain('Every check passes now: run `kindlab check` to record it.');
  });

  it("level 2 without a cluster says so and shows the author's hint again", async () => {
    await runCli(['hint', '03', 'nodeport'], { home, cluster });
    const second = await runCli(['hint', '03', 'nodeport'], { home, noCluster: true });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Could not look at the failing check: the cluster did not answer');
    expect(second.stdout).toContain('Hint: Change spec.type');
  });

  it('in Japanese', async () => {
    await runCli(['hint', '03', 'nodeport', '--lang', 'ja'], { home, cluster });
    const second = await runCli(['hint', '03', 'nodeport', '--lang', 'ja'], { home, cluster });
    expect(second.stdout).toContain('ヒント 2/3');
    expect(second.stdout).toContain('いま通っていない確認: 「確認 1」');
    expect(second.stdout).toContain('見るもの: オブジェクト service/web の .spec.type');
    const asked: string[] = [];
    const third = await runCli(['hint', '03', 'nodeport', '--lang', 'ja'], { home, cluster, prompts: answering(false, asked) });
    expect(third.stdout).toContain('ヒント 3/3');
    expect(asked).toEqual(['模範解答を適用しますか? (kindlab solve と同じです)']);
    expect(third.stdout).toContain('解答はいつでも `kindlab solve 03 nodeport` で適用できます。');
  });
});

describe("the learner's Markdown report", () => {
  it('names the hint level reached per step, in ja and en', async () => {
    await runCli(['hint', '03', 'nodeport'], { home, cluster });
    await runCli(['hint', '03', 'nodeport'], { home, cluster });
    const en = await runCli(['report'], { home });
    expect(en.stdout).toContain('Hints used, furthest level per step (1 the hint, 2 the failing check, 3 the offer to solve):');
    expect(en.stdout).toContain('- 03-service-clusterip nodeport: 2/3');
    const ja = await runCli(['report', '--lang', 'ja'], { home });
    expect(ja.stdout).toContain('使ったヒントの段階 (ステップごとの最高。1 作者のヒント、2 通っていない確認、3 解答の提案):');
    expect(ja.stdout).toContain('- 03-service-clusterip nodeport: 2/3');
  });
});
