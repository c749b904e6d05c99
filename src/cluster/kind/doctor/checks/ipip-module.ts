// ipip-module: the IPIP profile's tunnels need the ipip module in the host kernel, which kind's nodes share.
import { profileFacts } from '../../profiles/index.js';
import type { NamedCheck } from '../types.js';
import { note } from './text.js';

export const ipipModuleCheck: NamedCheck = {
  name: 'ipip-module',
  judge: (facts, ctx) => {
    if (profileFacts(ctx.profile).kernelModule !== 'ipip') return null;
    return {
      id: 'ipip-module',
      ok: facts.ipip.loaded === true,
      ...(facts.ipip.loaded === null ? { unknown: true } : {}),
      // calico-node may load it itself (privileged, /lib/modules mounted), so this warns, not stops.
      severity: 'warning',
      title: { ja: 'IPIP プロファイル用の ipip カーネルモジュール', en: 'ipip kernel module for the IPIP profile' },
      expected: {
        ja: 'ホストのカーネルに ipip が読み込まれている (kind のノードはホストのカーネルを共有します)',
        en: 'ipip loaded on the host kernel (kind nodes share it)',
      },
      observed: facts.ipip.evidence,
      fix: {
        linux: [
          'sudo modprobe ipip',
          'echo ipip | sudo tee /etc/modules-load.d/kindlab-ipip.conf',
          note('再起動後も読み込まれるようにします', 'keep it after reboot'),
        ],
        macos: [
          'kindlab up --profile calico-vxlan',
          note(
            'Docker Desktop の VM のカーネルは macOS から確かめられません。VXLAN なら ipip モジュールは不要です',
            "Docker Desktop's VM kernel cannot be checked from macOS; VXLAN needs no ipip module",
          ),
        ],
      },
    };
  },
};
