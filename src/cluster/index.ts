// The one door from cli/ into cluster/ (issue 12), as kind's pkg/cluster/provider.go is the one door
// into pkg/cluster/internal/**: a newcomer reads here everything a command may ask of the cluster.
// Importing this file costs nothing at start-up. It names the port's types and errors and the pure
// helpers directly; each module that loads execa or client-node comes through its own load* function,
// imported when a command first needs it, so `kindlab --help` and `list` load neither
// (test/cli/cold-start.test.ts) and each command loads the modules it loaded before the door existed.
// Each load* gives only what the cli uses.
export { ClusterUnreachable, DeadlineExceeded, type Cluster } from './port.js';
export { displayCommand } from './shown-commands.js';
export { contextForCluster } from './context-name.js';
export type { DoctorCheck, DoctorText } from './kind/doctor.js';
export type { TaskTiming } from './kind/lifecycle.js';

/** The lab cluster for lessons: the kind adapter on client-node and kubectl. */
export async function loadClusterAccess() {
  const { openLabCluster } = await import('./open.js');
  return { openLabCluster };
}

/** `kindlab up` and `kindlab down`: plans of tasks (kind, Docker, kubectl). */
export async function loadLifecycle() {
  const { planUp, planDown } = await import('./kind/lifecycle.js');
  return { planUp, planDown };
}

/** `kindlab doctor`: the machine's checks. */
export async function loadDoctor() {
  const { checkMachine } = await import('./kind/doctor.js');
  return { checkMachine };
}

/** `kindlab doctor --fix`: the plan that installs the pinned tools, and where they go. */
export async function loadDoctorFix() {
  const { planFix, defaultBinDir } = await import('./kind/doctor-fix.js');
  return { planFix, defaultBinDir };
}

/** The pinned images: which ones a profile needs, pulling them, loading them into the nodes. */
export async function loadImages() {
  const { ALL_IMAGES, CLOUD_PROVIDER_KIND_IMAGE, imagesFor, planImagesPull, planImagesLoad } = await import('./kind/images.js');
  return { ALL_IMAGES, CLOUD_PROVIDER_KIND_IMAGE, imagesFor, planImagesPull, planImagesLoad };
}

/** Whether Docker has the pinned images (a digest-pinned one by digest, or by its verified tag). */
export async function loadImagePresence() {
  const { imagesPresent } = await import('./kind/images-present.js');
  return { imagesPresent };
}

/** The offline bundle: what it holds, `bundle create` and `bundle load`. */
export async function loadBundle() {
  const [{ bundleContents, planBundleCreate }, { planBundleLoad }] = await Promise.all([import('./kind/bundle-create.js'), import('./kind/bundle-load.js')]);
  return { bundleContents, planBundleCreate, planBundleLoad };
}

/** cloud-provider-kind, the add-on that runs beside the cluster in Docker. */
export async function loadCloudProvider() {
  const { cloudProviderProxyImages, cloudProviderRemoveArgv } = await import('./kind/addons/cloud-provider-kind.js');
  return { cloudProviderProxyImages, cloudProviderRemoveArgv };
}

/** The one way to run a command (argv, deadline, streams apart). */
export async function loadProcess() {
  const { runProcess } = await import('./process.js');
  return { runProcess };
}

/** The cluster profiles (kindnet, calico-*): the default one. */
export async function loadProfiles() {
  const { DEFAULT_PROFILE } = await import('./kind/profiles/index.js');
  return { DEFAULT_PROFILE };
}
