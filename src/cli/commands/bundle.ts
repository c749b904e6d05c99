import path from 'node:path';
import { cacheDir } from '../../core/paths.js';
import { runTasks } from '../../ui/run-tasks.js';
import { EXIT, UsageError, type Command } from '../command.js';
import type { bundleOptions } from './options.js';
import { toolEnv } from '../cluster-setup.js';
import { loadBundle, loadImages } from '../../cluster/index.js';

export const bundle: Pick<Command<typeof bundleOptions>, 'run'> = {
  async run(app, args) {
    const [action, dir] = args.positionals;
    if (!dir || (action !== 'create' && action !== 'load')) throw new UsageError('kindlab bundle create DIR | load DIR');
    const target = path.resolve(dir);
    const env = await toolEnv(app);
    const bundleModule = await loadBundle();
    if (action === 'create') {
      const { ALL_IMAGES } = await loadImages();
      const contents = await bundleModule.bundleContents(ALL_IMAGES, { addonsDir: path.join(app.root, 'addons'), wantCalico: !args.values['no-calico'] });
      for (const note of contents.notes) app.out.warn(app.out.t(note));
      const tasks = bundleModule.planBundleCreate(target, {
        images: contents.images,
        includeCalico: contents.includeCalico,
        addonsDir: path.join(app.root, 'addons'),
        cacheDir: cacheDir(app.env),
        allowDownload: true,
        env,
      });
      await runTasks(tasks, app.out, app.signal);
      return EXIT.ok;
    }
    const plan = await bundleModule.planBundleLoad(target, { clusterName: app.clusterName, cacheDir: cacheDir(app.env), env }, app.signal);
    for (const note of plan.notes) app.out.line(app.out.t(note));
    await runTasks(plan.tasks, app.out, app.signal);
    return EXIT.ok;
  },
};
