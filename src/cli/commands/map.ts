import path from 'node:path';
import { readClusterMap } from '../../engine/map/read.js';
import { writeTextAtomic } from '../../state/json-file.js';
import { mapLabels } from '../../ui/map/labels.js';
import { openerArgv, openInBrowser } from '../../ui/map/open-file.js';
import { renderMapHtml } from '../../ui/map/svg.js';
import { renderMapText } from '../../ui/map/text.js';
import { displayCommand } from '../../cluster/shown-commands.js';
import { fill } from '../../ui/messages.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { currentLessonName } from '../lesson-context.js';

export const map: Command = {
  name: 'map',
  group: 'learn',
  usage: 'kindlab map [--namespace NS | --lesson N] [--html FILE [--open]]',
  summary: { ja: 'クラスタの今の姿を図で見る (ノード、Pod、Service、経路)', en: 'A picture of the cluster as it is now (nodes, Pods, Services, routes)' },
  details: {
    ja: 'ノード (InternalIP、podCIDR、ロール)、名前空間の Pod とその IP、Service と後ろのエンドポイント (EndpointSlice)、各ノードの ip route に CNI が書いた経路を、その場でクラスタから読んで描きます。読み取りに使ったコマンドも表示します。名前空間は --namespace、--lesson、進行中のレッスン、default の順に決まります。',
    en: "Reads the cluster live and draws the nodes (InternalIP, podCIDR, role), the namespace's Pods and their IPs, Services and the endpoints behind them (EndpointSlice), and the routes the CNI wrote in each node's ip route, with the commands it read them from. The namespace is --namespace, else --lesson's, else the lesson in progress, else default.",
  },
  options: {
    namespace: { type: 'string', short: 'n', value: 'NS', description: { ja: '描く名前空間', en: 'Namespace to draw' } },
    lesson: { type: 'string', value: 'N', description: { ja: 'このレッスンの名前空間を描く', en: "Draw this lesson's namespace" } },
    html: { type: 'string', value: 'FILE', description: { ja: 'SVG の図を含む HTML ファイルを書き出す (1 ファイルで完結、ネットワーク不要)', en: 'Write one self-contained HTML file with an SVG diagram (no network needed)' } },
    open: { type: 'boolean', description: { ja: '書き出した HTML をブラウザで開く', en: 'Open the written HTML in a browser' } },
  },
  examples: [
    { command: 'kindlab map', text: { ja: '進行中のレッスンの名前空間を描く', en: "Draw the namespace of the lesson in progress" } },
    { command: 'kindlab map --lesson 01 --html map.html --open', text: { ja: 'レッスン 01 の図をブラウザで見る', en: "See lesson 01's picture in a browser" } },
    { command: 'kindlab map -n kube-system --plain', text: { ja: 'ASCII だけで描く', en: 'Draw with ASCII only' } },
  ],
  async run(app, args) {
    const html = args.values.html as string | undefined;
    if (html !== undefined && !/\.html?$/i.test(html)) throw new UsageError(mapLabels.htmlExtension);
    if (args.values.open && html === undefined) throw new UsageError(mapLabels.htmlExtension);
    const namespace = await namespaceFor(app, args.values.namespace as string | undefined, args.values.lesson as string | undefined);
    const cluster = await app.openCluster();
    const picture = await readClusterMap(cluster, namespace, { timeoutMs: 30_000, signal: app.signal });
    if (app.out.mode === 'json') {
      app.out.json(picture);
    } else if (html === undefined) {
      // The terminal's width when drawing on one, else COLUMNS, else the 80 columns the picture is designed for.
      const width = (app.out.mode === 'tty' && process.stdout.columns) || Number(app.env.COLUMNS) || 80;
      app.out.line(renderMapText(picture, { lang: app.lang, width, ascii: Boolean(args.values.plain), paint: (style, text) => app.out.style(style, text) }).trimEnd());
    }
    if (html !== undefined) {
      const file = path.resolve(html);
      await writeTextAtomic(file, renderMapHtml(picture, app.lang), 0o644);
      app.out.line(fill(app.out.t(mapLabels.htmlWritten), { file }));
      if (args.values.open) {
        const opened = await openInBrowser(file, app.env);
        if (!opened.ok) app.out.warn(fill(app.out.t(mapLabels.openFailed), { reason: opened.reason, file }));
      } else {
        app.out.line(app.out.style('dim', fill(app.out.t(mapLabels.openWith), { command: displayCommand(openerArgv(file)) })));
      }
    }
    return EXIT.ok;
  },
};

async function namespaceFor(app: Parameters<Command['run']>[0], namespace: string | undefined, lesson: string | undefined): Promise<string> {
  if (namespace) return namespace;
  if (lesson) return (await app.lesson(lesson)).namespace;
  const current = await currentLessonName(app);
  if (current) return (await app.lesson(current.lessonId)).namespace;
  return 'default';
}
