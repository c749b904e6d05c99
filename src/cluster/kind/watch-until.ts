// The one way the kind adapter waits: list, then watch from the list's resourceVersion until the
// matched objects satisfy `holds` or the deadline passes. A watch that ends (server timeout, 410 Gone,
// a reset connection) is re-established from a fresh list; the caller diagnoses a timeout.
import { remainingMs } from '../deadline.js';
import { ClusterUnreachable, type KubeObject } from '../port.js';
import type { ResourceInfo } from '../../core/kube-resources.js';
import { ApiError, type KubeApi } from './kube-api.js';

export interface WatchOutcome {
  met: boolean;
  lastSeen: KubeObject[];
  lastError?: string;
}

const objectKey = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

export function watchUntil(
  api: KubeApi,
  r: ResourceInfo,
  namespace: string | undefined,
  match: { name?: string; selector?: string },
  holds: (objs: KubeObject[]) => boolean,
  deadline: number,
  signal: AbortSignal | undefined,
): Promise<WatchOutcome> {
  const query = { labelSelector: match.selector, fieldSelector: match.name ? `metadata.name=${match.name}` : undefined };
  return new Promise<WatchOutcome>((resolve, reject) => {
    let current = new Map<string, KubeObject>();
    let finished = false;
    let lastError: string | undefined;
    let controller: AbortController | undefined;
    let generation = 0; // events from a watch that was replaced are ignored
    const stop = new AbortController();
    const finish = (met: boolean, err?: unknown) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      controller?.abort();
      stop.abort();
      if (err !== undefined) reject(err);
      else resolve({ met, lastSeen: [...current.values()], ...(lastError ? { lastError } : {}) });
    };
    const onAbort = () => finish(false, signal?.reason ?? new Error('aborted'));
    const timer = setTimeout(() => finish(false), Math.max(0, deadline - Date.now()));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const check = () => {
      if (holds([...current.values()])) finish(true);
    };

    const cycle = async () => {
      let failures = 0;
      let listedOnce = false;
      while (!finished) {
        try {
          const listed = await api.list(r, namespace, query, { timeoutMs: remainingMs(deadline), signal: stop.signal });
          if (finished) return;
          current = new Map(listed.items.map((o) => [objectKey(o), o]));
          listedOnce = true;
          check();
          if (finished) return;
          const mine = ++generation;
          const watchStarted = Date.now();
          await new Promise<void>((dropped) => {
            api
              .watch(
                r,
                namespace,
                { ...query, resourceVersion: listed.resourceVersion || undefined },
                (type, obj) => {
                  if (finished || mine !== generation) return;
                  if (type === 'ADDED' || type === 'MODIFIED') current.set(objectKey(obj), obj);
                  else if (type === 'DELETED') current.delete(objectKey(obj));
                  else if (type === 'ERROR') {
                    // e.g. 410 Gone: the resourceVersion is too old; list again.
                    lastError = `watch error: ${(obj as unknown as { message?: string }).message ?? 'unknown'}`;
                    generation++;
                    controller?.abort();
                    return dropped();
                  }
                  check();
                },
                (err) => {
                  if (mine !== generation) return;
                  if (err) lastError = `watch ended: ${(err as Error).message ?? String(err)}`;
                  dropped();
                },
              )
              .then(
                (c) => {
                  controller = c;
                  if (finished) c.abort();
                },
                (err: unknown) => {
                  lastError = (err as Error).message;
                  dropped();
                },
              );
          });
          // A watch that ends at once (forbidden, 410 on every try) must not turn into a tight loop.
          failures = Date.now() - watchStarted < 1000 ? failures + 1 : 0;
        } catch (err) {
          if (finished) return;
          if (!(err instanceof ClusterUnreachable) && !(err instanceof ApiError)) return finish(false, err);
          // No cluster at all is said at once; an API server that goes away mid-wait is retried.
          if (err instanceof ClusterUnreachable && !listedOnce) return finish(false, err);
          lastError = (err as Error).message;
          failures++;
        }
        if (finished) return;
        // Re-establish at once after a drop; back off only while the server keeps failing.
        const pause = Math.min(1000, failures === 0 ? 50 : 100 * 2 ** Math.min(failures, 4));
        await new Promise((res) => setTimeout(res, Math.min(pause, Math.max(0, deadline - Date.now()))));
      }
    };
    void cycle();
  });
}
