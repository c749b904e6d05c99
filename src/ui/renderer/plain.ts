// Plain lines for CI logs and pipes (--plain, or stdout not a terminal): no colours, no spinners, ASCII pictures.
import { runTasksInLines } from '../run-tasks.js';
import type { Renderer, Writer } from './renderer.js';

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

  runTasks = runTasksInLines;
}
