// `kindlab doctor`: is this machine ready for a 3-node kind cluster? The door to doctor/, where
// gathering facts (doctor/facts.ts, side effects injected) is kept apart from judging them
// (doctor/checks/, one pure named check per file, listed in order in checks/index.ts), so every
// verdict and its fix is unit-testable. Callers import from here; the files behind it may move.
export type { DoctorCheck, DoctorContext, DoctorFacts, DoctorText, NamedCheck, Platform, Severity } from './doctor/types.js';
export {
  atLeast,
  MIN_DOCKER_MEMORY,
  MIN_HOST_AVAILABLE,
  MIN_INOTIFY_INSTANCES,
  MIN_INOTIFY_WATCHES,
  MIN_KIND,
  MIN_KUBECTL,
  parseVersion,
} from './doctor/thresholds.js';
export { DOCTOR_CHECKS, doctorExitCode, evaluateDoctor } from './doctor/checks/index.js';
export { gatherDoctorFacts, type GatherOptions } from './doctor/facts.js';
export { probePort } from './doctor/ports.js';
export { checkMachine } from './doctor/check-machine.js';
