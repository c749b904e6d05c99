// Step (create, recreate): put the user's kubectl current-context back right after `kind create`.
// kind create sets the kubeconfig's current-context to the new cluster (kind v0.30.0
// pkg/cluster/internal/kubeconfig/internal/kubeconfig/merge.go); kindlab keeps the user's, read
// before anything is created or deleted, and says afterwards how to reach the lab (labAccess).
import type { Text } from '../../../core/text.js';
import { contextForCluster } from '../../context-name.js';
import type { LabArgv, RunCommand } from '../lifecycle-options.js';
import { commandOutcome, SetupProblem } from '../problem.js';
import type { UpStep } from './step.js';

/** The kubeconfig's current-context (null when none is set), read with kubectl itself. */
export async function readCurrentContext(run: RunCommand, argv: LabArgv, timeoutMs: number, signal?: AbortSignal): Promise<{ before: string | null }> {
  const got = await run(argv.kubectlConfig('current-context'), timeoutMs, signal);
  if (got.exitCode === 0) return { before: got.stdout.trim() || null };
  // kubectl's words when the kubeconfig is missing, empty or has no current-context.
  if (/current-context is not set/.test(got.stderr)) return { before: null };
  throw new SetupProblem(
    'kubeconfig-unreadable',
    { ja: 'kubectl が kubeconfig を読めません', en: 'kubectl cannot read your kubeconfig' },
    { ja: '`kubectl config current-context` が応答する', en: '`kubectl config current-context` answers' },
    commandOutcome(got),
    {
      ja: 'kind もこのファイルに書き込むため、先に直してください（`kubectl config view` で確認できます）。',
      en: 'kind writes to this file too, so fix it first (`kubectl config view` shows what kubectl reads).',
    },
  );
}

export const restoreContext: UpStep = {
  name: 'restore-context',
  plan(ctx) {
    const lab = contextForCluster(ctx.opts.clusterName);
    if (ctx.action === 'repair' || !ctx.contextBefore || ctx.contextBefore.before === lab) return [];
    const { before } = ctx.contextBefore;
    const argv = before === null ? ctx.argv.kubectlConfig('unset', 'current-context') : ctx.argv.kubectlConfig('use-context', before);
    return [
      {
        title:
          before === null
            ? { ja: 'kind が設定した current-context を外す（元は未設定）', en: 'Unset the current-context kind set (none was set before)' }
            : { ja: `kubectl の current-context を元の "${before}" に戻す`, en: `Put your kubectl current-context back to "${before}"` },
        shown: argv,
        async execute(io, signal) {
          const result = await io.run(argv, ctx.timeouts.query, signal);
          if (result.exitCode === 0) return;
          throw new SetupProblem(
            'context-not-restored',
            {
              ja: `kubectl の current-context を "${before ?? ''}" に戻せませんでした`,
              en: `Could not put your kubectl current-context back to "${before ?? ''}"`,
            },
            { ja: `\`${argv.join(' ')}\` が 0 で終わる`, en: `\`${argv.join(' ')}\` exits 0` },
            commandOutcome(result),
            {
              ja: `クラスタはできています。今の current-context は ${lab} です。元に戻すには: ${argv.join(' ')}`,
              en: `The cluster was created; your current-context is now ${lab}. To go back: ${argv.join(' ')}`,
            },
          );
        },
      },
    ];
  },
};

/** Said after `up`: the lab is reached by naming its context; the user's current-context is left alone. */
export function labAccess(clusterName: string, before: string | null | undefined): Text {
  const ctx = contextForCluster(clusterName);
  const kept =
    before === undefined || before === ctx
      ? { ja: '', en: '' }
      : before === null
        ? { ja: 'kubectl の current-context は未設定のままです。', en: 'Your kubectl current-context stays unset.' }
        : { ja: `kubectl の current-context は "${before}" のまま変えていません。`, en: `Your kubectl current-context stays "${before}".` };
  return {
    ja: `${kept.ja}ラボのクラスタを kubectl で操作するときは --context を付けます: kubectl --context ${ctx} get nodes`,
    en: `${kept.en}${kept.en ? ' ' : ''}Reach the lab cluster by naming its context: kubectl --context ${ctx} get nodes`,
  };
}
