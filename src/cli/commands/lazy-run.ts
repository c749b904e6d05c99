// A command's `run`, imported from its module on first use, so `--help` and finding a command load none of it.
import type { App } from '../app.js';
import type { Args, Command, Options } from '../command.js';

/** A command's `run`, imported from its module on first use. */
export function lazy<K extends string, O extends Options = Record<never, never>>(
  load: () => Promise<Record<K, Pick<Command<O>, 'run'>>>,
  name: K,
): Command<O>['run'] {
  return async (app: App, args: Args<O>) => (await load())[name].run(app, args);
}
