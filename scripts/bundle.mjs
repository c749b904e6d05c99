#!/usr/bin/env zx
// Maintainers and instructors: make or load an offline workshop bundle. A thin wrapper over
// `kindlab bundle`, so the script and the CLI cannot drift apart (same tasks, same cache folder).
// Needs `npm run build` first.
//
//   node scripts/bundle.mjs create DIR [--no-calico]   # on a machine with internet
//   node scripts/bundle.mjs load DIR                    # on an attendee machine
import { $, argv, echo, path } from 'zx';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cli = path.join(root, 'dist/src/cli/main.js');
const [command, dir] = argv._;
if (!['create', 'load'].includes(command) || !dir) {
  echo('usage: node scripts/bundle.mjs create DIR [--no-calico] | load DIR');
  process.exit(2);
}
const flags = argv['no-calico'] || argv.calico === false ? ['--no-calico'] : [];
// zx quotes each interpolated value as one argument: no shell string is built from DIR.
const result = await $({ stdio: 'inherit', nothrow: true })`node ${cli} bundle ${command} ${dir} ${flags} --plain`;
process.exit(result.exitCode ?? 1);
