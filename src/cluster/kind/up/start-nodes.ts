// Step (repair of a cluster whose API does not answer): start its stopped node containers.
import { mustSucceed } from '../../process.js';
import type { UpStep } from './step.js';

export const startNodes: UpStep = {
  name: 'start-nodes',
  plan(ctx) {
    if (ctx.action !== 'repair' || ctx.state.reachable || ctx.state.nodeContainers.length === 0) return [];
    const argv = ['docker', 'start', ...ctx.state.nodeContainers];
    return [
      {
        title: { ja: '止まっているノードのコンテナを起動', en: 'Start the stopped node containers' },
        shown: argv,
        execute: async (io, signal) => void mustSucceed(await io.run(argv, ctx.timeouts.dockerStart, signal), 'docker start'),
      },
    ];
  },
};
