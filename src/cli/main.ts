#!/usr/bin/env node
// kindlab's entry point: global flags, dispatch to one command, Ctrl-C handling, exit codes.
// Errors reach the user as what went wrong and what to try; stack traces only with --verbose.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Lang } from '../core/text.js';
import { langFromEnv } from '../lessons/text.js';
import { errorReport } from '../ui/error-report.js';
import { fill, messages } from '../ui/messages.js';
import { terminalPrompts, unattendedPrompts } from '../ui/prompts.js';
import { savedLang } from '../state/settings.js';
import type { AppDeps } from './app.js';
import { packageRoot } from './package-root.js';
import { version } from './version.js';
import { EXIT, GLOBAL_OPTIONS, parseArgsOptions, parseCommandArgs, UsageError, type Args, type Command } from './command.js';
import { commands } from './commands/index.js';
import { commandHelp, mainHelp } from './help.js';
import { cliCommand, suggestionRewriter } from './invocation.js';

export async function main(argv: string[], given: AppDeps): Promise<number> {
  // Every `kindlab …` suggestion is said the way that runs here (see invocation.ts).
  const rewrite = suggestionRewriter(
    cliCommand(given.env, process.cwd(), packageRoot()),
    commands.map((c) => c.name),
  );
  const deps: AppDeps = {
    ...given,
    stdout: { write: (text: string) => given.stdout.write(rewrite(text)), isTTY: given.stdout.isTTY },
    stderr: { write: (text: string) => given.stderr.write(rewrite(text)) },
  };
  // Only help and errors before the app exists need this; a normal run reads settings once, in createApp.
  const errLang = () => savedLang(deps.env) ?? langFromEnv(deps.env);
  // The one catch: every error of every command ends here, and is said by one renderer (ui/error-report.ts).
  const seen: Seen = { verbose: false };
  try {
    return await dispatch(argv, deps, errLang, seen);
  } catch (error) {
    const report = errorReport(error, { lang: seen.lang ?? errLang(), verbose: seen.verbose, interrupted: deps.signal.aborted });
    for (const line of report.lines) deps.stderr.write(`${line}\n`);
    return report.exitCode;
  }
}

/** What the catch in main needs from a run that failed: --verbose, and the app's language once there is an app. */
interface Seen {
  verbose: boolean;
  lang?: Lang;
}

async function dispatch(argv: string[], deps: AppDeps, errLang: () => Lang, seen: Seen): Promise<number> {
  if (argv[0] === '--version' || argv[0] === '-V') {
    deps.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  // The command is the first positional; an option's value (`--lang ja`) is not one.
  const allOptions = Object.assign({}, GLOBAL_OPTIONS, ...commands.map((c) => c.options ?? {}));
  const { tokens = [] } = parseArgs({ args: argv, options: parseArgsOptions(allOptions), strict: false, allowPositionals: true, tokens: true });
  const commandToken = tokens.find((t) => t.kind === 'positional');
  const first = commandToken?.kind === 'positional' ? commandToken.value : undefined;
  const command: Command | undefined = first ? commands.find((c) => c.name === first) : commands.find((c) => c.name === 'menu');
  if (!command) {
    const unknown = (lang: Lang) => `${fill(messages.unknownCommand[lang], { name: first ?? '' })}\n${messages.seeHelp[lang]}`;
    throw new UsageError({ ja: unknown('ja'), en: unknown('en') });
  }
  const rest = commandToken ? argv.filter((_, i) => i !== commandToken.index) : argv;
  let args: Args;
  try {
    args = parseCommandArgs(command, rest);
  } catch (error) {
    const wrong = (lang: Lang) => `${optionError(error as NodeJS.ErrnoException, lang)}\n${messages.seeHelp[lang]}`;
    throw new UsageError({ ja: wrong('ja'), en: wrong('en') });
  }
  const { values } = args;
  seen.verbose = Boolean(values.verbose);
  // No command and nobody to answer the menu (a pipe, CI, --json): help, never a lesson picked blindly.
  if (values.help || (!first && !deps.stdinIsTTY)) {
    const lang = values.lang === 'ja' || values.lang === 'en' ? values.lang : errLang();
    deps.stdout.write(first ? commandHelp(command, lang) : mainHelp(commands, lang, version()));
    return EXIT.ok;
  }
  // Loaded when a command runs: --help and unknown commands need none of the app.
  const { createApp } = await import('./app.js');
  const app = await createApp(values, deps);
  seen.lang = app.lang;
  return await command.run(app, args);
}

/** node:util parseArgs says what is wrong in English; the option or argument it names is data. */
function optionError(error: NodeJS.ErrnoException, lang: 'ja' | 'en'): string {
  const named = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  const option = named.split(' ')[0] ?? named;
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return fill(messages.optionUnknown[lang], { option });
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return fill(messages.unexpectedArgument[lang], { argument: named });
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return fill((/argument missing/.test(error.message) ? messages.optionNeedsValue : messages.optionTakesNoValue)[lang], { option });
  }
  return error.message;
}

/** The real process: terminal prompts, the kind adapter, and signals wired to an AbortController. */
async function runFromProcess(): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  // `kindlab status | head -1` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  process.on('SIGINT', () => {
    interrupts++;
    if (interrupts > 1) process.exit(EXIT.interrupted);
    process.stderr.write(`\n${messages.interrupting[savedLang(process.env) ?? langFromEnv(process.env)]}\n`);
    controller.abort(Object.assign(new Error('interrupted'), { name: 'AbortError' }));
  });
  process.on('SIGTERM', () => controller.abort(Object.assign(new Error('terminated'), { name: 'AbortError' })));
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !process.env.CI;
  const code = await main(process.argv.slice(2), {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: interactive,
    signal: controller.signal,
    prompts: interactive ? terminalPrompts : unattendedPrompts(),
    openCluster: async (app) => {
      const { openLabCluster } = await (await import('../cluster/index.js')).loadClusterAccess();
      return openLabCluster({ clusterName: app.clusterName, context: app.context, signal: app.signal });
    },
  });
  process.exitCode = controller.signal.aborted ? EXIT.interrupted : code;
}

const entry = process.argv[1] ? realpathSync(process.argv[1]) : '';
const invokedDirectly = entry.endsWith(path.join('cli', 'main.js'));
if (invokedDirectly) await runFromProcess();
