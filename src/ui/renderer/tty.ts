// A terminal: colours (unless NO_COLOR), listr2's spinners for tasks, pictures with box drawing at the terminal's width.
import { styleText } from 'node:util';
import type { Task } from '../../core/task.js';
import type { Renderer, TaskOutput, Style, Writer } from './renderer.js';

export class TtyRenderer implements Renderer {
  readonly ascii = false;
  private readonly color = !process.env.NO_COLOR;

  constructor(private readonly stdout: Writer) {}

  get columns(): number | undefined {
    return process.stdout.columns;
  }

  style(style: Style, text: string): string {
    return this.color ? styleText(style, text) : text;
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
    return (await import('../run-tasks.js')).runTasksWithListr(tasks, out, signal);
  }
}
