// A stand-in for kubectl, docker or kind in contract tests. It records each call as one JSON
// line in $KINDLAB_FAKE_LOG ({program, argv, stdin, env, cwd, pid, rule}) and answers from the
// scenario file $KINDLAB_FAKE_SCENARIO:
//   { "rules": [ { "id": "apply", "program": "kubectl",
//                  "argv": [...] | "argvPrefix": [...] | "argvIncludes": [...], "stdinIncludes": "...",
//                  "stdout": "...", "stderr": "...", "exit": 0, "delayMs": 0, "times": 1, "readStdin": false,
//                  "runRemote": false } ] }
// runRemote: the exec'd command (after `--` for kubectl, after the container for docker exec) runs
// on this machine, as if this machine were the container; kubectl's "command terminated with exit
// code N" line is added as kubectl adds it.
// The first rule that matches answers; a rule with `times` answers that many calls, then the
// next matching rule does (a call counter lives in $KINDLAB_FAKE_SCENARIO.state). No matching
// rule: exit 97 with the argv on stderr, so a test never passes on a call nobody expected.
// stdin is read only when argv has a lone "-" (kubectl -f -) or the matched rule says readStdin:
// callers without input leave stdin open, and reading it would hang.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';


export async function runFake(program) {
  const argv = process.argv.slice(2);
  const logFile = process.env.KINDLAB_FAKE_LOG;
  const scenarioFile = process.env.KINDLAB_FAKE_SCENARIO;
  const scenario = scenarioFile && fs.existsSync(scenarioFile) ? JSON.parse(fs.readFileSync(scenarioFile, 'utf8')) : { rules: [] };
  let stdin = null;
  if (argv.includes('-')) stdin = await readStdin();

  const rules = scenario.rules ?? [];
  const { rule, index } = withLock(scenarioFile, () => pickRule(rules, program, argv, stdin, scenarioFile));
  if (rule?.readStdin && stdin === null) stdin = await readStdin();

  const entry = {
    program,
    argv,
    stdin,
    env: { KUBECONFIG: process.env.KUBECONFIG ?? null },
    cwd: process.cwd(),
    pid: process.pid,
    rule: rule ? (rule.id ?? index) : null,
    at: Date.now(),
  };
  if (logFile) fs.appendFileSync(logFile, JSON.stringify(entry) + '\n');

  if (!rule) {
    process.stderr.write(`fake ${program}: no scenario rule matches: ${JSON.stringify(argv)}\n`);
    process.exit(97);
  }
  if (rule.delayMs) await new Promise((r) => setTimeout(r, rule.delayMs));
  if (rule.runRemote) return runRemote(program, argv);
  if (rule.stdout) process.stdout.write(rule.stdout);
  if (rule.stderr) process.stderr.write(rule.stderr);
  process.exitCode = rule.exit ?? 0;
}

function runRemote(program, argv) {
  const remote = program === 'docker' ? argv.slice(argv.indexOf('exec') + 2) : argv.slice(argv.indexOf('--') + 1);
  const r = spawnSync(remote[0], remote.slice(1), { stdio: ['ignore', 'inherit', 'pipe'], maxBuffer: 1 << 30 });
  if (r.stderr) process.stderr.write(r.stderr);
  const code = r.status ?? 128 + 9;
  if (program === 'kubectl' && code !== 0) process.stderr.write(`command terminated with exit code ${code}\n`);
  process.exitCode = code;
}

function readStdin() {
  return new Promise((resolve) => {
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (c) => (data += c));
    process.stdin.on('end', () => resolve(data));
    process.stdin.on('error', () => resolve(data));
  });
}

const eq = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

function matches(rule, program, argv, stdin) {
  if (rule.program && rule.program !== program) return false;
  if (rule.argv && !eq(rule.argv, argv)) return false;
  if (rule.argvPrefix && !eq(rule.argvPrefix, argv.slice(0, rule.argvPrefix.length))) return false;
  if (rule.argvIncludes && !rule.argvIncludes.every((a) => argv.includes(a))) return false;
  if (rule.stdinIncludes && !(stdin ?? '').includes(rule.stdinIncludes)) return false;
  return true;
}

function pickRule(rules, program, argv, stdin, scenarioFile) {
  const stateFile = scenarioFile ? `${scenarioFile}.state` : undefined;
  const state = stateFile && fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) : {};
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (!matches(rule, program, argv, stdin)) continue;
    const used = state[i] ?? 0;
    if (rule.times !== undefined && used >= rule.times) continue;
    state[i] = used + 1;
    if (stateFile) fs.writeFileSync(stateFile, JSON.stringify(state));
    return { rule, index: i };
  }
  return { rule: undefined, index: -1 };
}

// Calls may run in parallel; the counter file is updated under a directory lock.
function withLock(scenarioFile, fn) {
  if (!scenarioFile) return fn();
  const lock = `${scenarioFile}.lock`;
  const started = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - started > 5000) break; // a crashed holder must not hang every test
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

