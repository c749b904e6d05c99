// kind: installed and at least MIN_KIND, the release the node image in kind-config.yaml is built for.
import { PINNED_KIND } from '../../pinned-tools.js';
import { atLeast, MIN_KIND } from '../thresholds.js';
import type { DoctorFacts, NamedCheck } from '../types.js';
import { downloadArch, toolObserved } from './text.js';

/** kind answers with a version at least MIN_KIND; kind-pinned judges only then. */
export const kindWorks = (facts: DoctorFacts): boolean => facts.kind.found && atLeast(facts.kind.version, MIN_KIND);

export const kindCheck: NamedCheck = {
  name: 'kind',
  installs: 'kind',
  judge: (facts) => ({
    id: 'kind',
    ok: kindWorks(facts),
    severity: 'error',
    title: { ja: `kind ${MIN_KIND} 以上がある`, en: `kind ${MIN_KIND} or newer is installed` },
    expected: `kind >= v${MIN_KIND}`,
    observed: toolObserved('kind', facts.kind),
    fix: {
      linux: [
        'kindlab doctor --fix',
        `curl -Lo ./kind ${PINNED_KIND.assets[`linux-${downloadArch(facts)}`]?.url ?? ''} && chmod +x ./kind && sudo mv ./kind /usr/local/bin/kind`,
      ],
      macos: ['kindlab doctor --fix', 'brew install kind'],
    },
  }),
};
