import { runTasks } from '../../ui/run-tasks.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { chosenProfile, toolEnv } from '../cluster-lifecycle.js';

export const images: Command = {
  name: 'images',
  group: 'instructor',
  usage: 'kindlab images list|pull|load [--profile NAME] [--all]',
  summary: { ja: 'レッスンのイメージ: 一覧、ホストへ pull、kind ノードへ load', en: 'Lesson images: list, pull to the host, load into the kind nodes' },
  details: {
    ja: 'イメージはタグで固定され、1 か所 (src/cluster/kind/images.ts) に列挙されています。load は会場の Wi-Fi を使わずにノードへ入れます。',
    en: 'Images are pinned by tag and listed in one place (src/cluster/kind/images.ts). load puts them into the nodes without pulls over venue Wi-Fi.',
  },
  options: {
    profile: { type: 'string', value: 'NAME', description: { ja: 'このプロファイルに要るものだけ', en: 'Only what this profile needs' } },
    all: { type: 'boolean', description: { ja: 'すべてのプロファイルの分', en: 'For every profile' } },
  },
  examples: [
    { command: 'kindlab images pull --all', text: { ja: '講師: 全イメージを取得', en: 'Instructor: pull every image' } },
    { command: 'kindlab images load', text: { ja: 'ノードへ読み込む', en: 'Load into the nodes' } },
  ],
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
