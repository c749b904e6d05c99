// How the CLI sets up the lab cluster: doctor before up, the repair/recreate question, task
// progress and durations at the end of up/down, the profile and tool environment. Heavy modules load only when used.
import path from 'node:path';
import {
  type DoctorCheck,
  type DoctorText,
  loadCloudProvider,
  loadDoctor,
  loadDoctorFix,
  loadImagePresence,
  loadImages,
  loadLifecycle,
  loadProcess,
  loadProfiles,
  type TaskTiming,
} from '../cluster/index.js';
import type { Task } from '../core/task.js';
import { formatDuration } from '../lessons/duration.js';
import { isProfile, PROFILES, type ProfileName } from '../lessons/profile-names.js';
import { cacheDir, stateDir } from '../core/paths.js';
import { StateNotSaved } from '../state/settings.js';
import { fill, fillText, messages } from '../ui/messages.js';
import type { Output, View } from '../ui/output.js';
import { runTasks } from '../ui/run-tasks.js';
import type { App } from './app.js';
import { EXIT, UsageError } from './command.js';

export async function chosenProfile(app: App, flag: string | undefined): Promise<ProfileName> {
  const { DEFAULT_PROFILE } = await loadProfiles();
  const name = flag ?? (await app.settings.load()).settings.profile ?? DEFAULT_PROFILE;
  if (!isProfile(name)) throw new UsageError(fillText(messages.profileChoice, { profiles: PROFILES.join(', '), value: name }));
  return name;
}

/** kind and kubectl installed by `doctor --fix` are found first. */
export async function toolEnv(app: App): Promise<Record<string, string | undefined>> {
  const { defaultBinDir } = await loadDoctorFix();
  return { PATH: `${defaultBinDir(app.env)}${path.delimiter}${app.env.PATH ?? ''}` };
}

/** `duringUp`: `up` goes on after warnings, so no "next: kindlab up" line then. */
export function renderDoctor(app: App, checks: DoctorCheck[], opts: { duringUp?: boolean } = {}): void {
  app.out.show(doctorView, { checks, duringUp: Boolean(opts.duringUp) });
}

const doctorView: View<{ checks: DoctorCheck[]; duringUp: boolean }> = {
  json: ({ checks }) => ({ checks }),
  text: ({ checks, duringUp }, out) => doctorLines(checks, duringUp, out),
};

function doctorLines(checks: DoctorCheck[], duringUp: boolean, out: Output): void {
  // A plain string is data (versions, commands, a tool's own words): the same in both languages.
  const show = (text: DoctorText) => (typeof text === 'string' ? text : out.t(text));
  for (const check of checks) {
    // Not known is not a pass: "?" says doctor could not tell (observed says why).
    const mark = check.ok
      ? out.style('green', '✓')
      : check.unknown
        ? out.style('yellow', '?')
        : check.severity === 'error'
          ? out.style('red', '✗')
          : out.style('yellow', '!');
    out.line(`${mark} ${out.t(check.title)}: ${show(check.observed)}`);
    if (check.ok) continue;
    out.line(`    ${out.t(messages.expected)}: ${show(check.expected)}`);
    for (const [os, commands] of [
      ['Linux', check.fix.linux],
      ['macOS', check.fix.macos],
    ] as const) {
      if (!commands.length) continue;
      out.line(`    ${os}:`);
      for (const command of commands)
        out.line(typeof command === 'string' ? out.style('cyan', `      ${command}`) : out.style('dim', `      ${show(command)}`));
    }
  }
  // Every failure ends with what to run next.
  if (checks.some((c) => !c.ok && !c.unknown && c.severity === 'error')) out.line(out.t(messages.doctorNextFix));
  else if (!duringUp && checks.some((c) => !c.ok)) out.line(out.t(messages.doctorNextUp));
}

function renderTimings(app: App, timings: TaskTiming[], started: number): void {
  // An event for programs (--json), lines for a person: each renderer writes the one it shows.
  app.out.event('timings', { timings, totalMs: Date.now() - started });
  for (const t of timings) app.out.line(app.out.style('dim', `  ${formatDuration(t.durationMs).padStart(7)}  ${app.out.t(t.title)}`));
  app.out.line(app.out.style('green', `✓ ${app.out.t(messages.took)} ${formatDuration(Date.now() - started)}`));
}

export interface UpFlags {
  profile?: string;
  yes: boolean;
  preload: boolean;
  skipDoctor?: boolean;
  consent?: 'repair' | 'recreate';
}

export async function runUp(app: App, flags: UpFlags): Promise<number> {
  const started = Date.now();
  const profile = await chosenProfile(app, flags.profile);
  const env = await toolEnv(app);
  const addonsDir = path.join(app.root, 'addons');
  const baseConfigPath = path.join(app.root, 'kind-config.yaml');
  if (!flags.skipDoctor) {
    const { checkMachine } = await loadDoctor();
    const machine = await checkMachine({ profile, baseConfigPath, addonsDir, env });
    const failed = machine.checks.filter((c) => !c.ok);
    if (failed.length) renderDoctor(app, failed, { duringUp: true });
    if (machine.exitCode !== 0) return EXIT.prerequisites;
  }
  const { planUp } = await loadLifecycle();
  const { imagesFor } = await loadImages();
  let preloadImages: string[] | undefined;
  if (flags.preload) {
    // Only what is in local Docker can be loaded into the nodes; the rest is pulled by the nodes later.
    const { imagesPresent } = await loadImagePresence();
    const presence = await imagesPresent(
      imagesFor(profile).filter((i) => i.loadIntoNodes),
      { env, signal: app.signal },
    );
    preloadImages = presence.filter((p) => p.present).map((p) => p.ref);
    const missing = presence.filter((p) => !p.present).map((p) => p.ref);
    if (missing.length) {
      app.out.warn(fill(app.out.t(messages.preloadMissing), { images: missing.join(', ') }));
    }
  }
  const options = {
    clusterName: app.clusterName,
    profile,
    baseConfigPath,
    workDir: path.join(stateDir(app.env), 'clusters', app.clusterName),
    addonsDir,
    cacheDir: cacheDir(app.env),
    env,
    preloadImages: preloadImages?.length ? preloadImages : undefined,
    consent: flags.consent,
  };
  let plan = await planUp(options, app.signal);
  if (plan.action === 'ask') {
    app.out.warn(app.out.t(plan.problem));
    const choice = flags.yes
      ? plan.choices[0]!
      : app.interactive
        ? await app.prompts.select(
            app.out.t(messages.upChoice),
            plan.choices.map((c) => ({ name: c, value: c })),
          )
        : undefined;
    if (!choice) {
      app.out.error(app.out.t(messages.upNeedsConsent));
      return EXIT.prerequisites;
    }
    plan = await planUp({ ...options, consent: choice }, app.signal);
  }
  if (plan.action === 'ask') return EXIT.prerequisites;
  if (plan.action === 'reuse') {
    app.out.line(app.out.style('green', `✓ ${app.out.t(plan.message)}`));
  } else {
    await runTasks(plan.tasks, app.out, app.signal);
    renderTimings(app, plan.timings, started);
  }
  // The cluster is up either way; a settings folder that cannot be written only costs the default.
  await app.settings.save({ profile, cluster: app.clusterName === 'kindlab' ? undefined : app.clusterName }).catch((error: unknown) => {
    if (!(error instanceof StateNotSaved)) throw error;
    app.out.warn(app.out.t(error.text));
  });
  // kindlab leaves the kubeconfig's current-context as it was, so plain kubectl names the lab's context.
  app.out.line(app.out.t(plan.labAccess));
  app.out.line(app.out.t(messages.upNext));
  return EXIT.ok;
}

export async function runDown(app: App): Promise<number> {
  const started = Date.now();
  const { planDown } = await loadLifecycle();
  const plan = await planDown({ clusterName: app.clusterName, env: await toolEnv(app) }, app.signal);
  if (plan.action === 'absent') {
    app.out.line(app.out.t(plan.message));
    return EXIT.ok;
  }
  await runTasks([await removeCloudProviderTask(app), ...plan.tasks], app.out, app.signal);
  renderTimings(app, plan.timings, started);
  return EXIT.ok;
}

/** The cloud-provider-kind container runs beside the nodes (lessons 11-13); it goes with the cluster. */
async function removeCloudProviderTask(app: App): Promise<Task> {
  const { cloudProviderRemoveArgv } = await loadCloudProvider();
  const { runProcess } = await loadProcess();
  const argv = cloudProviderRemoveArgv();
  const env = await toolEnv(app);
  return {
    title: messages.removeCloudProvider,
    shown: argv,
    run: async (signal) => {
      const result = await runProcess(argv, { timeoutMs: 30_000, signal, env });
      // "No such container" is the usual case: only lessons 11-13 start it.
      if (result.exitCode !== 0 && !/No such container/i.test(result.stderr)) throw new Error(result.stderr.trim() || `exit ${result.exitCode}`);
    },
  };
}

/** `reset --all`: delete and recreate the cluster with the same profile; progress is kept. */
export async function recreateCluster(app: App, yes: boolean): Promise<number> {
  if (!yes && app.interactive) {
    const ok = await app.prompts.confirm(fill(app.out.t(messages.recreateConfirm), { cluster: app.clusterName }), false);
    if (!ok) return EXIT.ok;
  } else if (!yes) {
    throw new UsageError(messages.recreateNeedsYes);
  }
  const down = await runDown(app);
  if (down !== EXIT.ok) return down;
  // Whatever images are local go into the new nodes, so a reset in the room pulls nothing over Wi-Fi.
  return runUp(app, { yes: true, preload: true, skipDoctor: true });
}
