// A stand-in for kind, kubectl and docker in contract tests. Each call appends one JSON line
// {tool, argv, stdin} to $KINDLAB_FAKE_LOG and answers from the first matching rule of the
// scenario in $KINDLAB_FAKE_SCENARIO. No rule → exit 99, so an unexpected call fails the test.
// Answers are shaped like the real tools' output, typed for the tests (not recorded from real runs).
// Two rule options go beyond canned answers:
// - `kindKubeconfig: {cluster, server}`: write the kubeconfig entries the way real `kind create
//   cluster` does (see writeKindKubeconfig);
// - `passThrough: PATH`: run the real program at PATH with the same argv, stdin and environment and
//   answer with its stdout, stderr and exit code (the call is still logged), so a real tool judges.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, delimiter, dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';

export function main(tool) {
  const argv = process.argv.slice(2);
  const stdin = readStdin();
  const log = process.env.KINDLAB_FAKE_LOG;
  if (log) appendFileSync(log, JSON.stringify({ tool, argv, stdin }) + '\n');
  const scenario = JSON.parse(readFileSync(process.env.KINDLAB_FAKE_SCENARIO ?? '/dev/null', 'utf8') || '{"rules":[]}');
  const rule = scenario.rules.find((r) => r.tool === tool && matches(r.argv, argv));
  if (!rule) {
    process.stderr.write(`fake ${tool}: no rule for: ${argv.join(' ')}\n`);
    process.exit(99);
  }
  if (rule.passThrough) {
    const real = spawnSync(rule.passThrough, argv, { input: stdin, env: process.env, encoding: 'utf8' });
    process.stdout.write(real.stdout ?? '');
    process.stderr.write(real.stderr ?? (real.error ? String(real.error) : ''));
    process.exit(real.status ?? 1);
  }
  if (rule.kindKubeconfig) writeKindKubeconfig(argv, rule.kindKubeconfig);
  if (rule.writeToFlag) {
    const i = argv.indexOf(rule.writeToFlag);
    if (i >= 0 && argv[i + 1]) writeFileSync(argv[i + 1], rule.content ?? `fake ${tool} output for ${basename(argv[i + 1])}\n`);
  }
  if (rule.stdout) process.stdout.write(rule.stdout);
  if (rule.stderr) process.stderr.write(rule.stderr);
  const finish = () => process.exit(rule.exitCode ?? 0);
  if (rule.sleepMs) setTimeout(finish, rule.sleepMs);
  else finish();
}

// Pattern elements: exact strings, "*" for any one argument, "..." (last) for any rest.
function matches(pattern, argv) {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '...') return true;
    if (i >= argv.length) return false;
    if (pattern[i] !== '*' && pattern[i] !== argv[i]) return false;
  }
  return pattern.length === argv.length;
}

function readStdin() {
  if (process.stdin.isTTY) return '';
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

// What kind v0.30.0 does at the end of `kind create cluster` (pkg/cluster/internal/kubeconfig):
// the file is --kubeconfig if given, else the first existing file of $KUBECONFIG (the last one when
// none exists), else $HOME/.kube/config (internal/kubeconfig/paths.go pathForMerge); the cluster,
// user and context entries are all named kind-<name> and replace same-named ones or are appended
// (merge.go); current-context is set to kind-<name> (read.go KINDFromRawKubeadm + merge.go
// "set the current context"); the file is written with mode 0600 (write.go).
function writeKindKubeconfig(argv, { cluster, server }) {
  const name = argv.includes('--name') ? argv[argv.indexOf('--name') + 1] : cluster;
  const key = `kind-${name}`;
  let file;
  if (argv.includes('--kubeconfig')) file = argv[argv.indexOf('--kubeconfig') + 1];
  else {
    const list = (process.env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
    if (list.length === 1) file = list[0];
    else if (list.length > 1) file = list.find((f) => existsSync(f) && !statSync(f).isDirectory()) ?? list.at(-1);
    else file = join(process.env.HOME ?? '', '.kube', 'config');
  }
  const existing = existsSync(file) ? (parse(readFileSync(file, 'utf8')) ?? {}) : {};
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
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, stringify(existing), { mode: 0o600 });
}
