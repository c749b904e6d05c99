// A repeated command (`repeat: 200`) in one exec: a fixed POSIX sh script runs the argv N times
// inside the container and prints every sample's exit code, timeout flag, stdout and stderr apart.
// Lesson and cluster values reach the script only as positional parameters ("$@"), never as code.
// Outputs are base64-encoded and framed by lines that start with '#' (outside base64's alphabet)
// and carry a random token, so no output can forge a boundary. Pure: building argv, reading output.
import { randomBytes } from 'node:crypto';
import type { ExecResult } from './port.js';

/**
 * $1 count, $2 per-sample timeout in whole seconds, $3 the frame token, $4 how many samples run at
 * once; the rest is the argv. `exec "$@"` runs the program itself (never a shell builtin or
 * function of the same name), with stdin from /dev/null as `kubectl exec` without -i gives.
 * Samples run in groups of $4 started together; one watchdog per group kills a sample still
 * running after $2 s, marking it first, so a timeout is known, not guessed from an exit code. A
 * mark counts only with the status of that kill (137): a sample that ended just before the kill
 * (exited, not yet reaped) keeps its own status and output.
 * While a group runs the script starts no other process (only builtins), so a watchdog's kill can
 * never reach a reused pid. An empty output is not piped through base64: one process per sample
 * (its command) and about one base64, plus two per group.
 * Runs in dash, bash and BusyBox ash (netshoot is Alpine); needs mktemp, sleep and base64.
 */
export const BATCH_SCRIPT = `n=$1; t=$2; d=$3; q=$4; shift 4
w=$(mktemp -d 2>/dev/null) || { printf '#%s unsupported mktemp\\n' "$d"; exit 125; }
trap 'rm -rf "$w"' EXIT
command -v base64 >/dev/null 2>&1 || { printf '#%s unsupported base64\\n' "$d"; exit 125; }
i=0
while [ "$i" -lt "$n" ]; do
  g=; j=$i
  while [ "$j" -lt "$n" ] && [ "$j" -lt $((i + q)) ]; do
    ( exec "$@" ) </dev/null >"$w/$j.o" 2>"$w/$j.e" &
    g="$g $!:$j"; j=$((j + 1))
  done
  ( trap 'kill "$s" 2>/dev/null; exit 0' TERM; sleep "$t" & s=$!; wait "$s"
    for x in $g; do : >"$w/t\${x#*:}"; kill -9 "\${x%:*}" 2>/dev/null || rm -f "$w/t\${x#*:}"; done ) </dev/null >/dev/null 2>&1 &
  k=$!; r=
  for x in $g; do wait "\${x%:*}"; r="$r $?:\${x#*:}"; done
  kill "$k" 2>/dev/null; wait "$k" 2>/dev/null
  for x in $r; do
    e=\${x#*:}; m=0; [ -e "$w/t$e" ] && [ "\${x%:*}" = 137 ] && m=1
    printf '#%s %s %s %s\\n' "$d" "$e" "\${x%:*}" "$m"
    [ -s "$w/$e.o" ] && base64 <"$w/$e.o"
    printf '#%s\\n' "$d"
    [ -s "$w/$e.e" ] && base64 <"$w/$e.e"
  done
  i=$j
done
printf '#%s end %s\\n' "$d" "$n"
`;

export interface Batch {
  /** `sh -c <script> kindlab-repeat N T TOKEN P argv...`, to run where the single command would. */
  argv: string[];
  token: string;
  count: number;
  timeoutSeconds: number;
}

/** Samples at once inside the container: as many as the per-sample execs ran before. */
export const BATCH_PARALLEL = 4;

export function batchFor(argv: string[], count: number, timeoutMs: number, token = randomBytes(16).toString('hex')): Batch {
  const timeoutSeconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  const argvOut = ['sh', '-c', BATCH_SCRIPT, 'kindlab-repeat', String(count), String(timeoutSeconds), token, String(BATCH_PARALLEL), ...argv];
  return { argv: argvOut, token, count, timeoutSeconds };
}

/** Time for the whole batch: every group may use its full timeout, plus room for the exec itself. */
export const batchDeadlineMs = (batch: Batch) => Math.ceil(batch.count / BATCH_PARALLEL) * (batch.timeoutSeconds * 1000 + 1000) + 30_000;

export type BatchReading =
  /** The script ran: one result per sample that finished (fewer than asked when the batch was cut short). */
  | { ran: true; samples: ExecResult[]; complete: boolean }
  /** No frame at all: the script never started (no sh, no pod) or said it cannot run here. */
  | { ran: false; unsupported?: string };

const BASE64_LINE = /^[A-Za-z0-9+/=]*$/;
const decode = (lines: string[]) => Buffer.from(lines.join(''), 'base64').toString('utf8');

/** Reads the framed output; anything that is neither a frame nor base64 ends the reading (never trusted). */
export function readBatch(stdout: string, batch: Batch): BatchReading {
  const mark = `#${batch.token}`;
  const header = new RegExp(`^${mark} (\\d+) (\\d+) ([01])$`);
  const lines = stdout.split('\n');
  const samples: ExecResult[] = [];
  let complete = false;
  let i = 0;
  const unsupported = lines.find((l) => l.startsWith(`${mark} unsupported `));
  if (unsupported) return { ran: false, unsupported: unsupported.slice(mark.length + ' unsupported '.length) };
  while (i < lines.length) {
    const line = lines[i]!;
    if (line === `${mark} end ${batch.count}`) {
      complete = samples.length === batch.count;
      break;
    }
    const m = header.exec(line);
    if (!m || Number(m[1]) !== samples.length) break;
    const out: string[] = [];
    const err: string[] = [];
    i++;
    while (i < lines.length && lines[i] !== mark && BASE64_LINE.test(lines[i]!)) out.push(lines[i++]!);
    if (lines[i] !== mark) break;
    i++;
    while (i < lines.length && !lines[i]!.startsWith('#') && BASE64_LINE.test(lines[i]!)) err.push(lines[i++]!);
    const timedOut = m[3] === '1';
    samples.push({ stdout: decode(out), stderr: decode(err), exitCode: timedOut ? 124 : Number(m[2]), timedOut, durationMs: 0 });
  }
  if (!samples.length && !complete) return { ran: false };
  return { ran: true, samples, complete };
}
