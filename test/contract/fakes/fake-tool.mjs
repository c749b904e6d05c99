// A fake kind, kubectl or docker for contract tests: the one fake-tool program (bin/kind, bin/kubectl
// and bin/docker run it; harness.ts puts bin/ first on PATH). Each call appends one JSON line to
// $KINDLAB_FAKE_LOG ({tool, argv, stdin, env, cwd, pid, rule, at}) and is answered by the first rule
// of $KINDLAB_FAKE_SCENARIO ({ "rules": [...] }, shape: FakeRule in harness.ts) that matches:
//   match:  tool; argv (exact strings, "*" for any one argument, "..." last for any rest);
//           argvIncludes (every one present); stdinIncludes; times (answers that many calls, then
//           the next matching rule does; the counter lives in $KINDLAB_FAKE_SCENARIO.state)
//   answer: sleepMs (a hang, before anything is written), stdout, stderr, exitCode (default 0);
//           writeToFlag/content (write a file where a flag says, e.g. docker save -o FILE);
//           kindKubeconfig (merge kind-<name> into the kubeconfig as real `kind create cluster` does);
//           passThrough: PATH (the real program at PATH answers, so a real tool judges);
//           runRemote (the exec'd command runs on this machine, as if it were the container).
// No rule matches: exit 99 with the argv on stderr, so a test never passes on a call nobody expected.
// Answers are shaped like the real tools' output, typed for the tests (not recorded from real runs).
// stdin is read only when argv has a lone "-" (kubectl apply -f -) or the rule says readStdin:
// callers without input may leave stdin open, and reading it would hang.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { basename, delimiter, dirname, join } from 'node:path';

/** Exit code of a call no rule answers. */
const NO_RULE = 99;

export async function runFake(tool) {
  const argv = process.argv.slice(2);
  const logFile = process.env.KINDLAB_FAKE_LOG;
  const scenarioFile = process.env.KINDLAB_FAKE_SCENARIO;
  const scenario = scenarioFile && fs.existsSync(scenarioFile) ? JSON.parse(fs.readFileSync(scenarioFile, 'utf8') || '{}') : {};
  let stdin = argv.includes('-') ? await readStdin() : null;

  const rules = scenario.rules ?? [];
  const { rule, index } = withLock(scenarioFile, () => pickRule(rules, tool, argv, stdin, scenarioFile));
  if (rule?.readStdin && stdin === null) stdin = await readStdin();

  const entry = {
    tool,
    argv,
    stdin: stdin ?? '',
    env: { KUBECONFIG: process.env.KUBECONFIG ?? null },
    cwd: process.cwd(),
    pid: process.pid,
    rule: rule ? (rule.id ?? index) : null,
    at: Date.now(),
  };
  if (logFile) fs.appendFileSync(logFile, JSON.stringify(entry) + '\n');

  if (!rule) {
    process.stderr.write(`fake ${tool}: no scenario rule matches: ${JSON.stringify(argv)}\n`);
    process.exit(NO_RULE);
  }
  if (rule.sleepMs) await new Promise((r) => setTimeout(r, rule.sleepMs));
  if (rule.passThrough) return passThrough(rule.passThrough, argv, stdin);
  if (rule.runRemote) return runRemote(tool, argv);
  if (rule.kindKubeconfig) await writeKindKubeconfig(argv, rule.kindKubeconfig);
  if (rule.writeToFlag) {
    const i = argv.indexOf(rule.writeToFlag);
    if (i >= 0 && argv[i + 1]) fs.writeFileSync(argv[i + 1], rule.content ?? `fake ${tool} output for ${basename(argv[i + 1])}\n`);
  }
  if (rule.stdout) process.stdout.write(rule.stdout);
  if (rule.stderr) process.stderr.write(rule.stderr);
  process.exitCode = rule.exitCode ?? 0;
}

function passThrough(program, argv, stdin) {
  const real = spawnSync(program, argv, { input: stdin ?? '', env: process.env, encoding: 'utf8', maxBuffer: 1 << 30 });
  process.stdout.write(real.stdout ?? '');
  process.stderr.write(real.stderr ?? (real.error ? String(real.error) : ''));
  process.exitCode = real.status ?? 1;
}

function runRemote(tool, argv) {
  const remote = tool === 'docker' ? argv.slice(argv.indexOf('exec') + 2) : argv.slice(argv.indexOf('--') + 1);
  const r = spawnSync(remote[0], remote.slice(1), { stdio: ['ignore', 'inherit', 'pipe'], maxBuffer: 1 << 30 });
  if (r.stderr) process.stderr.write(r.stderr);
  const code = r.status ?? 128 + 9;
  if (tool === 'kubectl' && code !== 0) process.stderr.write(`command terminated with exit code ${code}\n`);
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

// Pattern elements: exact strings, "*" for any one argument, "..." (last) for any rest.
function argvMatches(pattern, argv) {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '...') return true;
    if (i >= argv.length) return false;
    if (pattern[i] !== '*' && pattern[i] !== argv[i]) return false;
  }
  return pattern.length === argv.length;
}

function matches(rule, tool, argv, stdin) {
  if (rule.tool && rule.tool !== tool) return false;
  if (rule.argv && !argvMatches(rule.argv, argv)) return false;
  if (rule.argvIncludes && !rule.argvIncludes.every((a) => argv.includes(a))) return false;
  if (rule.stdinIncludes && !(stdin ?? '').includes(rule.stdinIncludes)) return false;
  return true;
}

function pickRule(rules, tool, argv, stdin, scenarioFile) {
  const stateFile = scenarioFile ? `${scenarioFile}.state` : undefined;
  const state = stateFile && fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) : {};
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (!matches(rule, tool, argv, stdin)) continue;
    const used = state[i] ?? 0;
    if (rule.times !== undefined && used >= rule.times) continue;
    state[i] = used + 1;
    if (stateFile && rule.times !== undefined) fs.writeFileSync(stateFile, JSON.stringify(state));
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

// What kind v0.30.0 does at the end of `kind create cluster` (pkg/cluster/internal/kubeconfig):
// the file is --kubeconfig if given, else the first existing file of $KUBECONFIG (the last one when
// none exists), else $HOME/.kube/config (internal/kubeconfig/paths.go pathForMerge); the cluster,
// user and context entries are all named kind-<name> and replace same-named ones or are appended
// (merge.go); current-context is set to kind-<name> (read.go KINDFromRawKubeadm + merge.go
// "set the current context"); the file is written with mode 0600 (write.go).
async function writeKindKubeconfig(argv, { cluster, server }) {
  // Loaded here only: every other call of every fake starts faster without it.
  const { parse, stringify } = await import('yaml');
  const name = argv.includes('--name') ? argv[argv.indexOf('--name') + 1] : cluster;
  const key = `kind-${name}`;
  let file;
  if (argv.includes('--kubeconfig')) file = argv[argv.indexOf('--kubeconfig') + 1];
  else {
    const list = (process.env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
    if (list.length === 1) file = list[0];
    else if (list.length > 1) file = list.find((f) => fs.existsSync(f) && !fs.statSync(f).isDirectory()) ?? list.at(-1);
    else file = join(process.env.HOME ?? '', '.kube', 'config');
  }
  const existing = fs.existsSync(file) ? (parse(fs.readFileSync(file, 'utf8')) ?? {}) : {};
  const upsert = (field, entry) => {
    const list = Array.isArray(existing[field]) ? existing[field] : [];
    const i = list.findIndex((e) => e?.name === key);
    if (i >= 0) list[i] = entry;
    else list.push(entry);
    existing[field] = list;
  };
  upsert('clusters', { cluster: { 'certificate-authority-data': 'RkFLRQ==', server }, name: key });
  upsert('contexts', { context: { cluster: key, user: key }, name: key });
  upsert('users', { name: key, user: { 'client-certificate-data': 'RkFLRQ==', 'client-key-data': 'RkFLRQ==' } });
  existing['current-context'] = key;
  if (!existing.apiVersion) existing.apiVersion = 'v1';
  if (!existing.kind) existing.kind = 'Config';
  fs.mkdirSync(dirname(file), { recursive: true });
  fs.writeFileSync(file, stringify(existing), { mode: 0o600 });
}
