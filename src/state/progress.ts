// Learner progress: per cluster name, per lesson, per step. Keyed by names, not by cluster
// instance, so progress survives `kindlab reset --all` and a recreated cluster. The file is
// checked against a schema on every read: records that do not fit are set aside, never guessed at,
// and the rest of the learner's progress is kept.
import path from 'node:path';
import type { z } from 'zod';
import type { Text } from '../lessons/text.js';
import { fsReason, readJson, writeJsonAtomic, type ReadJson, type Salvage } from './json-file.js';
import { stateDir } from '../core/paths.js';

const STEP_STATUSES = ['started', 'passed', 'failed', 'interrupted', 'solved'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** The schema of each record, built when a file's records need more than the plain test below (zod costs ~70 ms to load). */
async function progressSchemas() {
  const { z } = await import('zod');
  const count = z.number().int().nonnegative().optional();
  const stepSchema = z.object({
    status: z.enum(STEP_STATUSES),
    at: z.string(),
    /** Checks the learner asked for (`kindlab check`, "Check my work"); not the retries inside one. */
    checks: count,
    /** Written by earlier versions: polls inside checks. Read, never counted as the learner's checks. */
    tries: count,
    hints: count,
    /** The furthest `kindlab hint` went for this step: 1 the author's hint, 2 the failing check, 3 the offer to solve. */
    hintLevel: z.number().int().min(1).max(3).optional(),
    /** How often each check (by its English title) failed when the learner asked for a check. */
    failedChecks: z.record(z.string(), z.number().int().nonnegative()).optional(),
    durationMs: z.number().nonnegative().optional(),
  });
  const lessonSchema = z.object({
    startedAt: z.string(),
    updatedAt: z.string(),
    /** The step to resume at. */
    current: z.string().optional(),
    completedAt: z.string().optional(),
    steps: z.record(z.string(), z.unknown()),
  });
  const fileSchema = z.object({ version: z.literal(1), clusters: z.record(z.string(), z.unknown()) });
  const clusterSchema = z.object({ profile: z.string().optional(), lessons: z.record(z.string(), z.unknown()) });
  return { stepSchema, lessonSchema, fileSchema, clusterSchema };
}
type Schemas = Awaited<ReturnType<typeof progressSchemas>>;
export type StepProgress = z.infer<Schemas['stepSchema']>;
export type LessonProgress = Omit<z.infer<Schemas['lessonSchema']>, 'steps'> & { steps: Record<string, StepProgress> };

export interface ProgressFile {
  version: 1;
  clusters: Record<string, { profile?: string; lessons: Record<string, LessonProgress> }>;
}

// The plain test: a file every record of which certainly fits the schemas above, with no key they
// would strip, is used as it is, without loading zod. Anything else goes through the schemas.
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const onlyKeys = (value: Record<string, unknown>, keys: readonly string[]) => Object.keys(value).every((key) => keys.includes(key));
const isString = (value: unknown) => typeof value === 'string';
const optional = (check: (value: unknown) => boolean) => (value: unknown) => value === undefined || check(value);
const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
const STEP_FIELDS: Record<string, (value: unknown) => boolean> = {
  status: (value) => (STEP_STATUSES as readonly unknown[]).includes(value),
  at: isString,
  checks: optional(isCount),
  tries: optional(isCount),
  hints: optional(isCount),
  hintLevel: optional((value) => value === 1 || value === 2 || value === 3),
  failedChecks: optional((value) => isRecord(value) && Object.values(value).every(isCount)),
  durationMs: optional((value) => typeof value === 'number' && Number.isFinite(value) && value >= 0),
};
const LESSON_FIELDS: Record<string, (value: unknown) => boolean> = {
  startedAt: isString,
  updatedAt: isString,
  current: optional(isString),
  completedAt: optional(isString),
  steps: (steps) => isRecord(steps) && Object.values(steps).every((step) => fits(step, STEP_FIELDS)),
};
const CLUSTER_FIELDS: Record<string, (value: unknown) => boolean> = {
  profile: optional(isString),
  lessons: (lessons) => isRecord(lessons) && Object.values(lessons).every((lesson) => fits(lesson, LESSON_FIELDS)),
};
function fits(value: unknown, fields: Record<string, (value: unknown) => boolean>): boolean {
  return isRecord(value) && onlyKeys(value, Object.keys(fields)) && Object.entries(fields).every(([key, check]) => check(value[key]));
}
const plainlyFits = (data: unknown): data is ProgressFile =>
  isRecord(data) &&
  onlyKeys(data, ['version', 'clusters']) &&
  data.version === 1 &&
  isRecord(data.clusters) &&
  Object.values(data.clusters).every((cluster) => fits(cluster, CLUSTER_FIELDS));

/** Keeps every cluster, lesson and step record that fits the schema; names the ones that do not. */
export const salvageProgress: Salvage<ProgressFile> = async (data) => {
  if (plainlyFits(data)) return { data, dropped: [] };
  const { stepSchema, lessonSchema, fileSchema, clusterSchema } = await progressSchemas();
  const file = fileSchema.safeParse(data);
  if (!file.success) return undefined;
  const dropped: string[] = [];
  const clusters: ProgressFile['clusters'] = {};
  for (const [name, value] of Object.entries(file.data.clusters)) {
    const cluster = clusterSchema.safeParse(value);
    if (!cluster.success) {
      dropped.push(name);
      continue;
    }
    const lessons: Record<string, LessonProgress> = {};
    for (const [id, lessonValue] of Object.entries(cluster.data.lessons)) {
      const lesson = lessonSchema.safeParse(lessonValue);
      if (!lesson.success) {
        dropped.push(`${name}/${id}`);
        continue;
      }
      const steps: Record<string, StepProgress> = {};
      for (const [stepId, stepValue] of Object.entries(lesson.data.steps)) {
        const step = stepSchema.safeParse(stepValue);
        if (step.success) steps[stepId] = step.data;
        else dropped.push(`${name}/${id}/${stepId}`);
      }
      lessons[id] = { ...lesson.data, steps };
    }
    clusters[name] = { ...(cluster.data.profile !== undefined ? { profile: cluster.data.profile } : {}), lessons };
  }
  return { data: { version: 1, clusters }, dropped };
};

export interface ProgressLoad {
  progress: ProgressFile;
  /** Set when the file was damaged or unreadable; the CLI tells the user. */
  warning?: Text;
  /** The file on disk must not be written over (it could not be read or set aside). */
  readOnly?: boolean;
}

export function damagedWarning(what: { ja: string; en: string }, file: string, read: Exclude<ReadJson<unknown>, { status: 'ok' | 'missing' }>): Text {
  if (read.status === 'unreadable') {
    return {
      ja: `${what.ja}を読めません (${read.reason.ja}): ${file}。そのままにして、今回は保存しません。`,
      en: `${what.en} file cannot be read (${read.reason.en}): ${file}; left as it is, and nothing is saved this time`,
    };
  }
  const why = read.dropped.length
    ? { ja: `使えない記録を含んでいます (${read.dropped.join(', ')})`, en: `had entries kindlab cannot use: ${read.dropped.join(', ')}` }
    : { ja: `読めません (${read.reason.ja})`, en: `was unreadable (${read.reason.en})` };
  if (read.setAsideFailed) {
    return {
      ja: `${what.ja}ファイル ${file} は${why.ja}。別名で残せなかったため (${read.setAsideFailed.ja}) そのままにして、今回は保存しません。`,
      en: `${what.en} file ${file} ${why.en}; it could not be set aside (${read.setAsideFailed.en}), so it is left as it is and nothing is saved this time`,
    };
  }
  if (read.dropped.length) {
    return {
      ja: `${what.ja}ファイルに使えない記録がありました (${read.dropped.join(', ')})。元のファイルは ${read.setAsideAs} として残し、残りはそのまま使います。`,
      en: `${what.en} file had entries kindlab cannot use (${read.dropped.join(', ')}); kept it as ${read.setAsideAs}, and the rest is kept`,
    };
  }
  return {
    ja: `${what.ja}ファイルを読めませんでした (${read.reason.ja})。${read.setAsideAs} として残し、新しく始めます。`,
    en: `${what.en} file was unreadable (${read.reason.en}); kept it as ${read.setAsideAs} and started fresh`,
  };
}

export class ProgressStore {
  readonly file: string;
  /** Updates in one process run one after another, so none is lost to a concurrent read-modify-write. */
  private queue: Promise<unknown> = Promise.resolve();
  private warnedUnsaved = false;
  constructor(
    env: NodeJS.ProcessEnv = process.env,
    private readonly now: () => Date = () => new Date(),
    /** Told once when progress cannot be saved; the lesson goes on. */
    private readonly warn: (text: Text) => void = () => {},
  ) {
    this.file = path.join(stateDir(env), 'progress.json');
  }

  async load(): Promise<ProgressLoad> {
    const read = await readJson(this.file, salvageProgress, this.now);
    if (read.status === 'ok') return { progress: read.data };
    const empty: ProgressFile = { version: 1, clusters: {} };
    if (read.status === 'missing') return { progress: empty };
    const readOnly = read.status === 'unreadable' || Boolean(read.setAsideFailed);
    const progress = read.status === 'damaged' && read.data ? read.data : empty;
    return { progress, readOnly, warning: damagedWarning({ ja: '進捗', en: 'progress' }, this.file, read) };
  }

  /** Read-modify-write of one lesson's record; the write is atomic. */
  update(cluster: string, lessonId: string, change: (lesson: LessonProgress) => void): Promise<LessonProgress> {
    const next = this.queue.then(() => this.applyUpdate(cluster, lessonId, change));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async applyUpdate(cluster: string, lessonId: string, change: (lesson: LessonProgress) => void): Promise<LessonProgress> {
    const loaded = await this.load();
    const at = this.now().toISOString();
    const clusterRecord = (loaded.progress.clusters[cluster] ??= { lessons: {} });
    const lesson = (clusterRecord.lessons[lessonId] ??= { startedAt: at, updatedAt: at, steps: {} });
    change(lesson);
    lesson.updatedAt = at;
    await this.save(loaded);
    return lesson;
  }

  /** Forgets one lesson (reset); queued like every other update. */
  forgetLesson(cluster: string, lessonId: string): Promise<void> {
    const next = this.queue.then(async () => {
      const loaded = await this.load();
      delete loaded.progress.clusters[cluster]?.lessons[lessonId];
      await this.save(loaded);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** A file that cannot be written is a warning, once: the learner's lesson matters more than its record. */
  private async save(loaded: ProgressLoad): Promise<void> {
    let reason: Text | undefined;
    if (loaded.readOnly) reason = { ja: '既存のファイルを上書きしないため', en: 'the file there is kept as it is' };
    else {
      try {
        await writeJsonAtomic(this.file, loaded.progress);
        return;
      } catch (error) {
        reason = fsReason(error);
      }
    }
    if (this.warnedUnsaved) return;
    this.warnedUnsaved = true;
    this.warn({
      ja: `進捗を ${this.file} に保存できません (${reason.ja})。レッスンは続けられますが、このあと合格したステップは記録されません。`,
      en: `could not save progress to ${this.file} (${reason.en}); the lesson goes on, but steps passed from now on are not remembered`,
    });
  }
}
