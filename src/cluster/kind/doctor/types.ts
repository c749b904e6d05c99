// The words every doctor file shares: the facts gathered about this machine, one check's verdict,
// and the shape of a named check (facts in, verdict out). Types only.
import type { Text } from '../../../core/text.js';
import type { ProfileName } from '../../../lessons/profile-names.js';

export type Platform = 'linux' | 'darwin' | 'other';
export type Severity = 'error' | 'warning';

/** A plain string is data (a version, a command, a tool's own words), shown as it is in both languages. */
export type DoctorText = string | Text;

export interface DoctorFacts {
  platform: Platform;
  /** amd64 or arm64 (Node's x64 → amd64). */
  arch: string;
  /** error: what went wrong in the learner's words where kindlab says it (a timeout, an odd answer), else the tool's own. */
  docker: { reachable: boolean; serverVersion?: string; memTotalBytes?: number; error?: DoctorText };
  kind: { found: boolean; version?: string; error?: DoctorText };
  kubectl: { found: boolean; version?: string; error?: DoctorText };
  hostMemory: { totalBytes: number; availableBytes: number | null };
  /** Linux only; null elsewhere. A null value means the file could not be read. */
  inotify: { maxUserWatches: number | null; maxUserInstances: number | null } | null;
  /** ipip module on the host kernel: true/false on Linux, null when it cannot be told (macOS). */
  ipip: { loaded: boolean | null; evidence: DoctorText };
  /**
   * nfnetlink_queue in the host kernel (loaded, built in, or a module it can load): kindnetd
   * enforces NetworkPolicy through nfqueue and fails open without it. null: cannot be told.
   */
  nfqueue: { available: boolean | null; evidence: DoctorText };
  ports: Array<{ port: number; address: string; free: boolean; error?: string }>;
  /** Pinned add-on manifests the chosen profile needs. */
  calicoPinned?: { pinned: boolean; version: string };
}

/** One line of doctor's report. */
export interface DoctorCheck {
  id: string;
  /** Passed. False for a failure and for a check that could not be judged (then `unknown`). */
  ok: boolean;
  /** Could not be judged (e.g. Docker memory while Docker does not answer): shown as "?", never as a pass, and stops nothing by itself. */
  unknown?: boolean;
  severity: Severity;
  title: Text;
  expected: DoctorText;
  observed: DoctorText;
  /** Exact commands to type (shown, never run by doctor); a Text line is a `# note` on the command above it. */
  fix: { linux: DoctorText[]; macos: DoctorText[] };
}

/** What a check may know besides the facts: the profile the learner chose. */
export interface DoctorContext {
  profile: ProfileName;
}

/**
 * One named check, in its own file under checks/: a pure function from the facts to its verdict.
 * Like a kind create action or a chainsaw operation, it does one thing and is tested alone.
 */
export interface NamedCheck {
  /** Its name, the same as its file's; also the id of the line it reports (host-ports reports one line per port, `port-<n>`). */
  name: string;
  /** The verdict; null when the check does not apply here (another profile, not Linux, a failed prerequisite). */
  judge(facts: DoctorFacts, ctx: DoctorContext): DoctorCheck | DoctorCheck[] | null;
  /** What `doctor --fix` installs when this check fails (doctor-fix.ts); most checks have no automatic fix. */
  installs?: 'kind' | 'kubectl';
}
