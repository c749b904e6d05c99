// Kernel modules a profile needs from the host kernel (kind's nodes share it): where to look and what was found.
import type { DoctorFacts, Platform } from './types.js';

type Read = (path: string) => Promise<string | null>;
type Exists = (path: string) => Promise<boolean>;

const listed = { ja: '/proc/modules にあります', en: 'listed in /proc/modules' };
const insideDockerVm = {
  ja: 'この OS からは確かめられません (カーネルは Docker の VM の中です)',
  en: 'cannot be checked from this OS (the kernel is inside the Docker VM)',
};

/** ipip: loaded (/proc/modules) or built in (/sys/module/ipip). */
export async function findIpip(platform: Platform, read: Read, exists: Exists): Promise<DoctorFacts['ipip']> {
  if (platform !== 'linux') return { loaded: null, evidence: insideDockerVm };
  const modules = await read('/proc/modules');
  const sysModule = await exists('/sys/module/ipip');
  const inModules = modules !== null && /^ipip\s/m.test(modules);
  if (inModules) return { loaded: true, evidence: listed };
  return sysModule
    ? { loaded: true, evidence: { ja: '/sys/module/ipip があります (組み込み)', en: '/sys/module/ipip exists (built in)' } }
    : { loaded: false, evidence: { ja: '/proc/modules になく、/sys/module/ipip もありません', en: 'not in /proc/modules and no /sys/module/ipip' } };
}

/** nfnetlink_queue: loaded (/proc/modules), built in (/sys/module, modules.builtin), or a module file the kernel can load (modules.dep). */
export async function findNfqueue(platform: Platform, read: Read, exists: Exists, release: string): Promise<DoctorFacts['nfqueue']> {
  if (platform !== 'linux') return { available: null, evidence: insideDockerVm };
  const modules = await read('/proc/modules');
  if (modules !== null && /^nfnetlink_queue\s/m.test(modules)) return { available: true, evidence: listed };
  if (await exists('/sys/module/nfnetlink_queue')) {
    return { available: true, evidence: { ja: '/sys/module/nfnetlink_queue があります', en: '/sys/module/nfnetlink_queue exists' } };
  }
  const dir = `/lib/modules/${release}`;
  const builtin = await read(`${dir}/modules.builtin`);
  if (builtin !== null && /(^|\/)nfnetlink_queue\.ko\b/m.test(builtin)) {
    return { available: true, evidence: { ja: `カーネルに組み込み (${dir}/modules.builtin)`, en: `built into the kernel (${dir}/modules.builtin)` } };
  }
  const dep = await read(`${dir}/modules.dep`);
  if (dep !== null && /(^|\/)nfnetlink_queue\.ko[^:]*:/m.test(dep)) {
    return {
      available: true,
      evidence: {
        ja: `読み込み可能なモジュール (${dir}/modules.dep; kindnetd が使うときにカーネルが読み込みます)`,
        en: `a loadable module (${dir}/modules.dep; the kernel loads it when kindnetd asks)`,
      },
    };
  }
  if (builtin !== null && dep !== null) {
    return { available: false, evidence: { ja: `読み込まれておらず、${dir} にもありません`, en: `not loaded, and neither built in nor a module in ${dir}` } };
  }
  return {
    available: null,
    evidence: {
      ja: `読み込まれていません。${dir} を読めないので、使えるかは分かりません`,
      en: `not loaded; ${dir} is unreadable, so whether the kernel has it is not known`,
    },
  };
}
