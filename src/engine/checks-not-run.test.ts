// A check whose command the cluster refuses with a learner's message (a TextError, e.g. a Pod whose
// iptables reads the other backend) reports that message as "not run", in the learner's language.
import { expect, it } from 'vitest';
import { FakeCluster } from '../../test/fakes/fake-cluster.js';
import { runCheck } from './checks.js';
import { TextError } from '../core/task.js';

it('a refusal said in both languages is the check\'s "not run" reason, in both languages', async () => {
  const cluster = new FakeCluster('kindnet');
  cluster.exec = async () => {
    throw new TextError({ en: "kube-proxy's rules are in the legacy tables", ja: 'kube-proxy のルールは legacy のテーブルにあります' });
  };
  const r = await runCheck(
    {
      title: { en: 'rule', ja: 'ルール' },
      run: { pod: 'node-netshoot', argv: ['iptables', '-t', 'nat', '-L', 'KUBE-SERVICES', '-n'] },
      expect: [{ 'iptables.chain': 'KUBE-SERVICES' }],
    } as never,
    { cluster, namespace: 'lab-05', bindings: new Map() },
    'kindnet',
  );
  expect(r.pass).toBe(false);
  expect(r.notRun).toEqual({
    en: "could not run: kube-proxy's rules are in the legacy tables",
    ja: '実行できませんでした: kube-proxy のルールは legacy のテーブルにあります',
  });
});
