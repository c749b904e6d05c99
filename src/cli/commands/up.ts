import { type Command } from '../command.js';
import { runUp } from '../cluster-lifecycle.js';

export const up: Pick<Command, 'run'> = {
  run: (app, args) => runUp(app, { profile: args.values.profile as string | undefined, yes: Boolean(args.values.yes), preload: Boolean(args.values.preload) }),
};
