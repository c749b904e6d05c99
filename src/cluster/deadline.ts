// One way to give a call a time limit that an outside signal (Ctrl-C) can also end.
// Not `AbortSignal.any([outer, AbortSignal.timeout(ms)])`: on Node 20 the combined signal holds its
// sources weakly, so the inner timeout signal can be garbage-collected before it fires and the call
// then waits forever on a peer that accepted the connection and never answers. Here a real timer
// (which the event loop holds) aborts a controller the caller keeps, and `clear()` ends both.

import { KindlabError } from '../core/errors.js';

export interface Deadline {
  /** Aborts when the time is up (reason: DeadlineReached) or when the outer signal aborts (its reason). */
  signal: AbortSignal;
  /** True once the time limit, not the outer signal, ended the call. */
  readonly expired: boolean;
  /** Stop the timer and the outer listener; call it in `finally`. */
  clear(): void;
}

/**
 * The abort reason when the time is up: one call got no answer. Not a DeadlineExceeded, which is a
 * wait's outcome with what it awaited and last saw; this one's message is quoted as a call's observation.
 */
export class DeadlineReached extends KindlabError {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

export function startDeadline(timeoutMs: number | undefined, outer?: AbortSignal): Deadline {
  const controller = new AbortController();
  let expired = false;
  const onOuterAbort = () => controller.abort(outer?.reason ?? new Error('aborted'));
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(
          () => {
            expired = true;
            controller.abort(new DeadlineReached(timeoutMs));
          },
          Math.max(1, timeoutMs),
        );
  if (outer?.aborted) onOuterAbort();
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    clear() {
      if (timer) clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}

/** Milliseconds left until `deadline` (epoch ms), at least 1: a call given 0 would not wait at all. */
export const remainingMs = (deadline: number) => Math.max(1, deadline - Date.now());
