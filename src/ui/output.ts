// Where everything the user reads goes. The output mode (tty, plain, json) picks one renderer, once,
// here (renderer/*.ts); commands hand it lines, events and typed results (a View) and never branch
// on the mode. Commands never write to stdout directly.
import { unfoldJapanese, type Lang, type Text } from '../core/text.js';
import type { Task } from '../core/task.js';
import { JsonRenderer } from './renderer/json.js';
import { PlainRenderer } from './renderer/plain.js';
import type { OutputMode, Renderer, Style, Writer } from './renderer/renderer.js';
import { TtyRenderer } from './renderer/tty.js';

export type { OutputMode, Writer } from './renderer/renderer.js';
export { indent } from './indent.js';

/** How a command's result reads: as lines for a person (tty and plain), or as one JSON document (--json). */
export interface View<R> {
  text(result: R, out: Output): void;
  json(result: R): unknown;
}

const RENDERERS: Record<OutputMode, new (stdout: Writer) => Renderer> = { tty: TtyRenderer, plain: PlainRenderer, json: JsonRenderer };

export class Output {
  private readonly renderer: Renderer;

  constructor(
    mode: OutputMode,
    readonly lang: Lang,
    private readonly stdout: Writer,
    private readonly stderr: Writer,
    readonly verbose = false,
  ) {
    this.renderer = new RENDERERS[mode](stdout);
  }

  t(text: Text): string {
    // YAML's folded style joins lines with a space; after 。 or 、, and between Japanese characters, Japanese has none.
    return this.lang === 'ja' ? unfoldJapanese(text.ja.replace(/([。、])[ \t]+/g, '$1')) : text.en;
  }

  style(style: Style, text: string): string {
    return this.renderer.style(style, text);
  }

  /** A line for a person; left out with --json. */
  line(text = ''): void {
    this.renderer.line(text);
  }

  /** Messages about the run itself (warnings, errors) go to stderr in every mode. */
  warn(text: string): void {
    this.stderr.write(`${this.style('yellow', '!')} ${text}\n`);
  }

  error(text: string): void {
    this.stderr.write(`${this.style('red', '✗')} ${text}\n`);
  }

  /** One JSON object per line with --json; nothing otherwise. */
  event(type: string, data: Record<string, unknown>): void {
    this.renderer.event(type, data);
  }

  /** A command's result, through its view: the view's lines, or its JSON document with --json. */
  show<R>(view: View<R>, result: R): void {
    this.renderer.result(
      () => view.text(result, this),
      () => view.json(result),
    );
  }

  /** A JSON document in every mode (kindlab parse, report --format json): JSON is what was asked for. */
  json(data: unknown): void {
    this.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
  }

  /** The terminal's width when drawing on one; undefined otherwise. */
  get columns(): number | undefined {
    return this.renderer.columns;
  }

  /** Pictures drawn without box-drawing characters (anything but a terminal). */
  get ascii(): boolean {
    return this.renderer.ascii;
  }

  runTasks(tasks: Task[], signal: AbortSignal): Promise<void> {
    return this.renderer.runTasks(tasks, this, signal);
  }
}
