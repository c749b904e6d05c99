// Runs tasks: listr2 on a TTY (each title shows the command it stands for), lines in plain
// mode, and events with --json; which one is the output's renderer's choice (renderer/*.ts).
// Stops at the first failure; the error is rethrown.
import { forDisplay } from '../cluster/process.js';
import { displayCommand } from '../cluster/shown-commands.js';
import { KindlabError } from '../core/errors.js';
import type { Task } from '../core/task.js';
import { indent } from './indent.js';
import type { TaskOutput } from './renderer/renderer.js';

/**
 * Thrown by a task whose work ran to the end with a "no" for an answer (a check that did not
 * pass): its line ends with a cross, not a tick, and the caller, which knows the answer, goes on.
 */
export class TaskNotPassed extends KindlabError {
  constructor() {
    // No message: listr2 would print it under the line, and the caller reports the answer itself.
    super('');
    this.name = 'TaskNotPassed';
  }
}

type TaskRunner = { runTasks(tasks: Task[], signal: AbortSignal): Promise<void> };

/** Runs tasks through an output (an Output), whose renderer shows them its own way. */
export function runTasks(tasks: Task[], out: TaskRunner, signal: AbortSignal): Promise<void> {
  return out.runTasks(tasks, signal);
}

/** Plain and --json: a line per task and its command and output for a person, an event per task for a program. */
export async function runTasksInLines(tasks: Task[], out: TaskOutput, signal: AbortSignal): Promise<void> {
  for (const task of tasks) {
    const title = out.t(task.title);
    const command = task.shown ? displayCommand(task.shown) : undefined;
    const started = Date.now();
    const reason = task.skip ? await task.skip() : false;
    const skipped = reason === false ? false : typeof reason === 'string' ? reason : out.t(reason);
    if (skipped) {
      out.line(`- ${title} (${skipped})`);
      out.event('task', { title, command, status: 'skipped', reason: skipped });
      continue;
    }
    out.line(`▶ ${title}`);
    if (command) out.line(out.style('gray', `  $ ${command}`));
    try {
      const output = await task.run(signal);
      const durationMs = Date.now() - started;
      if (output) out.line(indent(forDisplay(output)));
      out.event('task', { title, command, status: 'done', durationMs, output: output || undefined });
    } catch (error) {
      out.event('task', { title, command, status: 'failed', error: error instanceof TaskNotPassed ? 'not passed' : (error as Error).message });
      throw error;
    }
  }
}

/** A terminal: listr2's spinners, each task's output kept under its title. */
export async function runTasksWithListr(tasks: Task[], out: TaskOutput, signal: AbortSignal): Promise<void> {
  const { Listr } = await import('listr2');
  const list = new Listr(
    tasks.map((task) => ({
      title: `${out.t(task.title)}${task.shown ? out.style('gray', `  $ ${displayCommand(task.shown)}`) : ''}`,
      skip: task.skip
        ? async () => {
            const reason = await task.skip!();
            return reason === false || typeof reason === 'string' ? reason : out.t(reason);
          }
        : undefined,
      task: async (_ctx: unknown, listrTask: { output: string }) => {
        const output = await task.run(signal);
        if (output) listrTask.output = forDisplay(output);
      },
      rendererOptions: { persistentOutput: true, outputBar: 12 },
    })),
    // listr2 would print the error's message, which is English; the caller reports it in the learner's language.
    { exitOnError: true, rendererOptions: { collapseSubtasks: false, showErrorMessage: false }, registerSignalListeners: false },
  );
  await list.run();
}
