// Reads what curl printed: status lines and headers (-I, -i, or -v on stderr), a bare `-w
// '%{http_code}'` answer, and why curl failed (its exit code and `curl: (N) message`).

export type CurlOutcome = 'ok' | 'http-error' | 'resolve-failed' | 'refused' | 'timeout' | 'other';

export interface HttpResponse {
  httpVersion: string;
  status: number;
  reason: string;
  /** Headers in order, names as printed. */
  headers: { name: string; value: string }[];
}

export interface CurlResult {
  format: 'curl';
  parsed: boolean;
  /** The outcome class; `unknown` when only text was given and it shows neither a response nor an error. */
  outcome: CurlOutcome | 'unknown';
  /** The exit code given, or read from `curl: (N) ...`. */
  exitCode?: number;
  /** curl's own error message, e.g. `Could not resolve host: nope`. */
  error?: string;
  /** Status of the last final (non-1xx) response, or of a bare `-w '%{http_code}'` output. */
  status?: number;
  /** Where the status came from. */
  statusFrom?: 'headers' | 'write-out';
  /** Every response seen (redirects with -L give several). */
  responses: HttpResponse[];
  /** Headers of the last response. */
  headers: { name: string; value: string }[];
  /** `-v` printed `Connected to HOST (IP) port N`. */
  connected?: { host: string; ip: string; port: number };
  verbose: boolean;
  raw: string;
}

export interface CurlInput {
  stdout: string;
  stderr?: string;
  exitCode?: number;
  /** The runner's deadline killed curl (no exit code of its own). */
  timedOut?: boolean;
}

/** curl's documented exit codes (man curl, EXIT CODES) that lessons meet. */
export function outcomeOfExitCode(code: number): CurlOutcome {
  switch (code) {
    case 0:
      return 'ok';
    case 6:
      return 'resolve-failed'; // Could not resolve host
    case 7:
      return 'refused'; // Failed to connect to host (refused, or no route)
    case 28:
      return 'timeout'; // Operation timeout
    case 124:
      return 'timeout'; // killed by our own deadline (runProcess)
    case 22:
      return 'http-error'; // -f/--fail and HTTP >= 400
    default:
      return 'other';
  }
}

const STATUS_LINE = /^HTTP\/(\d(?:\.\d)?) (\d{3})(?: (.*))?$/;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s?(.*)$/;

/** Reads status lines and header blocks; `prefix` is `< ` for -v output. */
function readResponses(text: string, verbose: boolean): HttpResponse[] {
  const responses: HttpResponse[] = [];
  let current: HttpResponse | undefined;
  let atBlockStart = true; // a plain (-i/-I) status line is only trusted at the start or after a header block
  for (const rawLine of text.split('\n')) {
    let line = rawLine.replace(/\r$/, '');
    if (verbose) {
      if (!line.startsWith('< ') && line !== '<') {
        continue;
      }
      line = line.slice(2);
    }
    const status = STATUS_LINE.exec(line);
    if (status && (verbose || atBlockStart || (current === undefined && responses.length === 0))) {
      current = { httpVersion: status[1]!, status: Number(status[2]), reason: (status[3] ?? '').trim(), headers: [] };
      responses.push(current);
      atBlockStart = false;
      continue;
    }
    if (current && line.trim() === '') {
      current = undefined;
      atBlockStart = true;
      continue;
    }
    if (current) {
      const header = HEADER_LINE.exec(line);
      if (header) current.headers.push({ name: header[1]!, value: header[2]!.trim() });
      continue;
    }
    if (!verbose) atBlockStart = false;
  }
  return responses;
}

export function parseCurl(input: CurlInput): CurlResult {
  const stdout = String(input.stdout ?? '');
  const stderr = String(input.stderr ?? '');
  const raw = stderr ? `${stdout}${stdout.endsWith('\n') || !stdout ? '' : '\n'}${stderr}` : stdout;
  const verbose = /^[*<>] /m.test(stderr) || /^< HTTP\//m.test(stdout);
  const result: CurlResult = { format: 'curl', parsed: false, outcome: 'unknown', responses: [], headers: [], verbose, raw };

  const plain = readResponses(stdout, false);
  const fromVerbose = verbose ? readResponses(`${stderr}\n${stdout}`, true) : [];
  result.responses = fromVerbose.length ? fromVerbose : plain;

  const finals = result.responses.filter((r) => r.status >= 200 || r.status < 100);
  const lastResponse = finals[finals.length - 1] ?? result.responses[result.responses.length - 1];
  if (lastResponse) {
    result.status = lastResponse.status;
    result.statusFrom = 'headers';
    result.headers = lastResponse.headers;
  } else {
    const lines = stdout.trim().split(/\r?\n/);
    const code = lines[lines.length - 1]?.trim() ?? '';
    if (/^\d{3}$/.test(code)) {
      result.status = Number(code);
      result.statusFrom = 'write-out';
    }
  }

  const connected = /^\* Connected to (\S+) \(([^)]*)\) port (\d+)/m.exec(stderr);
  if (connected) result.connected = { host: connected[1]!, ip: connected[2]!, port: Number(connected[3]) };

  const error = /curl: \((\d+)\) ([^\n]*)/.exec(raw);
  if (error) result.error = error[2]!.trim();
  if (input.timedOut) result.exitCode = 124;
  else if (input.exitCode !== undefined) result.exitCode = input.exitCode;
  else if (error) result.exitCode = Number(error[1]);

  if (result.exitCode !== undefined) {
    result.outcome = outcomeOfExitCode(result.exitCode);
    // `-w %{http_code}` prints 000 when no response came; that is not an HTTP status
    if (result.status === 0) result.status = undefined;
    if (result.outcome === 'ok' && result.status !== undefined && result.status >= 400) result.outcome = 'http-error';
  } else if (result.status !== undefined && result.status > 0) {
    result.outcome = result.status >= 400 ? 'http-error' : 'ok';
  }
  if (result.status === 0) result.status = undefined;
  result.parsed = result.responses.length > 0 || result.status !== undefined || error !== null || input.exitCode !== undefined || Boolean(input.timedOut);
  return result;
}

/** For `kindlab parse curl`: the text as a terminal shows it (stdout and stderr together). */
export function parseCurlText(text: string): CurlResult {
  const raw = String(text ?? '');
  const isVerbose = (l: string) => /^[*<>{}] |^[<>]$/.test(l.replace(/\r$/, ''));
  const lines = raw.split('\n');
  const stderr = lines.filter(isVerbose).join('\n');
  const stdout = lines.filter((l) => !isVerbose(l)).join('\n');
  return { ...parseCurl({ stdout, stderr }), raw };
}
