import { stat } from 'node:fs/promises';
import path from 'node:path';
import { LESSON_FILE, loadAllLessons, loadLesson, type LoadResult } from '../../lessons/load.js';
import { errorText } from '../../ui/error-text.js';
import type { View } from '../../ui/output.js';
import { fill, messages } from '../../ui/messages.js';
import { EXIT, type Command } from '../command.js';
import { withSchemaCheck } from '../lessons.js';

async function loadPath(target: string): Promise<LoadResult[]> {
  const info = await stat(target).catch(() => undefined);
  const dir = info?.isFile() ? path.dirname(target) : target;
  if (info?.isDirectory() && !(await stat(path.join(target, LESSON_FILE)).catch(() => undefined))) {
    const { lessons, failures } = await loadAllLessons(target);
    return [...(await Promise.all(lessons.map((lesson) => withSchemaCheck({ ok: true as const, lesson })))), ...failures];
  }
  return [await withSchemaCheck(await loadLesson(dir))];
}

type ValidateResult = { results: LoadResult[]; errors: Extract<LoadResult, { ok: false }>['errors'] };

const validateView: View<ValidateResult> = {
  json: ({ results, errors }) => ({
    valid: results.filter((r) => r.ok).map((r) => (r.ok ? r.lesson.id : '')),
    errors: errors.map((e) => ({ file: e.file, line: e.line, column: e.column, field: e.field, expected: e.expected, found: e.found })),
  }),
  text({ results, errors }, out) {
    for (const e of errors) out.line(`${out.style('red', '✗')} ${errorText(e, out.lang)}`);
    const valid = results.filter((r) => r.ok).length;
    if (valid) out.line(out.style('green', `✓ ${fill(out.t(messages.validateOk), { count: valid })}`));
    if (errors.length) out.line(out.style('red', fill(out.t(messages.validateFailed), { count: errors.length })));
  },
};

export const validate: Pick<Command, 'run'> = {
  async run(app, args) {
    const targets = args.positionals.length ? args.positionals : [app.labsDir];
    const results = (await Promise.all(targets.map((t) => loadPath(path.resolve(t))))).flat();
    const errors = results.flatMap((r) => (r.ok ? [] : r.errors));
    app.out.show(validateView, { results, errors });
    return errors.length || results.length === 0 ? EXIT.badInput : EXIT.ok;
  },
};
