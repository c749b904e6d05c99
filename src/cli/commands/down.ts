import { type Command } from '../command.js';
import { runDown } from '../cluster-setup.js';

export const down: Pick<Command, 'run'> = {
  run: (app) => runDown(app),
};
