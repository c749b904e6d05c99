// Every manifest a lesson applies is a valid Kubernetes object for the pinned API: right types,
// required fields present, no unknown (misspelt) fields. Checked offline with the schemas
// generated from the official OpenAPI (see src/lab/manifest-validate.ts).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateManifest } from '../../src/lab/manifest-validate.js';
import { LABS, lessonDirs, manifestObjects } from './lesson-helpers.js';

describe('manifests in labs/ against the Kubernetes API schemas', () => {
  for (const dir of lessonDirs()) {
    const files = readdirSync(join(LABS, dir, 'manifests')).filter((f) => f.endsWith('.yaml'));
    for (const file of files) {
      it(`${dir}/manifests/${file} is valid`, () => {
        const objects = manifestObjects(dir, `manifests/${file}`);
        expect(objects.length).toBeGreaterThan(0);
        for (const obj of objects) {
          const verdict = validateManifest(obj);
          expect(verdict.errors, `${obj.kind}/${obj.metadata?.name}`).toEqual([]);
          expect(verdict.ok).toBe(true);
        }
      });
    }
  }
});

describe('validateManifest reports what a lesson author got wrong', () => {
  const service = (port: Record<string, unknown>) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web' },
    spec: { selector: { app: 'web' }, ports: [port] },
  });

  it('accepts a correct Service', () => {
    expect(validateManifest(service({ name: 'http', port: 80, targetPort: 'http' }))).toEqual({ ok: true, errors: [] });
  });

  it('a misspelt targetPort is an unknown field, with a suggestion', () => {
    const verdict = validateManifest(service({ port: 80, targetPot: 8080 }));
    expect(verdict.ok).toBe(false);
    expect(verdict.errors).toContainEqual({ path: '.spec.ports[0].targetPot', message: 'unknown field "targetPot" (did you mean "targetPort"?)' });
  });

  it('a targetPort that is neither a number nor a name is a type error', () => {
    const verdict = validateManifest(service({ port: 80, targetPort: { number: 8080 } }));
    expect(verdict.ok).toBe(false);
    expect(verdict.errors.map((e) => e.path)).toContain('.spec.ports[0].targetPort');
  });

  it('a port given as text is a type error', () => {
    const verdict = validateManifest(service({ port: '80' }));
    expect(verdict.errors).toContainEqual({ path: '.spec.ports[0].port', message: 'must be integer' });
  });

  it('an unknown field deep in a Pod template is found', () => {
    const verdict = validateManifest({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'x:1', imagePullPolicy: 'IfNotPresent', comand: ['sleep'] }] },
        },
      },
    });
    expect(verdict.errors.map((e) => e.path)).toEqual(['.spec.template.spec.containers[0].comand']);
  });

  it('a wrong enum value is reported', () => {
    const verdict = validateManifest({ ...service({ port: 80 }), spec: { type: 'NodePorts', ports: [{ port: 80 }] } });
    expect(verdict.ok).toBe(false);
    expect(verdict.errors.map((e) => e.path)).toContain('.spec.type');
  });

  it('an unknown kind is reported, not thrown', () => {
    expect(validateManifest({ apiVersion: 'v1', kind: 'Servise', metadata: { name: 'x' } })).toEqual({
      ok: false,
      errors: [{ path: '.kind', message: 'unknown kind Servise in apiVersion v1' }],
    });
  });

  it('labels and annotations may have any keys', () => {
    const verdict = validateManifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { 'a.b/c': 'd' } }, data: { anything: 'ok' } });
    expect(verdict).toEqual({ ok: true, errors: [] });
  });
});
