// What a learner sees of an object in one line (`deployment/web: 1/3 ready, ...`), and the reads of
// its status those lines and the diagnosis share. Pure: objects in, bilingual text out.
import type { Text } from '../../core/text.js';
import type { KubeObject } from '../port.js';

/** Kubernetes' own words only (names, phases, reasons): the same in both languages. */
export const same = (text: string): Text => ({ ja: text, en: text });

/** What a wait was for, e.g. `deployment/web in lab-03` / `lab-03 の deployment/web`. */
export function awaitedObjects(kind: string, match: { name?: string; selector?: string }, namespace: string | undefined): Text {
  const what = `${kind}${match.name ? `/${match.name}` : match.selector ? ` -l ${match.selector}` : ''}`;
  return namespace ? { ja: `${namespace} の ${what}`, en: `${what} in ${namespace}` } : same(what);
}

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}
interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; message?: string };
}
export interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
  image?: string;
}

export const get = <T>(obj: unknown, ...path: string[]): T | undefined => {
  let cur: unknown = obj;
  for (const p of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur as T | undefined;
};
export const conditions = (obj: KubeObject) => get<Condition[]>(obj, 'status', 'conditions') ?? [];
export const condition = (obj: KubeObject, type: string) => conditions(obj).find((c) => c.type === type);
export const nameOf = (obj: KubeObject) => `${obj.kind.toLowerCase()}/${obj.metadata.name ?? '?'}`;

/** One line per object: what a learner would want to see of it right now. */
export function describeObject(obj: KubeObject): Text {
  const kind = obj.kind;
  if (kind === 'Deployment' || kind === 'StatefulSet' || kind === 'ReplicaSet') {
    const want = get<number>(obj, 'spec', 'replicas') ?? 1;
    const ready = get<number>(obj, 'status', 'readyReplicas') ?? 0;
    const updated = get<number>(obj, 'status', 'updatedReplicas') ?? 0;
    const avail = condition(obj, 'Available');
    const available = avail ? `Available=${avail.status}${avail.reason ? ` (${avail.reason})` : ''}` : '';
    return {
      ja: `${nameOf(obj)}: 準備完了 ${ready}/${want}、更新済み ${updated}${available ? `、${available}` : ''}`,
      en: `${nameOf(obj)}: ${ready}/${want} ready, ${updated} up to date${available ? `, ${available}` : ''}`,
    };
  }
  if (kind === 'DaemonSet') {
    const counts = `${get<number>(obj, 'status', 'numberReady') ?? 0}/${get<number>(obj, 'status', 'desiredNumberScheduled') ?? 0}`;
    return { ja: `${nameOf(obj)}: 準備完了 ${counts}`, en: `${nameOf(obj)}: ${counts} ready` };
  }
  if (kind === 'Pod') {
    const phase = get<string>(obj, 'status', 'phase') ?? 'Unknown';
    const ready = condition(obj, 'Ready');
    const waiting = podContainerStatuses(obj)
      .map((c) => c.state?.waiting?.reason)
      .filter(Boolean);
    return same(`${nameOf(obj)}: ${phase}${ready ? `, Ready=${ready.status}` : ''}${waiting.length ? ` (${[...new Set(waiting)].join(', ')})` : ''}`);
  }
  if (kind === 'Node') {
    const ready = condition(obj, 'Ready');
    return same(`${nameOf(obj)}: Ready=${ready?.status ?? 'Unknown'}${ready?.reason ? ` (${ready.reason})` : ''}`);
  }
  if (kind === 'Namespace') {
    return same(`${nameOf(obj)}: ${get<string>(obj, 'status', 'phase') ?? 'Active'}`);
  }
  if (kind === 'Job') {
    const done = conditions(obj).find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
    const succeeded = get<number>(obj, 'status', 'succeeded') ?? 0;
    const failed = get<number>(obj, 'status', 'failed') ?? 0;
    return {
      ja: `${nameOf(obj)}: ${done ? done.type : '実行中'}、成功 ${succeeded}、失敗 ${failed}`,
      en: `${nameOf(obj)}: ${done ? done.type : 'running'}, ${succeeded} succeeded, ${failed} failed`,
    };
  }
  return { ja: `${nameOf(obj)}: あり`, en: `${nameOf(obj)}: exists` };
}

export function describeLastSeen(objects: KubeObject[]): Text {
  if (objects.length === 0) return { ja: '一致するオブジェクトなし', en: 'no matching object' };
  const shown = objects.slice(0, 5).map(describeObject);
  if (objects.length > 5) shown.push({ ja: `…ほか ${objects.length - 5} 件`, en: `... and ${objects.length - 5} more` });
  return { ja: shown.map((s) => s.ja).join('; '), en: shown.map((s) => s.en).join('; ') };
}

export const podContainerStatuses = (pod: KubeObject): ContainerStatus[] => [
  ...(get<ContainerStatus[]>(pod, 'status', 'initContainerStatuses') ?? []),
  ...(get<ContainerStatus[]>(pod, 'status', 'containerStatuses') ?? []),
];
