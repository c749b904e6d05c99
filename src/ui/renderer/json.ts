// --json: for programs. Events one JSON object per line, a command's result as one JSON document; lines for a person are left out.
import type { Task } from '../../core/task.js';
import type { Renderer, TaskOutput, Writer } from './renderer.js';

export class JsonRenderer implements Renderer {
  readonly ascii = true;
  readonly columns = undefined;

  constructor(private readonly stdout: Writer) {}

  style(_style: unknown, text: string): string {
    return text;
  }

  line(): void {}

  event(type: string, data: Record<string, unknown>): void {
    this.stdout.write(`${JSON.stringify({ type, ...data })}\n`);
  }

  result(_text: () => void, json: () => unknown): void {
    this.stdout.write(`${JSON.stringify(json(), null, 2)}\n`);
  }

  // Imported when a command runs tasks: the runner brings execa (through process.ts), which `list` or `status` need not load.
  async runTasks(tasks: Task[], out: TaskOutput, signal: AbortSignal): Promise<void> {
    return (await import('../run-tasks.js')).runTasksInLines(tasks, out, signal);
  }
}
