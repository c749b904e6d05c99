import { type Command } from '../command.js';
import type { upOptions } from './options.js';
import { runUp } from '../cluster-setup.js';

export const up: Pick<Command<typeof upOptions>, 'run'> = {
  run: (app, args) => runUp(app, { profile: args.values.profile, yes: Boolean(args.values.yes), preload: Boolean(args.values.preload) }),
};
