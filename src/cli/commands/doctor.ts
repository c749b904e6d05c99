import os from 'node:os';
import path from 'node:path';
import { runTasks } from '../../ui/run-tasks.js';
import { EXIT, type Command } from '../command.js';
import type { doctorOptions } from './options.js';
import { chosenProfile, renderDoctor, toolEnv } from '../cluster-setup.js';
import { loadDoctor, loadDoctorFix } from '../../cluster/index.js';

export const doctor: Pick<Command<typeof doctorOptions>, 'run'> = {
  async run(app, args) {
    const profile = await chosenProfile(app, args.values.profile);
    const env = await toolEnv(app);
    const { checkMachine } = await loadDoctor();
    const machine = await checkMachine({ profile, baseConfigPath: path.join(app.root, 'kind-config.yaml'), addonsDir: path.join(app.root, 'addons'), env });
    renderDoctor(app, machine.checks);
    const exit = machine.exitCode === 0 ? EXIT.ok : EXIT.prerequisites;
    if (!args.values.fix) return exit;
    const { planFix, defaultBinDir } = await loadDoctorFix();
    // --fix also installs the pinned kind when another kind works (a warning, not a failure).
    const tasks = planFix(machine.checks, { binDir: defaultBinDir(app.env), platform: os.platform(), arch: os.arch() });
    if (!tasks.length) return exit;
    await runTasks(tasks, app.out, app.signal);
    const again = await checkMachine({ profile, baseConfigPath: path.join(app.root, 'kind-config.yaml'), addonsDir: path.join(app.root, 'addons'), env });
    renderDoctor(
      app,
      again.checks.filter((c) => !c.ok),
    );
    return again.exitCode === 0 ? EXIT.ok : EXIT.prerequisites;
  },
};
