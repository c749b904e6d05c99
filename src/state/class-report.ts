// `kindlab class`: the reports learners hand in (`kindlab report --format json`), read one by one
// and added up per lesson and step. A report that is damaged, or written in another report format,
// is named with the reason and left out; it never stops the others from being read.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Text } from '../lessons/text.js';
import { readRegularFile } from '../lessons/regular-file.js';
import { REPORT_FORMAT } from './report.js';

const stepRecord = z.object({
  id: z.string(),
  kind: z.enum(['guided', 'challenge']),
  status: z.string(),
  hintLevel: z.number().int().min(1).max(3).optional(),
  spentMs: z.number().nonnegative().optional(),
  checks: z.number().int().nonnegative().optional(),
  failedChecks: z.record(z.string(), z.number().int().nonnegative()).optional(),
});
const reportSchema = z.object({
  kindlab: z.string(),
  reportFormat: z.literal(REPORT_FORMAT),
  name: z.string().optional(),
  lessons: z.array(z.object({ id: z.string(), title: z.string(), stepRecords: z.array(stepRecord) })),
});
export type HandedInReport = z.infer<typeof reportSchema> & { file: string };

export interface SkippedReport {
  file: string;
  why: Text;
}

/** The report files among the arguments: files as given, and the `.json` files directly in a folder. */
export async function reportFiles(paths: string[]): Promise<{ files: string[]; skipped: SkippedReport[] }> {
  const files: string[] = [];
  const skipped: SkippedReport[] = [];
  for (const given of paths) {
    const info = await stat(given).catch(() => undefined);
    if (!info) skipped.push({ file: given, why: { ja: 'ファイルもフォルダもありません', en: 'no such file or folder' } });
    else if (info.isDirectory())
      files.push(
        ...(await readdir(given))
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => path.join(given, f)),
      );
    else files.push(given);
  }
  return { files, skipped };
}

/** One handed-in report, or why it is left out (in both languages, naming what was found). */
export function parseReport(file: string, content: string, thisVersion: string): HandedInReport | SkippedReport {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    return { file, why: { ja: `JSON として読めません (${(error as Error).message})`, en: `not readable as JSON (${(error as Error).message})` } };
  }
  const head = (data && typeof data === 'object' ? data : {}) as { kindlab?: unknown; reportFormat?: unknown; lessons?: unknown };
  if (head.reportFormat === undefined && Array.isArray(head.lessons)) {
    return {
      file,
      why: {
        ja: `ステップごとの記録がない古い kindlab のレポートです。kindlab ${thisVersion} で kindlab report --format json をもう一度出してもらってください`,
        en: `an older kindlab's report without step records; ask for it again from kindlab ${thisVersion} (kindlab report --format json)`,
      },
    };
  }
  if (head.reportFormat !== undefined && head.reportFormat !== REPORT_FORMAT) {
    const by = typeof head.kindlab === 'string' ? head.kindlab : '?';
    return {
      file,
      why: {
        ja: `kindlab ${by} のレポート形式 ${String(head.reportFormat)} です。この kindlab ${thisVersion} が読めるのは形式 ${REPORT_FORMAT} です`,
        en: `report format ${String(head.reportFormat)} from kindlab ${by}; this kindlab ${thisVersion} reads format ${REPORT_FORMAT}`,
      },
    };
  }
  const parsed = reportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.') || '(top)';
    return {
      file,
      why: { ja: `kindlab のレポートの形ではありません (${where}: ${issue.message})`, en: `not in the shape of a kindlab report (${where}: ${issue.message})` },
    };
  }
  return { ...parsed.data, file };
}

export async function readReports(paths: string[], thisVersion: string): Promise<{ reports: HandedInReport[]; skipped: SkippedReport[] }> {
  const { files, skipped } = await reportFiles(paths);
  const reports: HandedInReport[] = [];
  for (const file of files) {
    let content: string;
    try {
      content = await readRegularFile(file);
    } catch (error) {
      skipped.push({ file, why: { ja: `読めません (${(error as Error).message})`, en: `cannot be read (${(error as Error).message})` } });
      continue;
    }
    const result = parseReport(file, content, thisVersion);
    if ('why' in result) skipped.push(result);
    else reports.push(result);
  }
  return { reports, skipped };
}

export interface StepSummary {
  lesson: string;
  lessonTitle: string;
  step: string;
  kind: 'guided' | 'challenge';
  /** Learners whose report has this lesson started. */
  learners: number;
  finished: number;
  /** Of those finished, how many used the reference solution. */
  solved: number;
  medianMs?: number;
  /** The checks that failed most often, most first (title and how often, over the class). */
  failedMost: { check: string; times: number }[];
  /** How many learners went to each hint level (1, 2, 3) at most. */
  hintLevels: [number, number, number];
}

export function median(values: number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Per lesson and step, in the order the reports list them. Pure. */
export function summarizeClass(reports: HandedInReport[]): StepSummary[] {
  type Row = StepSummary & { times: number[]; failed: Map<string, number> };
  const rows = new Map<string, Row>();
  for (const report of reports) {
    for (const lesson of report.lessons) {
      const started = lesson.stepRecords.some((s) => s.status !== 'not-started');
      for (const step of lesson.stepRecords) {
        const key = `${lesson.id}\u0000${step.id}`;
        const row: Row = rows.get(key) ?? {
          lesson: lesson.id,
          lessonTitle: lesson.title,
          step: step.id,
          kind: step.kind,
          learners: 0,
          finished: 0,
          solved: 0,
          failedMost: [],
          hintLevels: [0, 0, 0],
          times: [],
          failed: new Map<string, number>(),
        };
        rows.set(key, row);
        if (!started) continue;
        row.learners++;
        if (step.status === 'passed' || step.status === 'solved') {
          row.finished++;
          if (step.status === 'solved') row.solved++;
          if (step.spentMs !== undefined) row.times.push(step.spentMs);
        }
        if (step.hintLevel) row.hintLevels[(step.hintLevel - 1) as 0 | 1 | 2]++;
        for (const [check, times] of Object.entries(step.failedChecks ?? {})) row.failed.set(check, (row.failed.get(check) ?? 0) + times);
      }
    }
  }
  return [...rows.values()].map(({ times, failed, ...row }) => ({
    ...row,
    medianMs: median(times),
    failedMost: [...failed]
      .map(([check, n]) => ({ check, times: n }))
      .sort((a, b) => b.times - a.times || a.check.localeCompare(b.check))
      .slice(0, 3),
  }));
}
