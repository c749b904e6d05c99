// Plain lines for CI logs and pipes (--plain, or stdout not a terminal): no colours, no spinners, ASCII pictures.
import type { Task } from '../../core/task.js';
import type { Renderer, TaskOutput, Writer } from './renderer.js';

export class PlainRenderer implements Renderer {
  readonly ascii = true;
  readonly columns = undefined;

  constructor(private readonly stdout: Writer) {}

  style(_style: unknown, text: string): string {
    return text;
  }

  line(text: string): void {
    this.stdout.write(`${text}\n`);
  }

  event(): void {}

  result(text: () => void): void {
    text();
  }

  // Imported when a command runs tasks: the runner brings execa (through process.ts), which `list` or `status` need not load.
  async runTasks(tasks: Task[], out: TaskOutput, signal: AbortSignal): Promise<void> {
    return (await import('../run-tasks.js')).runTasksInLines(tasks, out, signal);
  }
}
