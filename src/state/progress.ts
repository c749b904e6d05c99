// Learner progress: per cluster name, per lesson, per step. Keyed by names, not by cluster
// instance, so progress survives `kindlab reset --all` and a recreated cluster.
import path from 'node:path';
import type { Text } from '../lab/text.js';
import { readJson, writeJsonAtomic } from './json-file.js';
import { stateDir } from './paths.js';

export type StepStatus = 'started' | 'passed' | 'failed' | 'interrupted' | 'solved';

export interface StepProgress {
  status: StepStatus;
  at: string;
  tries?: number;
  hints?: number;
  durationMs?: number;
}

export interface LessonProgress {
  startedAt: string;
  updatedAt: string;
  /** The step to resume at. */
  current?: string;
  completedAt?: string;
  steps: Record<string, StepProgress>;
}

export interface ProgressFile {
  version: 1;
  clusters: Record<string, { profile?: string; lessons: Record<string, LessonProgress> }>;
}

const isProgress = (data: unknown): data is ProgressFile =>
  typeof data === 'object' && data !== null && (data as ProgressFile).version === 1 && typeof (data as ProgressFile).clusters === 'object';

export interface ProgressLoad {
  progress: ProgressFile;
  /** Set when the file was corrupt and set aside; the CLI tells the user. */
  warning?: Text;
}

export class ProgressStore {
  readonly file: string;
  /** Updates in one process run one after another, so none is lost to a concurrent read-modify-write. */
  private queue: Promise<unknown> = Promise.resolve();
  constructor(env: NodeJS.ProcessEnv = process.env, private readonly now: () => Date = () => new Date()) {
    this.file = path.join(stateDir(env), 'progress.json');
  }

  async load(): Promise<ProgressLoad> {
    const read = await readJson(this.file, isProgress);
    if (read.status === 'ok') return { progress: read.data };
    const empty: ProgressFile = { version: 1, clusters: {} };
    if (read.status === 'missing') return { progress: empty };
    return {
      progress: empty,
      warning: {
        ja: `進捗ファイルを読めませんでした (${read.reason})。${read.setAsideAs} として残し、新しく始めます。`,
        en: `progress file was unreadable (${read.reason}); kept it as ${read.setAsideAs} and started fresh`,
      },
    };
  }

  /** Read-modify-write of one lesson's record; the write is atomic. */
  update(cluster: string, lessonId: string, change: (lesson: LessonProgress) => void): Promise<LessonProgress> {
    const next = this.queue.then(() => this.applyUpdate(cluster, lessonId, change));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async applyUpdate(cluster: string, lessonId: string, change: (lesson: LessonProgress) => void): Promise<LessonProgress> {
    const { progress } = await this.load();
    const at = this.now().toISOString();
    const clusterRecord = (progress.clusters[cluster] ??= { lessons: {} });
    const lesson = (clusterRecord.lessons[lessonId] ??= { startedAt: at, updatedAt: at, steps: {} });
    change(lesson);
    lesson.updatedAt = at;
    await writeJsonAtomic(this.file, progress);
    return lesson;
  }

  /** Forgets one lesson (reset); queued like every other update. */
  forgetLesson(cluster: string, lessonId: string): Promise<void> {
    const next = this.queue.then(async () => {
      const { progress } = await this.load();
      delete progress.clusters[cluster]?.lessons[lessonId];
      await writeJsonAtomic(this.file, progress);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
