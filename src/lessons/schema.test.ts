import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { lessonJsonSchema } from './schema.js';

describe('the published JSON Schema for lesson files', () => {
  it('matches the schema kindlab validates with (run `npm run schema` after changing it)', async () => {
    const published = JSON.parse(await readFile('schema/lesson.schema.json', 'utf8'));
    expect(published).toEqual({ title: 'kindlab lesson', ...JSON.parse(JSON.stringify(lessonJsonSchema())) });
  });

  it('lists every expectation kind so editors can complete them', () => {
    const text = JSON.stringify(lessonJsonSchema());
    for (const key of ['exitCode', 'stdout.contains', 'distinct.atLeast', 'share']) expect(text).toContain(`"${key}"`);
  });
});
