// Every command, in the order `kindlab --help` lists them, by help group: name, group, usage, options (options.ts)
// and help, cheap to import; each command's code (and the engine, zod, YAML… it needs) is imported
// only when that command runs (lazy-run.ts), so `--help` and finding the command load none of it.
import type { Command } from '../command.js';
import { authoringCommands } from './authoring.js';
import { clusterCommands } from './cluster.js';
import { instructorsCommands } from './instructors.js';
import { learnCommands } from './learn.js';

export const commands: Command[] = [...learnCommands, ...clusterCommands, ...instructorsCommands, ...authoringCommands];
