// Docker: the daemon answers `docker info`. Without it nothing else can run.
import type { NamedCheck } from '../types.js';
import { note } from './text.js';

export const dockerCheck: NamedCheck = {
  name: 'docker',
  judge: (facts) => ({
    id: 'docker',
    ok: facts.docker.reachable,
    severity: 'error',
    title: { ja: 'Docker デーモンに接続できる', en: 'Docker daemon is reachable' },
    expected: { ja: '`docker info` が応答する', en: '`docker info` answers' },
    observed: facts.docker.reachable ? `Docker ${facts.docker.serverVersion ?? '?'}` : (facts.docker.error ?? { ja: '応答なし', en: 'no answer' }),
    fix: {
      linux: [
        'sudo systemctl start docker',
        'sudo usermod -aG docker "$USER"',
        note('グループの変更は、一度ログアウトしてログインし直すと効きます', 'then log out and back in'),
        'docker info',
      ],
      macos: ['open -a Docker', note('Docker Desktop が起動済みと表示するまで待ちます', 'wait until Docker Desktop says it is running'), 'docker info'],
    },
  }),
};
