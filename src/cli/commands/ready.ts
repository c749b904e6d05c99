import path from 'node:path';
import { EXIT, type Command } from '../command.js';
import { chosenProfile, renderDoctor, toolEnv } from '../cluster-lifecycle.js';

export const ready: Pick<Command, 'run'> = {
  async run(app, args) {
    const profile = await chosenProfile(app, args.values.profile as string | undefined);
    const env = await toolEnv(app);
    const { checkMachine } = await import('../../cluster/kind/doctor.js');
    const machine = await checkMachine({ profile, baseConfigPath: path.join(app.root, 'kind-config.yaml'), addonsDir: path.join(app.root, 'addons'), env });
    renderDoctor(app, machine.checks.filter((c) => !c.ok));
    const { imagesFor } = await import('../../cluster/kind/images.js');
    const { imagesPresent } = await import('../../cluster/kind/images-present.js');
    const presence = machine.facts.docker.reachable ? await imagesPresent(imagesFor(profile), { env, signal: app.signal }) : [];
    // Lessons 11-13: cloud-provider-kind starts an Envoy image it names itself; ask it (offline) which.
    const { CLOUD_PROVIDER_KIND_IMAGE } = await import('../../cluster/kind/images.js');
    if (presence.some((p) => p.ref === CLOUD_PROVIDER_KIND_IMAGE.ref && p.present)) {
      const { cloudProviderProxyImages } = await import('../../cluster/kind/addons/cloud-provider-kind.js');
      const proxies = await cloudProviderProxyImages({ env }, { timeoutMs: 60_000, signal: app.signal }).catch(() => []);
      presence.push(...(await imagesPresent(proxies.map((ref) => ({ ref, purpose: { ja: '', en: '' }, source: 'cloud-provider-kind list-images', loadIntoNodes: false })), { env, signal: app.signal })));
    }
    const missing = presence.filter((p) => !p.present);
    if (app.out.mode === 'json') {
      app.out.json({ profile, doctor: machine.checks, images: presence, ready: machine.exitCode === 0 && missing.length === 0 && presence.length > 0 });
    } else {
      for (const p of presence) app.out.line(`${p.present ? app.out.style('green', '✓') : app.out.style('red', '✗')} ${p.ref}${p.detail ? app.out.style('dim', `  (${p.detail})`) : ''}`);
      if (missing.length) {
        app.out.line(app.lang === 'ja' ? '足りないイメージ: kindlab bundle load <講師のバンドル> または kindlab images pull' : 'Missing images: kindlab bundle load <instructor bundle>, or kindlab images pull');
      }
      const ok = machine.exitCode === 0 && missing.length === 0 && presence.length > 0;
      app.out.line(ok ? app.out.style('green', app.lang === 'ja' ? '✓ 準備完了です' : '✓ Ready for the workshop') : app.out.style('red', app.lang === 'ja' ? '✗ まだ準備が必要です (上の項目を直してください)' : '✗ Not ready yet (fix the items above)'));
    }
    return machine.exitCode === 0 && missing.length === 0 && presence.length > 0 ? EXIT.ok : EXIT.prerequisites;
  },
};
