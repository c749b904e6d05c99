import { stat } from 'node:fs/promises';
import path from 'node:path';
import { LESSON_FILE, loadAllLessons, loadLesson, type LoadResult } from '../../lab/load.js';
import { errorText } from '../../ui/error-text.js';
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

export const validate: Pick<Command, 'run'> = {
  async run(app, args) {
    const targets = args.positionals.length ? args.positionals : [app.labsDir];
    const results = (await Promise.all(targets.map((t) => loadPath(path.resolve(t))))).flat();
    const errors = results.flatMap((r) => (r.ok ? [] : r.errors));
    if (app.out.mode === 'json') {
      app.out.json({
        valid: results.filter((r) => r.ok).map((r) => (r.ok ? r.lesson.id : '')),
        errors: errors.map((e) => ({ file: e.file, line: e.line, column: e.column, field: e.field, expected: e.expected, found: e.found })),
      });
    } else {
      for (const e of errors) app.out.line(`${app.out.style('red', '✗')} ${errorText(e, app.lang)}`);
      const valid = results.filter((r) => r.ok).length;
      if (valid) app.out.line(app.out.style('green', `✓ ${fill(app.out.t(messages.validateOk), { count: valid })}`));
      if (errors.length) app.out.line(app.out.style('red', fill(app.out.t(messages.validateFailed), { count: errors.length })));
    }
    return errors.length || results.length === 0 ? EXIT.badInput : EXIT.ok;
  },
};
