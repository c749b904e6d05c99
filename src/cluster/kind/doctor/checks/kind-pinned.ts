// kind-pinned: a working kind that is not the pinned release warns and says what that changes.
import { PINNED_KIND } from '../../pinned-tools.js';
import { parseVersion } from '../thresholds.js';
import type { DoctorCheck, NamedCheck } from '../types.js';
import { kindWorks } from './kind.js';
import { downloadArch, note } from './text.js';

export const kindPinnedCheck: NamedCheck = {
  name: 'kind-pinned',
  installs: 'kind',
  // Only a kind that works can be compared with the pin; a missing or old one fails `kind` instead.
  judge: (facts) => (kindWorks(facts) ? judgeKindPinned(facts.kind.version!, downloadArch(facts)) : null),
};

/**
 * kind other than the pinned release: what that changes. Facts from docs/versions.md (kind@v0.30.0
 * and kind@v0.32.0 compared): the node image, named by digest in kind-config.yaml, carries
 * Kubernetes, CoreDNS and kindnetd; kind itself writes the kubeadm/kube-proxy configuration and
 * supports a node image only with the release that built it (best effort otherwise).
 */
function judgeKindPinned(version: string, arch: 'amd64' | 'arm64'): DoctorCheck {
  const pinned = PINNED_KIND.version;
  const same = parseVersion(version)?.join('.') === parseVersion(pinned)?.join('.');
  return {
    id: 'kind-pinned',
    ok: same,
    severity: 'warning',
    title: { ja: `kind が固定版 ${pinned} である`, en: `kind is the pinned ${pinned}` },
    expected: {
      ja: `kind ${pinned} (レッスンはこの版で確かめました)`,
      en: `kind ${pinned} (the lessons were checked with it)`,
    },
    observed: same
      ? `kind ${version}`
      : {
          ja:
            `kind ${version}。kind-config.yaml がノードイメージを digest で固定しているので、クラスタは今までどおり kindest/node:v1.33.4 ` +
            `(kind ${pinned} 用) で動き、Kubernetes・CoreDNS・kindnetd はこのイメージの中のものです。kind ${version} 自身が書く kubeadm と kube-proxy の設定は ` +
            `${pinned} でだけ確かめました (v0.32.0 との差分は docs/versions.md: このイメージでは kube-proxy の設定は同じ)。kind は、ノードイメージをそれを作った版でだけサポートします (他の版はベストエフォート)。`,
          en:
            `kind ${version}. kind-config.yaml pins the node image by digest, so the cluster still runs kindest/node:v1.33.4 (built for kind ${pinned}) ` +
            `and its Kubernetes, CoreDNS and kindnetd. What kind ${version} itself writes (the kubeadm and kube-proxy configuration) ` +
            `was reviewed only for ${pinned} (the diff to v0.32.0 is in docs/versions.md: the same kube-proxy settings for this image). ` +
            'kind supports a node image only with the release that built it (best effort otherwise).',
        },
    fix: {
      linux: [
        'kindlab doctor --fix',
        note(
          `kind ${pinned} を sha256 を確かめて ~/.cache/kindlab/bin に入れます。kindlab はそちらを先に使います (PATH の kind はそのまま)`,
          `installs kind ${pinned}, sha256-verified, into ~/.cache/kindlab/bin; kindlab uses it first (the kind on your PATH stays)`,
        ),
        `curl -Lo ./kind ${PINNED_KIND.assets[`linux-${arch}`]?.url ?? ''} && chmod +x ./kind && sudo mv ./kind /usr/local/bin/kind`,
      ],
      macos: [
        'kindlab doctor --fix',
        note(`kind ${pinned} を ~/Library/Caches/kindlab/bin に入れます`, `installs kind ${pinned} into ~/Library/Caches/kindlab/bin`),
      ],
    },
  };
}
