// Step, last: record the profile in kube-system/kindlab-info. Its presence tells the next `up` that
// this one finished.
import { mustSucceed } from '../../process.js';
import { INFO_CONFIGMAP, INFO_NAMESPACE, infoConfigMap } from '../lab-info.js';
import type { UpStep } from './step.js';

export const recordInfo: UpStep = {
  name: 'record-info',
  plan(ctx) {
    const argv = ctx.argv.kubeSystem('apply', '-f', '-');
    const configMap = infoConfigMap(ctx.opts.profile, ctx.summary.nodeImages[0] ?? 'unknown');
    return [
      {
        title: { ja: `プロファイルを ${INFO_NAMESPACE}/${INFO_CONFIGMAP} に記録`, en: `Record the profile in ${INFO_NAMESPACE}/${INFO_CONFIGMAP}` },
        shown: argv,
        execute: async (io, signal) => void mustSucceed(await io.run(argv, ctx.timeouts.apply, signal, JSON.stringify(configMap)), 'recording the profile'),
      },
    ];
  },
};
