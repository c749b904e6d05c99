import type { Text } from '../../core/text.js';
import type { View } from '../../ui/output.js';
import { runTasks } from '../../ui/run-tasks.js';
import { EXIT, UsageError, type Command } from '../command.js';
import type { imagesOptions } from './options.js';
import { chosenProfile, toolEnv } from '../cluster-setup.js';
import { loadImages } from '../../cluster/index.js';

type ImageList = { ref: string; purpose: Text }[];

const imagesView: View<ImageList> = {
  json: (list) => list,
  text(list, out) {
    for (const image of list) out.line(`${image.ref}  ${out.style('dim', out.t(image.purpose))}`);
  },
};

export const images: Pick<Command<typeof imagesOptions>, 'run'> = {
  async run(app, args) {
    const [action] = args.positionals;
    const { imagesFor, planImagesPull, planImagesLoad } = await loadImages();
    const list = imagesFor(args.values.all ? 'all' : await chosenProfile(app, args.values.profile));
    const opts = { clusterName: app.clusterName, env: await toolEnv(app) };
    if (action === 'list' || action === undefined) {
      app.out.show(imagesView, list);
      return EXIT.ok;
    }
    if (action === 'pull') await runTasks(planImagesPull(list, opts), app.out, app.signal);
    else if (action === 'load')
      await runTasks(
        planImagesLoad(
          list.filter((i) => i.loadIntoNodes),
          opts,
        ),
        app.out,
        app.signal,
      );
    else throw new UsageError('kindlab images list|pull|load');
    return EXIT.ok;
  },
};
