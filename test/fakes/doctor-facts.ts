// Made-up doctor facts for the check tests (typed by hand, not read from any machine): a Linux
// machine ready for the lab, which each test changes in the one place its check reads.
import type { DoctorCheck, DoctorFacts } from '../../src/cluster/kind/doctor/types.js';

const GiB = 1024 ** 3;

export function readyMachine(change: Partial<DoctorFacts> = {}): DoctorFacts {
  return {
    platform: 'linux',
    arch: 'amd64',
    docker: { reachable: true, serverVersion: '28.3.3', memTotalBytes: 16 * GiB },
    kind: { found: true, version: 'v0.30.0' },
    kubectl: { found: true, version: 'v1.33.4' },
    hostMemory: { totalBytes: 16 * GiB, availableBytes: 8 * GiB },
    inotify: { maxUserWatches: 524288, maxUserInstances: 512 },
    ipip: { loaded: true, evidence: { ja: '/proc/modules にあります', en: 'listed in /proc/modules' } },
    nfqueue: { available: true, evidence: { ja: '/proc/modules にあります', en: 'listed in /proc/modules' } },
    ports: [],
    ...change,
  };
}

/** The one line a single-line check reports (fails the test when it reported none or several). */
export function oneLine(verdict: DoctorCheck | DoctorCheck[] | null): DoctorCheck {
  if (verdict === null || Array.isArray(verdict)) throw new Error(`expected one line, got ${JSON.stringify(verdict)}`);
  return verdict;
}

export { GiB };
