// Step (create, recreate): `kind create cluster` with the written config.
import { mustSucceed } from '../../process.js';
import type { UpStep } from './step.js';

export const createCluster: UpStep = {
  name: 'create-cluster',
  plan(ctx) {
    if (ctx.action === 'repair') return [];
    // --wait 0s: with the default CNI disabled, nodes turn Ready only after Calico is installed;
    // kindlab waits for that itself, with its own deadline and explanation.
    const argv = ctx.argv.kind('create', 'cluster', '--name', ctx.opts.clusterName, '--config', ctx.files.kindConfig, '--wait', '0s');
    return [
      {
        title: { ja: `kind クラスタ ${ctx.opts.clusterName} を作成（3 ノード）`, en: `Create kind cluster ${ctx.opts.clusterName} (3 nodes)` },
        shown: argv,
        execute: async (io, signal) => void mustSucceed(await io.run(argv, ctx.timeouts.create, signal), 'kind create cluster'),
      },
    ];
  },
};
