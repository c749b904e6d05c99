// Step (up --preload): load local images into every node, right after the node containers exist and
// before any CNI or wait. Offline, a Calico node turns Ready only once calico-node's image is inside
// it; online, no node pulls what is already here.
import { mustSucceed } from '../../process.js';
import type { UpStep } from './step.js';

export const preloadImages: UpStep = {
  name: 'preload-images',
  plan(ctx) {
    const images = ctx.opts.preloadImages ?? [];
    if (images.length === 0) return [];
    // One call: kind saves the images once and loads them into every node concurrently
    // (kind v0.30.0 pkg/cmd/kind/load/docker-image/docker-image.go, errors.UntilErrorConcurrent).
    const argv = ctx.argv.kind('load', 'docker-image', '--name', ctx.opts.clusterName, ...images);
    return [
      {
        title: { ja: 'イメージをノードへ読み込む', en: 'Load the images into the nodes' },
        shown: argv,
        execute: async (io, signal) => void mustSucceed(await io.run(argv, ctx.timeouts.load, signal), 'kind load docker-image'),
      },
    ];
  },
};
