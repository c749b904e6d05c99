import { describe, expect, it } from 'vitest';
import { findIpip, findNfqueue } from './kernel-modules.js';

/** Fixture files and paths, typed by hand in the shapes /proc/modules and /lib/modules/<release> have. */
const machine = (files: Record<string, string>, paths: string[] = []) => ({
  read: async (p: string) => files[p] ?? null,
  exists: async (p: string) => paths.includes(p),
});

describe('doctor facts: kernel modules', () => {
  it('ipip listed in /proc/modules is loaded; ipip in /sys/module only is built in; neither is missing', async () => {
    const listed = machine({ '/proc/modules': 'ipip 16384 0 - Live 0x0\ntunnel4 16384 1 ipip, Live 0x0\n' });
    expect(await findIpip('linux', listed.read, listed.exists)).toEqual({
      loaded: true,
      evidence: { ja: '/proc/modules にあります', en: 'listed in /proc/modules' },
    });
    const builtIn = machine({ '/proc/modules': 'tunnel4 16384 0 - Live 0x0\n' }, ['/sys/module/ipip']);
    expect(await findIpip('linux', builtIn.read, builtIn.exists)).toMatchObject({ loaded: true, evidence: { en: '/sys/module/ipip exists (built in)' } });
    const none = machine({ '/proc/modules': 'tunnel4 16384 0 - Live 0x0\n' });
    expect(await findIpip('linux', none.read, none.exists)).toMatchObject({ loaded: false });
  });

  it('off Linux the kernel is inside the Docker VM: not known', async () => {
    const m = machine({ '/proc/modules': 'ipip 1 0 - Live 0x0\n' });
    expect(await findIpip('darwin', m.read, m.exists)).toMatchObject({ loaded: null });
    expect(await findNfqueue('darwin', m.read, m.exists, '6.8.0')).toMatchObject({ available: null });
  });

  it('nfnetlink_queue: loaded, in /sys/module, built in, a module file, absent, or cannot tell', async () => {
    const dir = '/lib/modules/6.8.0-1-generic';
    const find = (files: Record<string, string>, paths: string[] = []) => {
      const m = machine(files, paths);
      return findNfqueue('linux', m.read, m.exists, '6.8.0-1-generic');
    };
    expect((await find({ '/proc/modules': 'nfnetlink_queue 28672 2 - Live 0x0\n' })).available).toBe(true);
    expect((await find({}, ['/sys/module/nfnetlink_queue'])).available).toBe(true);
    expect(await find({ [`${dir}/modules.builtin`]: 'kernel/net/netfilter/nfnetlink_queue.ko\n' })).toMatchObject({
      available: true,
      evidence: { en: `built into the kernel (${dir}/modules.builtin)` },
    });
    const asModule = 'kernel/net/netfilter/nfnetlink_queue.ko.zst: kernel/net/netfilter/nfnetlink.ko.zst\n';
    expect((await find({ [`${dir}/modules.builtin`]: '', [`${dir}/modules.dep`]: asModule })).available).toBe(true);
    const absent = { [`${dir}/modules.builtin`]: 'kernel/net/ipv4/tcp_cubic.ko\n', [`${dir}/modules.dep`]: 'kernel/net/ipv4/ipip.ko:\n' };
    expect((await find(absent)).available).toBe(false);
    expect(await find({})).toMatchObject({ available: null, evidence: { en: `not loaded; ${dir} is unreadable, so whether the kernel has it is not known` } });
  });
});
