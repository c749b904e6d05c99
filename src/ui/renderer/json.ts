// --json: for programs. Events one JSON object per line, a command's result as one JSON document; lines for a person are left out.
import { runTasksInLines } from '../run-tasks.js';
import type { Renderer, Writer } from './renderer.js';

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

  runTasks = runTasksInLines;
}
