// cloud-provider-kind (kubernetes-sigs): LoadBalancer external IPs, an IngressClass and a
// Gateway API implementation for kind, in one pinned image. It does not run in the cluster: it
// runs beside the nodes as a Docker container with the Docker socket, watches every kind cluster,
// and starts one Envoy container per LoadBalancer Service or Gateway. So it cannot go through the
// Cluster port's kubectl path; this module is the one place that starts it (docker, argv only,
// with a deadline), and then waits through the port until the cluster shows what it installs.
// Why this add-on and not ingress-nginx or MetalLB: docs/addons.md.
import { CLOUD_PROVIDER_CLASS, CLOUD_PROVIDER_CONTAINER, CLOUD_PROVIDER_RESTART, cloudProviderRunArgv } from '../../../lessons/addons.js';
import { DeadlineExceeded, type CallOptions, type Cluster, type ObjectRef } from '../../port.js';
import { runProcess, type ProcessResult } from '../../process.js';
import { CLOUD_PROVIDER_KIND_IMAGE } from '../images.js';
import { SetupProblem } from '../problem.js';
import { verifiedLocalReference } from '../verified-images.js';

/** How to reach the host's Docker (tests put a fake docker first on PATH through env). */
export interface HostDocker {
  env?: Record<string, string | undefined>;
  runner?: typeof runProcess;
}

export { CLOUD_PROVIDER_RESTART, cloudProviderRunArgv, KIND_NETWORK } from '../../../lessons/addons.js';

export type ProviderContainer = { state: 'absent' } | { state: 'running' | 'stopped'; image: string; restart: string };

const INSPECT_FORMAT = '{{.State.Running}} {{.HostConfig.RestartPolicy.Name}} {{.Config.Image}}';

const dockerUnreachable = (r: ProcessResult) =>
  new SetupProblem(
    'docker-unreachable',
    { ja: 'Docker に接続できないため cloud-provider-kind を起動できません', en: 'Cannot reach Docker, so cloud-provider-kind cannot be started' },
    { ja: 'docker が応答する', en: 'docker answers' },
    (r.stderr || r.stdout).trim().split('\n')[0] || `exit code ${r.exitCode}`,
    {
      ja: 'Docker（Docker Desktop）が起動しているか確認し、kindlab doctor を実行してください。',
      en: 'Check that Docker (Docker Desktop) is running, then run kindlab doctor.',
    },
  );

/** What the host's Docker holds under the provider's container name. */
export async function inspectCloudProvider(host: HostDocker, opts: CallOptions): Promise<ProviderContainer> {
  const run = host.runner ?? runProcess;
  const r = await run(['docker', 'container', 'inspect', '--format', INSPECT_FORMAT, CLOUD_PROVIDER_CONTAINER], {
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
    env: host.env,
  });
  if (r.exitCode !== 0) {
    // docker prints "Error: No such container: NAME" (older: "Error response from daemon: No such container: NAME").
    if (/no such (container|object)/i.test(r.stderr)) return { state: 'absent' };
    throw dockerUnreachable(r);
  }
  const [running, restart, image] = r.stdout.trim().split(/\s+/, 3);
  return { state: running === 'true' ? 'running' : 'stopped', image: image ?? '', restart: restart ?? '' };
}

export type ProviderAction = 'already-running' | 'started' | 'created' | 'replaced';

async function mustRun(argv: string[], host: HostDocker, opts: CallOptions): Promise<void> {
  const run = host.runner ?? runProcess;
  const r = await run(argv, { timeoutMs: opts.timeoutMs, signal: opts.signal, env: host.env });
  if (r.exitCode === 0) return;
  const said = (r.stderr || r.stdout).trim();
  const noNetwork = /network kind not found|network .*kind.* not found/i.test(said);
  throw new SetupProblem(
    'cloud-provider-start',
    { ja: 'cloud-provider-kind のコンテナを起動できませんでした', en: 'The cloud-provider-kind container did not start' },
    { ja: `${argv.slice(0, 3).join(' ')} が成功する`, en: `${argv.slice(0, 3).join(' ')} succeeds` },
    r.timedOut
      ? { ja: `${Math.round(opts.timeoutMs / 1000)}s で時間切れ`, en: `timed out after ${Math.round(opts.timeoutMs / 1000)}s` }
      : said.split('\n').slice(-3).join(' ') || { ja: `終了コード ${r.exitCode}`, en: `exit code ${r.exitCode}` },
    noNetwork
      ? {
          ja: 'kind のネットワークがまだありません。先に kindlab up でクラスタを作ってください。',
          en: 'There is no kind network yet. Create the cluster first with kindlab up.',
        }
      : {
          ja: `イメージを取得できない場合はネットワークを確認するか、kindlab images pull / bundle load で事前に入れてください。詳しくは docker logs ${CLOUD_PROVIDER_CONTAINER}。`,
          en: `If the image cannot be pulled, check the network or preload it (kindlab images pull, or bundle load). Details: docker logs ${CLOUD_PROVIDER_CONTAINER}.`,
        },
  );
}

/**
 * Makes sure exactly the pinned provider runs: left alone when it already runs the pinned image,
 * started when stopped, replaced when it runs another image or lacks the restart policy (as an
 * older kindlab started it), created when absent.
 */
export async function ensureCloudProviderContainer(
  host: HostDocker,
  opts: CallOptions,
  pinned: string = CLOUD_PROVIDER_KIND_IMAGE.ref,
): Promise<ProviderAction> {
  // After `bundle load` on an engine that dropped the digest: the tag it verified by image ID (no command without a record).
  const image = await verifiedLocalReference(pinned, { env: host.env, runner: host.runner, timeoutMs: opts.timeoutMs, signal: opts.signal });
  const found = await inspectCloudProvider(host, opts);
  if (found.state !== 'absent' && found.image === image && found.restart === CLOUD_PROVIDER_RESTART) {
    if (found.state === 'running') return 'already-running';
    await mustRun(['docker', 'start', CLOUD_PROVIDER_CONTAINER], host, opts);
    return 'started';
  }
  if (found.state !== 'absent') await mustRun(['docker', 'rm', '-f', CLOUD_PROVIDER_CONTAINER], host, opts);
  await mustRun(cloudProviderRunArgv(image), host, opts);
  return found.state === 'absent' ? 'created' : 'replaced';
}

/** `docker rm -f` of the provider, for `kindlab down` (its Envoy containers go with the cluster's network). */
export function cloudProviderRemoveArgv(): string[] {
  return ['docker', 'rm', '-f', CLOUD_PROVIDER_CONTAINER];
}

/**
 * What the provider creates in the cluster once it has found it: the Gateway API CRDs it embeds
 * (standard channel), its GatewayClass and its IngressClass. The GatewayClass can only exist once
 * the CRDs are established, so `Exists` on it is the readiness the lessons need.
 */
export const PROVIDER_READY: ObjectRef[] = [
  { kind: 'customresourcedefinition', name: 'gatewayclasses.gateway.networking.k8s.io' },
  { kind: 'customresourcedefinition', name: 'gateways.gateway.networking.k8s.io' },
  { kind: 'customresourcedefinition', name: 'httproutes.gateway.networking.k8s.io' },
  { kind: 'gatewayclass', name: CLOUD_PROVIDER_CLASS },
  { kind: 'ingressclass', name: CLOUD_PROVIDER_CLASS },
];

/** Installs (or finds) the provider and waits, within opts.timeoutMs in all, until the cluster shows it. */
export async function installCloudProviderKind(
  cluster: Cluster,
  opts: CallOptions,
  host: HostDocker = {},
  image: string = CLOUD_PROVIDER_KIND_IMAGE.ref,
): Promise<ProviderAction> {
  const deadline = Date.now() + opts.timeoutMs;
  const left = () => Math.max(1, deadline - Date.now());
  const action = await ensureCloudProviderContainer(host, { timeoutMs: left(), signal: opts.signal }, image);
  for (const ref of PROVIDER_READY) {
    try {
      await cluster.wait({ ref, condition: 'Exists', timeoutMs: left() }, { signal: opts.signal });
    } catch (err) {
      if (!(err instanceof DeadlineExceeded)) throw err;
      throw new SetupProblem(
        'cloud-provider-not-ready',
        { ja: `cloud-provider-kind が ${ref.kind}/${ref.name} を作りませんでした`, en: `cloud-provider-kind did not create ${ref.kind}/${ref.name}` },
        { ja: `${ref.kind}/${ref.name} がある`, en: `${ref.kind}/${ref.name} exists` },
        err.lastSeen ? err.lastSeenText : { ja: 'なし', en: 'absent' },
        {
          ja: `docker logs ${CLOUD_PROVIDER_CONTAINER} を確認してください。別の cloud-provider-kind が動いていると衝突します（docker ps で確認）。`,
          en: `Read docker logs ${CLOUD_PROVIDER_CONTAINER}. Another cloud-provider-kind running on this machine would conflict (check docker ps).`,
        },
      );
    }
  }
  return action;
}

/**
 * The images the pinned provider itself starts (its Envoy proxy), as it lists them: the offline
 * bundle saves these too. Asked of the binary rather than written here, because its proxy tag
 * could not be checked from this repository (docs/addons.md).
 */
export async function cloudProviderProxyImages(host: HostDocker, opts: CallOptions): Promise<string[]> {
  const run = host.runner ?? runProcess;
  const image = await verifiedLocalReference(CLOUD_PROVIDER_KIND_IMAGE.ref, {
    env: host.env,
    runner: host.runner,
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
  });
  const argv = ['docker', 'run', '--rm', image, 'list-images'];
  const r = await run(argv, { timeoutMs: opts.timeoutMs, signal: opts.signal, env: host.env });
  const images = parseImageList(r.stdout);
  if (r.exitCode !== 0 || images.length === 0) {
    throw new SetupProblem(
      'cloud-provider-images',
      { ja: 'cloud-provider-kind が使うイメージの一覧を読めませんでした', en: 'Could not read the images cloud-provider-kind uses' },
      { ja: 'list-images が返すイメージ名', en: 'image references from list-images' },
      (r.stderr || r.stdout).trim().split('\n')[0] || `exit code ${r.exitCode}`,
      { ja: `先に docker pull ${CLOUD_PROVIDER_KIND_IMAGE.ref} を実行してください。`, en: `Run docker pull ${CLOUD_PROVIDER_KIND_IMAGE.ref} first.` },
    );
  }
  return images;
}

/** Image references in `list-images` output: one per line, possibly among log lines. */
export function parseImageList(stdout: string): string[] {
  const refs = stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^([a-z0-9.-]+(:\d+)?\/)?[a-z0-9._/-]+(:[A-Za-z0-9._-]+)?(@sha256:[0-9a-f]{64})?$/.test(line) && /[:@]/.test(line));
  return [...new Set(refs)];
}
