// Step (Calico profiles): verify the pinned Calico manifest's sha256 and write it with the profile's
// IP pool set. It runs before any cluster change: a missing or wrong manifest must not leave a
// half-made cluster.
import { parseManifest, patchCalicoObjects, renderManifest } from '../profiles/calico-manifest.js';
import type { UpStep } from './step.js';

export const prepareCalico: UpStep = {
  name: 'prepare-calico',
  plan(ctx) {
    const install = ctx.facts.calico;
    if (!install) return [];
    const { opts } = ctx;
    return [
      {
        title: { ja: 'Calico マニフェストの sha256 を確認し、IP プールを設定', en: 'Verify the Calico manifest sha256 and set the IP pool' },
        async execute(io, signal) {
          const { path, pin } = await io.ensureCalicoManifest({
            addonsDir: opts.addonsDir,
            cacheDir: opts.cacheDir,
            allowDownload: opts.allowDownload ?? true,
            timeoutMs: ctx.timeouts.load,
            signal,
          });
          const patched = patchCalicoObjects(parseManifest(await io.readFile(path)), install);
          await io.writeFile(ctx.files.calico, renderManifest(patched));
          return `Calico ${pin.version}: ${Object.entries(install.env)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}`;
        },
      },
    ];
  },
};
