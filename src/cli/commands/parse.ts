import { readFile } from 'node:fs/promises';
import { fill, fillText, messages } from '../../ui/messages.js';
import { EXIT, UsageError, type Command } from '../command.js';

/**
 * All of standard input, or undefined when Ctrl-C or SIGTERM came first: then stdin is let go
 * (an open pipe or terminal would otherwise keep the process alive after the answer).
 */
async function readStdin(signal: AbortSignal): Promise<string | undefined> {
  const stdin = process.stdin;
  const chunks: Buffer[] = [];
  const ended = await new Promise<boolean>((resolve) => {
    const done = (complete: boolean) => {
      stdin.off('data', onData).off('end', onEnd).off('error', onEnd);
      signal.removeEventListener('abort', onAbort);
      resolve(complete);
    };
    const onData = (chunk: Buffer) => chunks.push(chunk);
    const onEnd = () => done(true);
    const onAbort = () => done(false);
    if (signal.aborted) return done(false);
    signal.addEventListener('abort', onAbort, { once: true });
    stdin.on('data', onData).once('end', onEnd).once('error', onEnd);
  });
  if (!ended) {
    stdin.pause();
    stdin.destroy();
    return undefined;
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const parse: Pick<Command, 'run'> = {
  async run(app, args) {
    const { parsers, formatNames } = await import('../../parse/index.js');
    const [format, file] = args.positionals;
    const parser = format ? parsers[format] : undefined;
    if (!parser) throw new UsageError(fill(app.out.t(messages.parseUnknownFormat), { format: format ?? '(none)', formats: formatNames.join(', ') }));
    let text: string | undefined;
    try {
      if (file && file !== '-') text = await readFile(file, 'utf8');
      else {
        // A terminal with nothing piped in looks like a hang: say what is awaited and how to end it.
        if (process.stdin.isTTY) app.out.warn(fill(app.out.t(messages.parseWaitingForStdin), { format: format ?? '' }));
        text = await readStdin(app.signal);
      }
    } catch (error) {
      // A missing file in the learner's words; any other reason is the system's own.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new UsageError(fillText(messages.fileMissing, { file: file ?? '', reason: (error as Error).message }));
      throw new UsageError(`${file}: ${(error as Error).message}`);
    }
    if (text === undefined) {
      app.out.error(app.out.t(messages.parseInterrupted));
      return EXIT.interrupted;
    }
    app.out.json(parser(text));
    return EXIT.ok;
  },
};
