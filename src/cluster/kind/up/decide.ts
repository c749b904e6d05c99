// Pure: what `up` does with the cluster it found — create it, reuse it, or (half-made, or made with
// another profile) ask whether to repair or recreate, and go on only with the user's answer.
import type { Text } from '../../../core/text.js';
import type { ClusterState } from '../inspect-cluster.js';
import type { Choice } from '../lifecycle-options.js';
import type { UpAction } from './step.js';

export type UpDecision = { action: 'reuse'; message: Text } | { action: 'ask'; problem: Text; choices: Choice[] } | { action: UpAction };

const joinText = (parts: Text[]): Text => ({ ja: parts.map((p) => p.ja).join(' '), en: parts.map((p) => p.en).join(' ') });

export function decideUp(state: ClusterState, want: { clusterName: string; profile: string; consent?: Choice }): UpDecision {
  const { clusterName, profile, consent } = want;
  if (!state.exists) return { action: 'create' };
  if (state.healthy && state.profile === profile) {
    return {
      action: 'reuse',
      message: {
        ja: `クラスタ ${clusterName}（${profile}）は稼働中です。そのまま使います。`,
        en: `Cluster ${clusterName} (${profile}) is up and healthy; reusing it.`,
      },
    };
  }
  const otherProfile = state.profile !== null && state.profile !== profile;
  const choices: Choice[] = otherProfile ? ['recreate'] : ['repair', 'recreate'];
  if (consent && choices.includes(consent)) return { action: consent };
  const problem = otherProfile
    ? joinText([
        {
          ja: `クラスタ ${clusterName} は ${state.profile} で作られています（今回: ${profile}）。CNI はその場で入れ替えられないため、作り直しが必要です。`,
          en: `Cluster ${clusterName} was made with ${state.profile}, not ${profile}. A CNI cannot be swapped in place, so it must be recreated.`,
        },
        ...state.problems,
      ])
    : joinText([{ ja: `クラスタ ${clusterName} は途中までしかできていません。`, en: `Cluster ${clusterName} is only partly set up.` }, ...state.problems]);
  return { action: 'ask', problem, choices };
}
