// docker-memory: Docker may use enough memory for 3 nodes and the lessons' Pods.
import { MIN_DOCKER_MEMORY } from '../thresholds.js';
import type { NamedCheck } from '../types.js';
import { GiB, note } from './text.js';

export const dockerMemoryCheck: NamedCheck = {
  name: 'docker-memory',
  judge: (facts) => {
    const dockerMem = facts.docker.memTotalBytes;
    return {
      id: 'docker-memory',
      ok: dockerMem !== undefined && dockerMem >= MIN_DOCKER_MEMORY,
      ...(dockerMem === undefined ? { unknown: true } : {}),
      severity: 'error',
      title: { ja: 'Docker が使えるメモリが 3 ノードに足りる', en: 'Docker has enough memory for 3 nodes' },
      expected: `>= ${GiB(MIN_DOCKER_MEMORY)}`,
      observed:
        dockerMem === undefined
          ? facts.docker.reachable
            ? { ja: '不明 (docker info がメモリ量を示しませんでした)', en: 'not known (docker info gave no memory size)' }
            : { ja: '確かめられません (Docker に接続できません)', en: 'cannot be checked (Docker not reachable)' }
          : GiB(dockerMem),
      fix: {
        linux: [
          'free -h',
          note(
            'Linux の Docker はホストのメモリを使います。ほかのプログラムを閉じるか、メモリを増やしてください',
            'Docker uses the host memory on Linux: close other programs or add memory',
          ),
        ],
        macos: [
          note(
            'Docker Desktop の「Settings → Resources → Memory」を 6 GB 以上にして「Apply & restart」',
            'Docker Desktop → Settings → Resources → Memory: 6 GB or more, then Apply & restart',
          ),
          'docker info --format "{{.MemTotal}}"',
        ],
      },
    };
  },
};
