// `kindlab doctor` (and `up` before it starts) in one call: what the repository asks for, gathered, judged.
import { readFile } from 'node:fs/promises';
import type { ProfileName } from '../../../lessons/profile-names.js';
import type { runProcess } from '../../process.js';
import { profileFacts } from '../profiles/index.js';
import { doctorExitCode, evaluateDoctor } from './checks/index.js';
import { gatherDoctorFacts } from './facts.js';
import type { DoctorCheck, DoctorFacts } from './types.js';

/**
 * Reads the host ports from kind-config.yaml and the Calico pin from addons/checksums.json, gathers, judges.
 * Pass env with the --fix folder (defaultBinDir()) first on PATH so installed tools are found.
 */
export async function checkMachine(opts: {
  profile: ProfileName;
  baseConfigPath: string;
  addonsDir: string;
  env?: Record<string, string | undefined>;
  runner?: typeof runProcess;
}): Promise<{ facts: DoctorFacts; checks: DoctorCheck[]; exitCode: 0 | 3 }> {
  const { parseKindConfig, summarizeKindConfig } = await import('../kind-config.js');
  const { calicoPin } = await import('../profiles/calico-manifest.js');
  const summary = summarizeKindConfig(parseKindConfig(await readFile(opts.baseConfigPath, 'utf8'), opts.baseConfigPath));
  let calicoPinned: DoctorFacts['calicoPinned'];
  if (profileFacts(opts.profile).cni === 'calico') {
    const pin = await calicoPin(opts.addonsDir);
    calicoPinned = { pinned: pin.sha256 !== null, version: pin.version };
  }
  const facts = await gatherDoctorFacts({
    profile: opts.profile,
    ports: summary.portMappings.map((p) => ({ port: p.hostPort, address: p.listenAddress })),
    calicoPinned,
    env: opts.env,
    runner: opts.runner,
  });
  const checks = evaluateDoctor(facts, { profile: opts.profile });
  return { facts, checks, exitCode: doctorExitCode(checks) };
}
