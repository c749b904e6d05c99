// What doctor asks of a machine, and where each figure comes from; and how versions compare.

// kind: the node image in kind-config.yaml is built for this release (kind v0.30.0 release notes).
export const MIN_KIND = '0.30.0';
// kubectl: the supported skew is one minor version either side of the API server (v1.33 here).
// https://kubernetes.io/releases/version-skew-policy/#kubectl
export const MIN_KUBECTL = '1.32.0';
// kind's known issues (kind@v0.30.0:site/content/docs/user/known-issues.md, "Pod errors due to
// 'too many open files'"): Ubuntu's defaults 8192 watches / 128 instances are "not enough to create
// a cluster with many nodes"; kind recommends these values. The page names no node count at which
// a limit breaks, and 128 instances is every stock Linux's default, so for kindlab's 3 nodes they
// warn (with the fix and the symptom to look for) and do not stop `up`.
export const MIN_INOTIFY_WATCHES = 524288;
export const MIN_INOTIFY_INSTANCES = 512;
// kindlab's own estimate, not a kind figure: 3 nodes (~600-800 MiB each once Calico and CoreDNS
// run) plus lesson Pods. Below 4 GiB for Docker, creation or lessons stall.
export const MIN_DOCKER_MEMORY = 4 * 1024 ** 3;
export const MIN_HOST_AVAILABLE = 2 * 1024 ** 3;

export function parseVersion(v: string | undefined): [number, number, number] | null {
  const m = /v?(\d+)\.(\d+)\.(\d+)/.exec(v ?? '');
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

export function atLeast(v: string | undefined, min: string): boolean {
  const a = parseVersion(v);
  const b = parseVersion(min)!;
  if (!a) return false;
  for (let i = 0; i < 3; i++) if (a[i]! !== b[i]!) return a[i]! > b[i]!;
  return true;
}
