// Step (recreate only, with the user's consent): delete the existing cluster first.
import { mustSucceed } from '../../process.js';
import type { UpStep } from './step.js';

export const deleteOldCluster: UpStep = {
  name: 'delete-old-cluster',
  plan(ctx) {
    if (ctx.action !== 'recreate') return [];
    const argv = ctx.argv.kind('delete', 'cluster', '--name', ctx.opts.clusterName);
    return [
      {
        title: { ja: `既存のクラスタ ${ctx.opts.clusterName} を削除`, en: `Delete the existing cluster ${ctx.opts.clusterName}` },
        shown: argv,
        execute: async (io, signal) => void mustSucceed(await io.run(argv, ctx.timeouts.delete, signal), 'kind delete cluster'),
      },
    ];
  },
};
