// host-ports: every host port kind-config.yaml maps (ingress in later lessons) is free; one line per port.
import type { NamedCheck } from '../types.js';
import { note } from './text.js';

export const hostPortsCheck: NamedCheck = {
  name: 'host-ports',
  judge: (facts) => {
    const findAndStop = note('使っているプログラムを見つけて止めてください', 'find the program, then stop it');
    return facts.ports.map((p) => ({
      id: `port-${p.port}`,
      ok: p.free,
      severity: 'error' as const,
      title: { ja: `ホストのポート ${p.port} が空いている（後のレッスンの Ingress 用）`, en: `Host port ${p.port} is free (ingress in later lessons)` },
      expected: { ja: `${p.address}:${p.port} で待ち受けているものがない`, en: `nothing listening on ${p.address}:${p.port}` },
      observed: p.free ? { ja: '空き', en: 'free' } : p.error === undefined || p.error === 'in use' ? { ja: '使用中', en: 'in use' } : p.error,
      fix: {
        linux: [`sudo ss -ltnp 'sport = :${p.port}'`, findAndStop],
        macos: [`lsof -nP -iTCP:${p.port} -sTCP:LISTEN`, findAndStop],
      },
    }));
  },
};
