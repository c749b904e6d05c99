// Everything a command needs, built once from flags and environment: output, language, stores,
// the lessons folder, and how to reach the cluster (replaced by a fake in tests).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Cluster, ClusterUnreachable, contextForCluster } from '../cluster/index.js';
import { lessonFolder } from '../lessons/lesson-folders.js';
import type { LoadResult } from '../lessons/load.js';
import type { Lesson } from '../lessons/model.js';
import { langFromEnv, type Lang } from '../lessons/text.js';
import { fill, fillText, messages } from '../ui/messages.js';
import { errorText } from '../ui/error-text.js';
import { Output, type OutputMode } from '../ui/output.js';
import type { Prompts } from '../ui/prompts.js';
import { ProgressStore } from '../state/progress.js';
import { SettingsStore } from '../state/settings.js';
import { cacheDir } from '../core/paths.js';
import { UsageError, EXIT } from './usage-error.js';
import { kubeconfigHasContext, NoLabCluster } from './no-cluster.js';

export interface App {
  out: Output;
  lang: Lang;
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
  /** Package root: where labs/, kind-config.yaml and addons/ ship. */
  root: string;
  labsDir: string;
  clusterName: string;
  /** Set only when the user named a context with --context. */
  context?: string;
  progress: ProgressStore;
  settings: SettingsStore;
  prompts: Prompts;
  /** stdin and stdout are terminals, so questions can be asked. */
  interactive: boolean;
  openCluster(): Promise<Cluster>;
  /** Loads one lesson by number or slug; throws UsageError with the file errors when it does not load. */
  lesson(name: string): Promise<Lesson>;
}

export { packageRoot } from './package-root.js';
import { packageRoot } from './package-root.js';

export interface AppOptions {
  lang?: string;
  plain?: boolean;
  json?: boolean;
  verbose?: boolean;
  cluster?: string;
  context?: string;
  labs?: string;
}

export interface AppDeps {
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): void; isTTY?: boolean };
  stderr: { write(text: string): void };
  stdinIsTTY: boolean;
  signal: AbortSignal;
  prompts: Prompts;
  openCluster: (app: App) => Promise<Cluster>;
}

export async function createApp(options: AppOptions, deps: AppDeps): Promise<App> {
  const settings = new SettingsStore(deps.env);
  const loaded = await settings.load();
  if (options.lang !== undefined && options.lang !== 'ja' && options.lang !== 'en') {
    throw new UsageError(fillText(messages.langChoice, { value: options.lang }));
  }
  const lang: Lang = (options.lang as Lang | undefined) ?? loaded.settings.lang ?? langFromEnv(deps.env);
  // The one place the output mode is chosen (its renderer draws everything after): --json, else a terminal
  // (not --plain, not CI), else plain lines.
  const terminal = !options.json && !options.plain && Boolean(deps.stdout.isTTY) && !deps.env.CI;
  const mode: OutputMode = options.json ? 'json' : terminal ? 'tty' : 'plain';
  const out = new Output(mode, lang, deps.stdout, deps.stderr, Boolean(options.verbose));
  if (loaded.warning) out.warn(out.t(loaded.warning));
  const root = packageRoot();
  const labsDir = path.resolve(options.labs ?? deps.env.KINDLAB_LABS ?? path.join(root, 'labs'));
  const app: App = {
    out,
    lang,
    signal: deps.signal,
    env: deps.env,
    root,
    labsDir,
    clusterName: options.cluster ?? loaded.settings.cluster ?? 'kindlab',
    context: options.context,
    progress: new ProgressStore(deps.env, undefined, (text) => out.warn(out.t(text))),
    settings,
    // The terminal's prompts draw inquirer's key help in the learner's language.
    prompts: deps.prompts.forLang?.(lang) ?? deps.prompts,
    interactive: deps.stdinIsTTY && terminal,
    openCluster: () =>
      deps.openCluster(app).catch(async (error: unknown) => {
        // With no lab context at all, "did not answer" is really "there is no cluster yet".
        const context = options.context ?? contextForCluster(app.clusterName);
        if (error instanceof ClusterUnreachable && !options.context && !(await kubeconfigHasContext(deps.env, context))) throw new NoLabCluster(context);
        throw error;
      }),
    async lesson(name) {
      // Loaded here, not at start: YAML, zod and the API schemas cost most of a cold start that `list` or `--help` need not pay.
      const [{ loadLesson, lessonDirs, findLesson }, { lessonFolderFor, requireLabsDir, withSchemaCheck }] = await Promise.all([
        import('../lessons/load.js'),
        import('./lessons.js'),
      ]);
      await requireLabsDir(app);
      const found = findLesson((await lessonDirs(labsDir)).map(lessonFolder), name);
      if (!found) throw new UsageError(fill(out.t(messages.unknownLesson), { name }));
      await lessonFolderFor(app, found);
      return lessonOrThrow(await withSchemaCheck(await loadLesson(found.dir), { dir: cacheDir(deps.env), salt: schemaSalt(root) }), out);
    },
  };
  // A damaged progress file is set aside on first read; say so once, whatever the command.
  const progress = await app.progress.load();
  if (progress.warning) out.warn(out.t(progress.warning));
  return app;
}

/** What a cached "these manifests are valid" depends on besides their bytes: this kindlab and its schema packages. */
function schemaSalt(root: string): string {
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  return [read(path.join(root, 'package.json')), read(path.join(root, 'node_modules', 'kubernetes-models', 'package.json'))].join('\0');
}

export function lessonOrThrow(result: LoadResult, out: Output): Lesson {
  if (result.ok) return result.lesson;
  throw new UsageError([out.t(messages.lessonInvalid), ...result.errors.map((e) => `  ${errorText(e, out.lang)}`)].join('\n'), EXIT.badInput);
}
