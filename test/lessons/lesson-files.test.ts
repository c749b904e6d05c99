// Every lesson under labs/ is a valid lesson file and hangs together: ids match folders, every
// manifest it names exists, every image is pinned and listed, every {{template}} names a value
// captured in an earlier (or the same) step, and every challenge ships a reference solution.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLesson as loadLessonFolder } from '../../src/lessons/load.js';
import type { LessonFile } from '../../src/lessons/schema.js';
import { LABS, lessonDirs, manifestObjects, rawLesson } from './lesson-helpers.js';

const BUILTINS = new Set(['namespace', 'profile', 'cluster']);

function manifestFiles(l: LessonFile): string[] {
  const files = new Set<string>();
  const add = (a?: { apply?: string[]; delete?: string[] }) => {
    a?.apply?.forEach((f) => files.add(f));
    a?.delete?.forEach((f) => files.add(f));
  };
  add(l.setup);
  for (const s of l.steps) {
    add(s);
    add(s.solve);
  }
  return [...files];
}

function images(obj: any): string[] {
  const spec = obj?.spec?.template?.spec ?? obj?.spec;
  const containers = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  return containers.map((c: any) => String(c.image));
}

const templatesIn = (value: unknown): string[] => [...JSON.stringify(value ?? null).matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g)].map((m) => m[1]!);

const dirs = lessonDirs();

describe('lesson files in labs/', () => {
  it('has lessons 01 to 09', () => {
    expect(dirs.map((d) => d.slice(0, 2))).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09']);
  });

  for (const dir of dirs) {
    describe(dir, () => {
      const l = rawLesson(dir);

      it('loads without errors, as kindlab validate reads it', async () => {
        const result = await loadLessonFolder(join(LABS, dir));
        expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([]);
      });

      it('has an id equal to its folder and a lab-NN namespace', () => {
        expect(l.id).toBe(dir);
        expect(l.namespace).toBe(`lab-${dir.slice(0, 2)}`);
      });

      it('names only manifests that exist, and each solution lives in manifests/solution-*.yaml', () => {
        for (const f of manifestFiles(l)) expect(existsSync(join(LABS, dir, f)), f).toBe(true);
        for (const s of l.steps.filter((s) => (s.kind ?? 'guided') === 'challenge')) {
          for (const f of s.solve?.apply ?? []) expect(f).toMatch(/^manifests\/solution-[a-z0-9-]+\.yaml$/);
        }
      });

      it('pins every image by tag, pulls IfNotPresent, and lists it in images', () => {
        for (const f of manifestFiles(l)) {
          for (const obj of manifestObjects(dir, f)) {
            const spec = obj.spec?.template?.spec ?? obj.spec;
            for (const c of spec?.containers ?? []) expect(c.imagePullPolicy, `${f} ${c.name}`).toBe('IfNotPresent');
            for (const image of images(obj)) {
              expect(image, f).toMatch(/:[A-Za-z0-9._-]+$/);
              expect(image, f).not.toMatch(/:latest$/);
              expect(l.images ?? [], `${image} missing from images:`).toContain(image);
            }
          }
        }
      });

      it('creates no Namespace objects and names only its own namespaces', () => {
        const own = new Set([l.namespace, ...(l.extraNamespaces ?? [])]);
        for (const f of manifestFiles(l)) {
          for (const obj of manifestObjects(dir, f)) {
            expect(obj.kind, f).not.toBe('Namespace');
            if (obj.metadata?.namespace !== undefined) expect(own.has(obj.metadata.namespace), f).toBe(true);
          }
        }
      });

      it('uses only values captured in an earlier or the same step', () => {
        const known = new Set(BUILTINS);
        for (const s of l.steps) {
          // A capture may use values from earlier steps only; checks and runs may use this step's captures too.
          for (const name of templatesIn(s.capture)) expect(known.has(name), `${s.id}: capture uses {{${name}}}`).toBe(true);
          Object.keys(s.capture ?? {}).forEach((k) => known.add(k));
          const { capture: _c, ...rest } = s;
          for (const name of templatesIn(rest)) expect(known.has(name), `${s.id}: {{${name}}} is never captured before`).toBe(true);
        }
      });

      it('gives every challenge a task, a hint and checks, in both languages', () => {
        const challenges = l.steps.filter((s) => (s.kind ?? 'guided') === 'challenge');
        expect(challenges.length).toBeGreaterThanOrEqual(1);
        for (const s of challenges) {
          expect(s.task?.ja && s.task.en && s.hint?.ja && s.hint.en).toBeTruthy();
          expect(s.checks?.length).toBeGreaterThan(0);
        }
      });
    });
  }
});
