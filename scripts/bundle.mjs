#!/usr/bin/env node
// Maintainers and instructors: make or load an offline workshop bundle with the same tasks the
// CLI runs (`kindlab bundle create|load`). Needs `npm run build` first.
//
//   node scripts/bundle.mjs create DIR [--profile all|calico-vxlan|...]   # on a machine with internet
//   node scripts/bundle.mjs load DIR                                       # on an attendee machine
import { argv, echo, path } from 'zx';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const load = (p) => import(path.join(root, 'dist/src/cluster/kind', p));
const { bundleContents, planBundleCreate, planBundleLoad } = await load('bundle.js');
const { imagesFor } = await load('images.js');
const { defaultBinDir } = await load('doctor-fix.js');
const { runTasks } = await load('lifecycle.js');

const [command, dir] = argv._;
if (!['create', 'load'].includes(command) || !dir) {
  echo('usage: node scripts/bundle.mjs create DIR [--profile NAME|all] | load DIR');
  process.exit(2);
}
const cacheDir = path.join(path.dirname(defaultBinDir()), 'addons');
const profile = argv.profile ?? 'all';
const show = (tasks) =>
  tasks.map((t) => ({
    ...t,
    run: async (signal) => {
      echo(`• ${t.title.en}${t.shown ? `\n  $ ${t.shown.join(' ')}` : ''}`);
      return t.run(signal);
    },
  }));

try {
  if (command === 'create') {
    const contents = await bundleContents(imagesFor(profile), { addonsDir: path.join(root, 'addons'), wantCalico: profile === 'all' || profile.startsWith('calico') });
    for (const note of contents.notes) echo(note.en);
    await runTasks(show(planBundleCreate(path.resolve(dir), { images: contents.images, includeCalico: contents.includeCalico, addonsDir: path.join(root, 'addons'), cacheDir })));
  } else {
    const plan = await planBundleLoad(path.resolve(dir), { clusterName: argv.name ?? 'kindlab', cacheDir });
    for (const note of plan.notes) echo(note.en);
    await runTasks(show(plan.tasks));
  }
  echo('done');
} catch (err) {
  echo(err.what ? `${err.what.en}\n  expected: ${err.expected}\n  observed: ${err.observed}\n  ${err.fix.en}` : String(err.message ?? err));
  process.exit(1);
}
