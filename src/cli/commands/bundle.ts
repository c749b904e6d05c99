import path from 'node:path';
import { cacheDir } from '../../state/paths.js';
import { runTasks } from '../../ui/run-tasks.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { toolEnv } from '../cluster-lifecycle.js';

export const bundle: Command = {
  name: 'bundle',
  group: 'instructor',
  usage: 'kindlab bundle create DIR | load DIR',
  summary: { ja: 'オフライン用バンドル: 全イメージと manifest をフォルダへ / フォルダから読み込み', en: 'Offline bundle: every image and manifest to a folder / loaded from one' },
  details: {
    ja: 'create はネットのある PC で実行し、docker save したイメージとアドオンの manifest、各ファイルの sha256 を DIR に書きます。load は受講者の PC で、sha256 を確かめてから docker load します (その後 kindlab up --preload)。',
    en: 'create runs on a machine with internet: docker-saved images, add-on manifests and a sha256 for every file go to DIR. load runs on an attendee\'s machine: verifies every sha256, then docker load (then kindlab up --preload).',
  },
  options: {
    'no-calico': { type: 'boolean', description: { ja: 'Calico を含めない (kindnet のみ使う場合)', en: 'Leave out Calico (kindnet only)' } },
  },
  examples: [
    { command: 'kindlab bundle create /media/usb/kindlab-bundle', text: { ja: '講師: USB メモリへ', en: 'Instructor: to a USB stick' } },
    { command: 'kindlab bundle load /media/usb/kindlab-bundle && kindlab up --preload', text: { ja: '受講者: 読み込んでからクラスタ作成', en: 'Attendee: load, then create the cluster' } },
  ],
  async run(app, args) {
    const [action, dir] = args.positionals;
    if (!dir || (action !== 'create' && action !== 'load')) throw new UsageError('kindlab bundle create DIR | load DIR');
    const target = path.resolve(dir);
    const env = await toolEnv(app);
    const bundleModule = await import('../../cluster/kind/bundle.js');
    if (action === 'create') {
      const { ALL_IMAGES } = await import('../../cluster/kind/images.js');
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
