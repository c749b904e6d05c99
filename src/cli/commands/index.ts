// Every command, in the order `kindlab --help` lists them.
import type { Command } from '../command.js';
import { bundle } from './bundle.js';
import { check } from './check.js';
import { classView } from './class.js';
import { doctor } from './doctor.js';
import { down } from './down.js';
import { images } from './images.js';
import { hint } from './hint.js';
import { lang } from './lang.js';
import { list } from './list.js';
import { map } from './map.js';
import { menu } from './menu.js';
import { parse } from './parse.js';
import { ready } from './ready.js';
import { report } from './report.js';
import { reset } from './reset.js';
import { solve } from './solve.js';
import { start } from './start.js';
import { status } from './status.js';
import { test } from './test.js';
import { up } from './up.js';
import { validate } from './validate.js';

export const commands: Command[] = [menu, list, start, check, hint, solve, status, map, report, lang, doctor, up, down, reset, test, classView, ready, images, bundle, validate, parse];
