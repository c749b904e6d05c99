// How long each task of `up`/`down` took, collected as the tasks run and printed at the end.
import type { Text } from '../../core/text.js';
import type { Task } from '../../core/task.js';

export interface TaskTiming {
  title: Text;
  shown?: string[];
  durationMs: number;
  outcome: 'done' | 'failed';
}

/**
 * Wraps a task so its duration lands in `timings`. `ownDuration`, when given, is the task's own
 * measure of its work (a wait that ran beside others started before its turn in the list).
 */
export function timed(task: Task, timings: TaskTiming[], ownDuration?: () => number | undefined, now: () => number = Date.now): Task {
  return {
    ...task,
    async run(signal) {
      const started = now();
      const record = (outcome: TaskTiming['outcome']) =>
        timings.push({ title: task.title, shown: task.shown, durationMs: ownDuration?.() ?? now() - started, outcome });
      try {
        const out = await task.run(signal);
        record('done');
        return out;
      } catch (err) {
        record('failed');
        throw err;
      }
    },
  };
}
