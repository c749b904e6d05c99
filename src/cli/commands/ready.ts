import path from 'node:path';
import { messages } from '../../ui/messages.js';
import type { View } from '../../ui/output.js';
import { EXIT, type Command } from '../command.js';
import type { readyOptions } from './options.js';
import { chosenProfile, renderDoctor, toolEnv } from '../cluster-setup.js';
import { loadCloudProvider, loadDoctor, loadImagePresence, loadImages } from '../../cluster/index.js';

type Presence = { ref: string; present: boolean; detail?: string };
type Readiness = { profile: string; doctor: unknown[]; images: Presence[]; ready: boolean };

const readyView: View<Readiness> = {
  json: (readiness) => readiness,
  text({ images, ready }, out) {
    for (const p of images) {
      out.line(`${p.present ? out.style('green', '✓') : out.style('red', '✗')} ${p.ref}${p.detail ? out.style('dim', `  (${p.detail})`) : ''}`);
    }
    if (images.some((p) => !p.present)) {
      out.line(out.t(messages.readyMissingImages));
    }
    out.line(ready ? out.style('green', out.t(messages.readyOk)) : out.style('red', out.t(messages.readyNotYet)));
  },
};

export const ready: Pick<Command<typeof readyOptions>, 'run'> = {
  async run(app, args) {
    const profile = await chosenProfile(app, args.values.profile);
    const env = await toolEnv(app);
    const { checkMachine } = await loadDoctor();
    const machine = await checkMachine({ profile, baseConfigPath: path.join(app.root, 'kind-config.yaml'), addonsDir: path.join(app.root, 'addons'), env });
    renderDoctor(
      app,
      machine.checks.filter((c) => !c.ok),
    );
    const { imagesFor } = await loadImages();
    const { imagesPresent } = await loadImagePresence();
    const presence = machine.facts.docker.reachable ? await imagesPresent(imagesFor(profile), { env, signal: app.signal }) : [];
    // Lessons 11-13: cloud-provider-kind starts an Envoy image it names itself; ask it (offline) which.
    const { CLOUD_PROVIDER_KIND_IMAGE } = await loadImages();
    if (presence.some((p) => p.ref === CLOUD_PROVIDER_KIND_IMAGE.ref && p.present)) {
      const { cloudProviderProxyImages } = await loadCloudProvider();
      const proxies = await cloudProviderProxyImages({ env }, { timeoutMs: 60_000, signal: app.signal }).catch(() => []);
      presence.push(
        ...(await imagesPresent(
          proxies.map((ref) => ({ ref, purpose: { ja: '', en: '' }, source: 'cloud-provider-kind list-images', loadIntoNodes: false })),
          { env, signal: app.signal },
        )),
      );
    }
    const missing = presence.filter((p) => !p.present);
    const ok = machine.exitCode === 0 && missing.length === 0 && presence.length > 0;
    app.out.show(readyView, { profile, doctor: machine.checks, images: presence, ready: ok });
    return ok ? EXIT.ok : EXIT.prerequisites;
  },
};
