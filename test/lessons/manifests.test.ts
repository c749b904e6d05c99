// Every manifest a lesson applies is a valid Kubernetes object for the pinned API: right types,
// required fields present, no unknown (misspelt) fields. Checked offline with the schemas
// generated from the official OpenAPI (see src/lessons/manifest-validate.ts).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateManifest } from '../../src/lessons/manifest-validate.js';
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

// Lessons 10-13 (kept apart from lessonDirs(), which the 01-09 suites share). Their Gateway API
// objects are checked against @kubernetes-models/gateway-api 0.5.1, generated from the Gateway API
// CRDs' OpenAPI schemas: types, required fields and enums. Unlike the core API check above it does
// not catch unknown (misspelt) fields, because the CRD schemas do not list additional properties as
// forbidden. The CRDs themselves come inside the cloud-provider-kind image and are not vendored.
import { Gateway, GatewayClass, HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1';

const GATEWAY_MODELS: Record<string, new (data: any) => { validate(): void }> = { Gateway, GatewayClass, HTTPRoute };

function validateGatewayObject(obj: Record<string, any>): string[] {
  if (obj.apiVersion !== 'gateway.networking.k8s.io/v1') return [`apiVersion ${obj.apiVersion}: lessons use gateway.networking.k8s.io/v1`];
  const Model = GATEWAY_MODELS[obj.kind];
  if (!Model) return [`unknown Gateway API kind ${obj.kind}`];
  try {
    new Model(obj).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: { instancePath: string; message?: string }[] }).errors;
    if (!errors) throw error;
    return errors.map((e) => `${e.instancePath} ${e.message ?? 'invalid'}`);
  }
}

const LATER_LESSONS = readdirSync(LABS)
  .filter((d) => /^1[0-3]-/.test(d))
  .sort();

describe('manifests of lessons 10-13, including their Gateway API objects', () => {
  it('are lessons 10 to 13', () => {
    expect(LATER_LESSONS.map((d) => d.slice(0, 2))).toEqual(['10', '11', '12', '13']);
  });
  for (const dir of LATER_LESSONS) {
    for (const file of readdirSync(join(LABS, dir, 'manifests')).filter((f) => f.endsWith('.yaml'))) {
      it(`${dir}/manifests/${file} is valid`, () => {
        const objects = manifestObjects(dir, `manifests/${file}`);
        expect(objects.length).toBeGreaterThan(0);
        for (const obj of objects) {
          const errors = String(obj.apiVersion).startsWith('gateway.networking.k8s.io/')
            ? validateGatewayObject(obj)
            : validateManifest(obj).errors.map((e) => `${e.path} ${e.message}`);
          expect(errors, `${obj.kind}/${obj.metadata?.name}`).toEqual([]);
        }
      });
    }
  }

  it('a Gateway API mistake is reported: a backendRef port as text, a missing parentRef name, a wrong match type', () => {
    const route = (rule: Record<string, unknown>, parentRefs: unknown[] = [{ name: 'lab-gw' }]) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'r' },
      spec: { parentRefs, rules: [rule] },
    });
    expect(validateGatewayObject(route({ backendRefs: [{ name: 'echo-v1', port: 8090, weight: 90 }] }))).toEqual([]);
    expect(validateGatewayObject(route({ backendRefs: [{ name: 'echo-v1', port: '8090' }] }))).toContain('/spec/rules/0/backendRefs/0/port must be integer');
    expect(validateGatewayObject(route({ backendRefs: [{ name: 'echo-v1', port: 8090 }] }, [{ sectionName: 'http' }])).join()).toContain('name');
    expect(validateGatewayObject(route({ matches: [{ headers: [{ type: 'Prefix', name: 'X-Canary', value: 'true' }] }] })).join()).toContain(
      '/spec/rules/0/matches/0/headers/0/type',
    );
    expect(validateGatewayObject({ apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'HTTPRoute', metadata: { name: 'r' } })).toHaveLength(1);
  });
});

describe('the offline image list covers what the lessons run', () => {
  it("every image in a lesson manifest or a lesson's images: list is pinned in src/cluster/kind/images.ts", async () => {
    const { ALL_IMAGES } = await import('../../src/cluster/kind/images.js');
    const { loadAllLessons } = await import('../../src/lessons/load.js');
    const pinned = new Set(ALL_IMAGES.map((i) => i.ref));
    const { lessons } = await loadAllLessons('labs');
    const used = new Set<string>();
    for (const lesson of lessons) {
      for (const ref of lesson.images ?? []) used.add(ref);
      const text = JSON.stringify([...lesson.manifests.values()]);
      for (const m of text.matchAll(/"image":"([^"]+)"/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(1);
    expect([...used].filter((ref) => !pinned.has(ref))).toEqual([]);
  });
});
