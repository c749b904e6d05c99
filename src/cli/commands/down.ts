import { type Command } from '../command.js';
import { runDown } from '../cluster-lifecycle.js';

export const down: Command = {
  name: 'down',
  group: 'cluster',
  usage: 'kindlab down',
  summary: { ja: 'ラボ用 kind クラスタを削除 (進捗は残ります)', en: 'Delete the lab kind cluster (progress is kept)' },
  examples: [{ command: 'kindlab down', text: { ja: 'クラスタを消す', en: 'Delete the cluster' } }],
  run: (app) => runDown(app),
};
