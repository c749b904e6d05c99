// A stand-in for kind, kubectl and docker in contract tests. Each call appends one JSON line
// {tool, argv, stdin} to $KINDLAB_FAKE_LOG and answers from the first matching rule of the
// scenario in $KINDLAB_FAKE_SCENARIO. No rule → exit 99, so an unexpected call fails the test.
// Answers are shaped like the real tools' output, typed for the tests (not recorded from real runs).
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

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
