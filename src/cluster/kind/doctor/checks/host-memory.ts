// host-memory: the machine itself has memory to spare while the cluster runs (a warning only).
import { MIN_HOST_AVAILABLE } from '../thresholds.js';
import type { NamedCheck } from '../types.js';
import { GiB, note } from './text.js';

export const hostMemoryCheck: NamedCheck = {
  name: 'host-memory',
  judge: (facts) => {
    const avail = facts.hostMemory.availableBytes;
    return {
      id: 'host-memory',
      ok: avail !== null && avail >= MIN_HOST_AVAILABLE,
      ...(avail === null ? { unknown: true } : {}),
      severity: 'warning',
      title: { ja: 'ホストの空きメモリ', en: 'Free memory on this machine' },
      expected: { ja: `空き ${GiB(MIN_HOST_AVAILABLE)} 以上`, en: `>= ${GiB(MIN_HOST_AVAILABLE)} available` },
      observed:
        avail === null
          ? { ja: '不明 (/proc/meminfo を読めません)', en: 'not known (/proc/meminfo unreadable)' }
          : { ja: `空き ${GiB(avail)} (全体 ${GiB(facts.hostMemory.totalBytes)})`, en: `${GiB(avail)} available of ${GiB(facts.hostMemory.totalBytes)}` },
      fix: {
        linux: ['free -h', note('ラボの間は使わないブラウザや IDE を閉じてください', 'close browsers and IDEs you do not need during the lab')],
        macos: ['vm_stat', note('ラボの間は使わないプログラムを閉じてください', 'close programs you do not need during the lab')],
      },
    };
  },
};
