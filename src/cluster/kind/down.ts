// `kindlab down` as a plan: nothing when kind does not know the cluster, else one task that deletes it.
import type { Text } from '../../core/text.js';
import type { Task } from '../../core/task.js';
import { mustSucceed } from '../process.js';
import { commandRunner, LabArgv, timeoutsOf, type LifecycleOptions } from './lifecycle-options.js';
import { timed, type TaskTiming } from './task-timing.js';

export type DownPlan = { action: 'absent'; message: Text; tasks: []; timings: TaskTiming[] } | { action: 'delete'; tasks: Task[]; timings: TaskTiming[] };

export async function planDown(opts: LifecycleOptions, signal?: AbortSignal): Promise<DownPlan> {
  const argv = new LabArgv(opts);
  const run = commandRunner(opts);
  const timeouts = timeoutsOf(opts);
  const clusters = mustSucceed(await run(argv.kind('get', 'clusters'), timeouts.query, signal), 'kind get clusters');
  const timings: TaskTiming[] = [];
  if (
    !clusters.stdout
      .split('\n')
      .map((l) => l.trim())
      .includes(opts.clusterName)
  ) {
    return {
      action: 'absent',
      tasks: [],
      timings,
      message: { ja: `クラスタ ${opts.clusterName} はありません。何もしません。`, en: `There is no cluster named ${opts.clusterName}; nothing to do.` },
    };
  }
  const deleteArgv = argv.kind('delete', 'cluster', '--name', opts.clusterName);
  const task: Task = {
    title: { ja: `kind クラスタ ${opts.clusterName} を削除`, en: `Delete kind cluster ${opts.clusterName}` },
    shown: deleteArgv,
    run: async (sig) => void mustSucceed(await run(deleteArgv, timeouts.delete, sig), 'kind delete cluster'),
  };
  return { action: 'delete', tasks: [timed(task, timings)], timings };
}
