// Where everything the user reads goes: TTY (colours, listr2), plain lines (CI, pipes), or JSON
// events (--json, one object per line). Commands never write to stdout directly.
import { styleText } from 'node:util';
import { unfoldJapanese, type Lang, type Text } from '../core/text.js';

export type OutputMode = 'tty' | 'plain' | 'json';

export interface Writer {
  write(text: string): void;
}

type Style = 'green' | 'red' | 'yellow' | 'cyan' | 'dim' | 'bold' | 'gray';

export class Output {
  constructor(
    readonly mode: OutputMode,
    readonly lang: Lang,
    private readonly stdout: Writer,
    private readonly stderr: Writer,
    readonly verbose = false,
    private readonly color = mode === 'tty' && !process.env.NO_COLOR,
  ) {}

  t(text: Text): string {
    // YAML's folded style joins lines with a space; after 。 or 、, and between Japanese characters, Japanese has none.
    return this.lang === 'ja' ? unfoldJapanese(text.ja.replace(/([。、])[ \t]+/g, '$1')) : text.en;
  }

  style(style: Style, text: string): string {
    return this.color ? styleText(style, text) : text;
  }

  line(text = ''): void {
    if (this.mode !== 'json') this.stdout.write(`${text}\n`);
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
    if (this.mode === 'json') this.stdout.write(`${JSON.stringify({ type, ...data })}\n`);
  }

  /** A final JSON document (list, status, validate) with --json; plain/tty render it themselves. */
  json(data: unknown): void {
    this.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
  }
}

export const indent = (text: string, prefix = '    ') => text.split('\n').map((l) => `${prefix}${l}`).join('\n');
