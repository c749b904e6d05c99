// What an output mode does with what commands produce, one renderer per mode like listr2's
// src/renderer/{default,simple,silent}/: tty.ts (colours, listr2), plain.ts (lines for CI and pipes),
// json.ts (--json: one event per line, one final document). The mode is chosen once, when the
// Output is made (output.ts); commands and the rest of ui/ never ask which one it is.
import type { Task } from '../../core/task.js';
import type { Text } from '../../core/text.js';

export type OutputMode = 'tty' | 'plain' | 'json';

export type Style = 'green' | 'red' | 'yellow' | 'cyan' | 'dim' | 'bold' | 'gray';

export interface Writer {
  write(text: string): void;
}

/** What a task runner reports through (an Output is one). */
export interface TaskOutput {
  t(text: Text): string;
  style(style: Style, text: string): string;
  line(text?: string): void;
  event(type: string, data: Record<string, unknown>): void;
}

export interface Renderer {
  /** Colours on a terminal (unless NO_COLOR); the text as it is elsewhere. */
  style(style: Style, text: string): string;
  /** A line for a person: tty and plain write it, --json does not. */
  line(text: string): void;
  /** One JSON object per line with --json; nothing for a person. */
  event(type: string, data: Record<string, unknown>): void;
  /** A command's result: its lines for a person (`text`), or its JSON document with --json (`json`). */
  result(text: () => void, json: () => unknown): void;
  /** The width of the terminal drawn on; undefined when the output is not a terminal. */
  readonly columns: number | undefined;
  /** Pictures without box-drawing characters: anything but a terminal. */
  readonly ascii: boolean;
  /** Runs tasks, showing each the way this mode shows progress. Stops at the first failure and rethrows it. */
  runTasks(tasks: Task[], out: TaskOutput, signal: AbortSignal): Promise<void>;
}
