// kubectl: installed and within the version skew kubectl supports against the lab's API server.
import { PINNED_KUBECTL } from '../../pinned-tools.js';
import { atLeast, MIN_KUBECTL } from '../thresholds.js';
import type { NamedCheck } from '../types.js';
import { downloadArch, toolObserved } from './text.js';

export const kubectlCheck: NamedCheck = {
  name: 'kubectl',
  installs: 'kubectl',
  judge: (facts) => ({
    id: 'kubectl',
    ok: facts.kubectl.found && atLeast(facts.kubectl.version, MIN_KUBECTL),
    severity: 'error',
    title: { ja: `kubectl ${MIN_KUBECTL} 以上がある`, en: `kubectl ${MIN_KUBECTL} or newer is installed` },
    expected: `kubectl >= v${MIN_KUBECTL}`,
    observed: toolObserved('kubectl', facts.kubectl),
    fix: {
      linux: [
        'kindlab doctor --fix',
        `curl -LO ${PINNED_KUBECTL.assets[`linux-${downloadArch(facts)}`]?.url ?? ''} && sudo install -m 0755 kubectl /usr/local/bin/kubectl`,
      ],
      macos: ['kindlab doctor --fix', 'brew install kubectl'],
    },
  }),
};
