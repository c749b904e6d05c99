#!/usr/bin/env zx
// Writes schema/lesson.schema.json from the zod lesson schema (run after `npm run build`).
// Editors use it to complete and check lesson.yaml; a test fails when the committed copy is stale.
import { fs, path } from 'zx';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { lessonJsonSchema } = await import(path.join(root, 'dist/src/lessons/schema.js'));
const schema = { title: 'kindlab lesson', ...lessonJsonSchema() };
await fs.outputFile(path.join(root, 'schema/lesson.schema.json'), `${JSON.stringify(schema, null, 2)}\n`);
console.log('wrote schema/lesson.schema.json');
