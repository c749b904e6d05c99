// nfqueue-module: on kindnet, NetworkPolicy is enforced only when the host kernel has nfnetlink_queue.
import { profileFacts } from '../../profiles/index.js';
import type { DoctorCheck, DoctorFacts, NamedCheck } from '../types.js';
import { note } from './text.js';

export const nfqueueModuleCheck: NamedCheck = {
  name: 'nfqueue-module',
  judge: (facts, ctx) => (profileFacts(ctx.profile).cni === 'kindnet' ? judgeNfqueue(facts.nfqueue) : null),
};

/**
 * kindnet enforces NetworkPolicy with kube-network-policies through nfqueue, and kindnetd sets
 * FailOpen: true (kind@v0.30.0:images/kindnetd/cmd/kindnetd/main.go; kube-network-policies@v0.8.0:
 * pkg/networkpolicy/controller.go puts `queue flags bypass` in its nftables rules): without
 * nfnetlink_queue in the host kernel, packets bypass the queue and lesson 10's policies are not
 * enforced. Calico enforces policy itself.
 */
function judgeNfqueue(nfqueue: DoctorFacts['nfqueue']): DoctorCheck {
  const calico = [
    'kindlab up --profile calico-vxlan',
    note('Calico は NetworkPolicy を自分で適用します (レッスン 10 用)', 'Calico enforces NetworkPolicy itself (for lesson 10)'),
  ];
  return {
    id: 'nfqueue-module',
    ok: nfqueue.available === true,
    ...(nfqueue.available === null ? { unknown: true } : {}),
    severity: 'warning',
    title: {
      ja: 'kindnet の NetworkPolicy 用の nfnetlink_queue カーネルモジュール (レッスン 10)',
      en: 'nfnetlink_queue kernel module for kindnet NetworkPolicy (lesson 10)',
    },
    expected: {
      ja: 'ホストのカーネルに nfnetlink_queue がある。無いと kindnet は NetworkPolicy を適用せずに通信を通します (フェイルオープン)',
      en: 'nfnetlink_queue in the host kernel; without it kindnet lets traffic through instead of enforcing NetworkPolicy (fail open)',
    },
    observed: nfqueue.evidence,
    fix: {
      linux: ['sudo modprobe nfnetlink_queue', note('それでも入らなければ Calico のプロファイルを使います', 'if that fails, use a Calico profile'), ...calico],
      macos: [note('Docker Desktop の VM のカーネルは macOS から確かめられません', "Docker Desktop's VM kernel cannot be checked from macOS"), ...calico],
    },
  };
}
