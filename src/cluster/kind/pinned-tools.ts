// The kind and kubectl releases kindlab pins: doctor names them in its hints, `doctor --fix` installs them.
//
// Where the checksums come from. The publishers are kind's release assets
// (kind-<os>-<arch>.sha256sum on https://github.com/kubernetes-sigs/kind/releases/tag/v0.30.0)
// and https://dl.k8s.io/release/v1.33.4/bin/<os>/<arch>/kubectl.sha256. This machine cannot reach
// them; the values below were found with the code search tool in several independent public
// repositories that pin the same files, and agree across them (e.g. f110/mono
// build/rules/kind/assets.bzl for kind v0.30.0; three unrelated pin tables for kubectl v1.33.4).
// scripts/pin-addons.mjs --check-tools re-downloads the .sha256 files and compares.

export type AssetKey = 'linux-amd64' | 'linux-arm64' | 'darwin-amd64' | 'darwin-arm64';

export interface PinnedTool {
  name: 'kind' | 'kubectl';
  version: string;
  assets: Record<AssetKey, { url: string; sha256: string | null }>;
}

export const PINNED_KIND: PinnedTool = {
  name: 'kind',
  version: 'v0.30.0',
  assets: {
    'linux-amd64': {
      url: 'https://github.com/kubernetes-sigs/kind/releases/download/v0.30.0/kind-linux-amd64',
      sha256: '517ab7fc89ddeed5fa65abf71530d90648d9638ef0c4cde22c2c11f8097b8889',
    },
    'linux-arm64': {
      url: 'https://github.com/kubernetes-sigs/kind/releases/download/v0.30.0/kind-linux-arm64',
      sha256: '7ea2de9d2d190022ed4a8a4e3ac0636c8a455e460b9a13ccf19f15d07f4f00eb',
    },
    'darwin-amd64': {
      url: 'https://github.com/kubernetes-sigs/kind/releases/download/v0.30.0/kind-darwin-amd64',
      sha256: '4f0b6e3b88bdc66d922c08469f05ef507d4903dd236e6319199bb9c868eed274',
    },
    'darwin-arm64': {
      url: 'https://github.com/kubernetes-sigs/kind/releases/download/v0.30.0/kind-darwin-arm64',
      sha256: 'ceaf40df1d1551c481fb50e3deb5c3deecad5fd599df5469626b70ddf52a1518',
    },
  },
};

export const PINNED_KUBECTL: PinnedTool = {
  name: 'kubectl',
  version: 'v1.33.4',
  assets: {
    'linux-amd64': {
      url: 'https://dl.k8s.io/release/v1.33.4/bin/linux/amd64/kubectl',
      sha256: 'c2ba72c115d524b72aaee9aab8df8b876e1596889d2f3f27d68405262ce86ca1',
    },
    'linux-arm64': {
      url: 'https://dl.k8s.io/release/v1.33.4/bin/linux/arm64/kubectl',
      sha256: '76cd7a2aa59571519b68c3943521404cbce55dafb7d8866f8d0ea2995b396eef',
    },
    'darwin-amd64': {
      url: 'https://dl.k8s.io/release/v1.33.4/bin/darwin/amd64/kubectl',
      sha256: '4b39b8bb12e78ce801b39c9ec50421e3d6e144d8e3f113cd18e6d61709b8c73b',
    },
    'darwin-arm64': {
      url: 'https://dl.k8s.io/release/v1.33.4/bin/darwin/arm64/kubectl',
      sha256: 'a44662db083fdd1b19ce55ba77eb64d51206310bbae90df90eb5d9e30ea54603',
    },
  },
};
