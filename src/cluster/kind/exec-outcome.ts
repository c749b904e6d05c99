// What a command run in a container or on a node returned, as the learner would see it had they
// typed it: kubectl exec's own last line taken off stderr, the remote exit code put back.
import type { ExecResult, ExecTarget } from '../port.js';
import type { ProcessResult } from '../process.js';

const KUBECTL_EXIT = /(?:^|\n)command terminated with exit code (\d+)\n?$/;

/** The container could not start sh: containerd/runc's and docker's words for a missing executable. */
export const NO_SHELL = /exec: "sh": executable file not found|"sh": executable file not found|\bsh: (not found|No such file)/;

/** The remote command's exit code and stderr: kubectl exits with the remote status and adds a line of its own. */
export function remoteOutcome(target: ExecTarget, r: ProcessResult): Omit<ExecResult, 'durationMs'> {
  let { exitCode, stderr } = r;
  if ('pod' in target && !r.timedOut && exitCode !== 0) {
    // client-go remotecommand CodeExitError; kubectl cmdutil.CheckErr on utilexec.ExitError.
    const m = KUBECTL_EXIT.exec(stderr);
    if (m) {
      exitCode = Number(m[1]);
      stderr = stderr.slice(0, m.index) + (m[0].startsWith('\n') ? '\n' : '');
    }
  }
  return { stdout: r.stdout, stderr, exitCode, timedOut: r.timedOut };
}
