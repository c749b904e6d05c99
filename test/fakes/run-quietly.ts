// Runs tasks through the product's one task runner, printing nothing (for contract tests).
import type { Task } from '../../src/core/task.js';
import { Output } from '../../src/ui/output.js';
import { runTasks } from '../../src/ui/run-tasks.js';

const silent = { write() {} };

export async function runQuietly(tasks: Task[], signal: AbortSignal = new AbortController().signal): Promise<void> {
  await runTasks(tasks, new Output('plain', 'en', silent, silent), signal);
}
