// Step (Calico profiles): apply the manifest prepare-calico wrote. kindnet needs no step: kind installs it.
import { mustSucceed } from '../../process.js';
import type { UpStep } from './step.js';

export const installCalico: UpStep = {
  name: 'install-calico',
  plan(ctx) {
    if (!ctx.facts.calico) return [];
    // Server-side apply: Calico's CRDs are too large for the last-applied annotation of client-side apply.
    const argv = ctx.argv.kubectl('apply', '--server-side', '-f', ctx.files.calico);
    return [
      {
        title: { ja: 'Calico をインストール', en: 'Install Calico' },
        shown: argv,
        execute: async (io, signal) => void mustSucceed(await io.run(argv, ctx.timeouts.apply, signal), 'kubectl apply (Calico)'),
      },
    ];
  },
};
