import { runTasks } from '../../ui/run-tasks.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { chosenProfile, toolEnv } from '../cluster-lifecycle.js';

export const images: Pick<Command, 'run'> = {
  async run(app, args) {
    const [action] = args.positionals;
    const { imagesFor, planImagesPull, planImagesLoad } = await import('../../cluster/kind/images.js');
    const list = imagesFor(args.values.all ? 'all' : await chosenProfile(app, args.values.profile as string | undefined));
    const opts = { clusterName: app.clusterName, env: await toolEnv(app) };
    if (action === 'list' || action === undefined) {
      if (app.out.mode === 'json') app.out.json(list);
      else for (const image of list) app.out.line(`${image.ref}  ${app.out.style('dim', app.out.t(image.purpose))}`);
      return EXIT.ok;
    }
    if (action === 'pull') await runTasks(planImagesPull(list, opts), app.out, app.signal);
    else if (action === 'load') await runTasks(planImagesLoad(list.filter((i) => i.loadIntoNodes), opts), app.out, app.signal);
    else throw new UsageError('kindlab images list|pull|load');
    return EXIT.ok;
  },
};
