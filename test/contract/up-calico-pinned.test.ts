// `kindlab up --profile calico-*` with the repository's own addons/checksums.json and the exact
// upstream Calico v3.31.3 manifest (../shared/upstream, see test/upstream.ts), through planUp with
// fake kind and kubectl (no kind cluster can run here). The manifest is where the product keeps a
// downloaded or bundle-loaded copy: <cache>/calico/calico-v3.31.3.yaml.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { checkMachine } from '../../src/cluster/kind/doctor.js';
import { planUp } from '../../src/cluster/kind/lifecycle.js';
import { calicoPin } from '../../src/cluster/kind/profiles/calico-manifest.js';
import { profileFacts } from '../../src/cluster/kind/profiles/index.js';
import { runQuietly as runTasks } from '../fakes/run-quietly.js';
import { describeWithUpstream, REPO_ROOT, UPSTREAM_CALICO } from '../upstream.js';
import { fakeTools, type FakeRule as Rule } from './fakes/harness.js';

const CTX = ['--context', 'kind-kindlab'];
/** projectcalico/calico@v3.31.3:manifests/calico.yaml (../shared/upstream/calico-v3.31.3/SOURCE.md). */
const UPSTREAM_SHA256 = '4b2e4053abc87427c214128f0e1b065d2f0dbadeb6be4ca3bdc6754e33af0ca7';
const UPSTREAM_BYTES = 329_943;

const rules: Rule[] = [
  { tool: 'kind', argv: ['get', 'clusters'], stdout: '', stderr: 'No kind clusters found.\n' },
  { tool: 'kind', argv: ['create', 'cluster', '...'] },
  { tool: 'kind', argv: ['load', 'docker-image', '...'] },
  { tool: 'kubectl', argv: ['...'] },
];

describeWithUpstream('kindlab up --profile calico-* with the recorded pin', UPSTREAM_CALICO, () => {
  it('addons/checksums.json pins Calico v3.31.3 by the sha256 of the upstream file', async () => {
    const bytes = readFileSync(UPSTREAM_CALICO);
    expect(statSync(UPSTREAM_CALICO).size).toBe(UPSTREAM_BYTES);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(UPSTREAM_SHA256);
    const pin = await calicoPin(join(REPO_ROOT, 'addons'));
    expect(pin.version).toBe('v3.31.3');
    expect(pin.url).toBe('https://raw.githubusercontent.com/projectcalico/calico/v3.31.3/manifests/calico.yaml');
    expect(pin.sha256).toBe(UPSTREAM_SHA256);
  });

  it.each(['calico-vxlan', 'calico-ipip', 'calico-bgp'] as const)('%s: the doctor run before up finds the Calico manifest pinned', async (profile) => {
    // Only the pin is judged here; the other checks answer whatever the fake tools and this host say.
    const fake = fakeTools([
      { tool: 'docker', argv: ['...'], exitCode: 1, stderr: 'Cannot connect to the Docker daemon\n' },
      { tool: 'kind', argv: ['version'], stdout: 'kind v0.30.0 go1.24.6 linux/amd64\n' },
      { tool: 'kubectl', argv: ['...'], exitCode: 1 },
    ]);
    const result = await checkMachine({ profile, baseConfigPath: join(REPO_ROOT, 'kind-config.yaml'), addonsDir: join(REPO_ROOT, 'addons'), env: fake.env });
    const pin = result.checks.find((c) => c.id === 'calico-manifest');
    expect(pin?.ok).toBe(true);
  });

  it.each(['calico-vxlan', 'calico-ipip', 'calico-bgp'] as const)('%s passes the pin check and installs the patched upstream manifest', async (profile) => {
    const work = mkdtempSync(join(tmpdir(), 'kindlab-calico-up-'));
    const cacheDir = join(work, 'cache');
    mkdirSync(join(cacheDir, 'calico'), { recursive: true });
    copyFileSync(UPSTREAM_CALICO, join(cacheDir, 'calico', 'calico-v3.31.3.yaml'));
    const fake = fakeTools(rules);
    const plan = await planUp({
      clusterName: 'kindlab',
      profile,
      baseConfigPath: join(REPO_ROOT, 'kind-config.yaml'),
      workDir: join(work, 'state'),
      addonsDir: join(REPO_ROOT, 'addons'),
      cacheDir,
      allowDownload: false,
      env: fake.env,
      runner: fake.runner,
    });
    if (plan.action !== 'create') throw new Error(plan.action);
    await runTasks(plan.tasks);
    const calicoFile = join(work, 'state', `calico.${profile}.yaml`);
    expect(fake.commands()).toContainEqual(['kubectl', ...CTX, 'apply', '--server-side', '-f', calicoFile]);
    const objects = parseAllDocuments(readFileSync(calicoFile, 'utf8')).map((d) => d.toJS()) as Array<Record<string, any>>;
    const node = objects
      .find((o) => o.kind === 'DaemonSet' && o.metadata.name === 'calico-node')!
      .spec.template.spec.containers.find((c: any) => c.name === 'calico-node');
    const env = Object.fromEntries(node.env.filter((e: any) => 'value' in e).map((e: any) => [e.name, e.value]));
    expect(env).toMatchObject(profileFacts(profile).calico!.env);
    expect(objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'calico-config')!.data.calico_backend).toBe(profileFacts(profile).calico!.backend);
    // Every object of the upstream file is applied (the CRDs too), none dropped by the patch.
    expect(objects).toHaveLength(parseAllDocuments(readFileSync(UPSTREAM_CALICO, 'utf8')).filter((d) => d.contents !== null).length);
  });
});
