// Glue between the CLI and the kind lifecycle (up, down, recreate). Filled in with the adapter.
import type { App } from './app.js';
import { EXIT } from './command.js';

export async function recreateCluster(app: App, _yes: boolean): Promise<number> {
  app.out.error('reset --all: not wired yet');
  return EXIT.prerequisites;
}
