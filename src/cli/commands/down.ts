import { type Command } from '../command.js';
import { runDown } from '../cluster-lifecycle.js';

export const down: Pick<Command, 'run'> = {
  run: (app) => runDown(app),
};
