// Step: write the kind config for the profile (networking patched in, node images chosen).
import { renderKindConfigWithNodeImages } from '../verified-images.js';
import type { UpStep } from './step.js';

export const writeConfig: UpStep = {
  name: 'write-config',
  plan(ctx) {
    const { profile } = ctx.opts;
    const substituted = ctx.nodeImages.filter((n) => n.use !== n.pinned);
    const why = {
      ja: substituted.map(
        (n) =>
          `: ノードイメージは ${n.use}（イメージ ID ${n.imageId}、kindlab bundle load で確認済み。この Docker は ${n.pinned} をダイジェストで見つけられないため）`,
      ),
      en: substituted.map(
        (n) => `: node image ${n.use} (image ID ${n.imageId}, verified by kindlab bundle load; this Docker cannot find ${n.pinned} by its digest)`,
      ),
    };
    return [
      {
        title: { ja: `kind 設定を生成（${profile}）${why.ja.join('')}`, en: `Write the kind config for ${profile}${why.en.join('')}` },
        async execute(io) {
          await io.writeFile(ctx.files.kindConfig, renderKindConfigWithNodeImages(ctx.base, ctx.nodeImages, ctx.facts.networking, profile));
          return ctx.files.kindConfig;
        },
      },
    ];
  },
};
