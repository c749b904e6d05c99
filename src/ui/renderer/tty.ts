// A terminal: colours (unless NO_COLOR), listr2's spinners for tasks, pictures with box drawing at the terminal's width.
import { styleText } from 'node:util';
import { runTasksWithListr } from '../run-tasks.js';
import type { Renderer, Style, Writer } from './renderer.js';

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

  runTasks = runTasksWithListr;
}
