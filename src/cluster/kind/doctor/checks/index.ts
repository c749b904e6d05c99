// Doctor's checks, in the order the report shows them: one file per check, each a pure function
// from the gathered facts to its line(s). Adding a check is adding a file and a line here.
import type { DoctorCheck, DoctorContext, DoctorFacts, NamedCheck } from '../types.js';
import { calicoManifestCheck } from './calico-manifest.js';
import { dockerMemoryCheck } from './docker-memory.js';
import { dockerCheck } from './docker.js';
import { hostMemoryCheck } from './host-memory.js';
import { hostPortsCheck } from './host-ports.js';
import { inotifyInstancesCheck } from './inotify-instances.js';
import { inotifyWatchesCheck } from './inotify-watches.js';
import { ipipModuleCheck } from './ipip-module.js';
import { kindPinnedCheck } from './kind-pinned.js';
import { kindCheck } from './kind.js';
import { kubectlCheck } from './kubectl.js';
import { nfqueueModuleCheck } from './nfqueue-module.js';

export const DOCTOR_CHECKS: readonly NamedCheck[] = [
  dockerCheck,
  kindCheck,
  kindPinnedCheck,
  kubectlCheck,
  dockerMemoryCheck,
  hostMemoryCheck,
  inotifyWatchesCheck,
  inotifyInstancesCheck,
  ipipModuleCheck,
  nfqueueModuleCheck,
  hostPortsCheck,
  calicoManifestCheck,
];

/** Judges gathered facts: every check in order, leaving out those that do not apply. Pure: same facts, same checks. */
export function evaluateDoctor(facts: DoctorFacts, ctx: DoctorContext): DoctorCheck[] {
  return DOCTOR_CHECKS.flatMap((check) => check.judge(facts, ctx) ?? []);
}

/** 3 (prerequisites missing) when an error-level check failed, else 0. A check that could not be judged stops nothing by itself. */
export function doctorExitCode(checks: DoctorCheck[]): 0 | 3 {
  return checks.some((c) => !c.ok && !c.unknown && c.severity === 'error') ? 3 : 0;
}
