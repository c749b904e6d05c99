// Offline validation of lesson manifests against the Kubernetes API schemas, so that a typo in a
// field name or a wrong type is caught by `kindlab validate`, not by a learner's cluster.
//
// Two maintained packages generated from the official Kubernetes OpenAPI do the work; nothing
// here restates the API by hand:
// - kubernetes-models (4.5.x; 5.x needs Node 22): types, required fields and enums, via each
//   model's precompiled validate(). Its schemas allow unknown properties, as the OpenAPI does.
// - @kubernetes/client-node (already a dependency): each model's attributeTypeMap lists the
//   exact JSON field names, which is how unknown fields ("targetPot") are found.
import * as clientNode from '@kubernetes/client-node';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { editDistance } from './edit-distance.js';

export interface ManifestIssue {
  /** Where in the object, e.g. `.spec.ports[0].targetPort`. */
  path: string;
  message: string;
}

export interface ManifestVerdict {
  ok: boolean;
  errors: ManifestIssue[];
}

const require = createRequire(import.meta.url);

interface ModelClass {
  new (data: unknown): { validate(): void };
}

interface AttributeType {
  baseName: string;
  type: string;
}

interface ClientModel {
  getAttributeTypeMap(): AttributeType[];
}

/** `apps/v1` -> the kubernetes-models module for that group version, or undefined. */
function modelModule(apiVersion: string): Record<string, unknown> | undefined {
  if (!/^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/.test(apiVersion)) return undefined;
  // Gateway API objects (lesson 12) are judged by their own generated models where installed.
  for (const pkg of ['kubernetes-models', '@kubernetes-models/gateway-api']) {
    try {
      return require(`${pkg}/${apiVersion}`) as Record<string, unknown>;
    } catch {
      // not this package
    }
  }
  return undefined;
}

/**
 * A group Kubernetes itself serves (core, apps, networking.k8s.io, …): a kind or version missing
 * there is a mistake. Other groups come from CRDs that no offline schema here describes.
 */
function builtInGroup(apiVersion: string): boolean {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
  return group === '' || existsSync(path.join(path.dirname(require.resolve('kubernetes-models/package.json')), group));
}

/** `/spec/ports/0/port` -> `.spec.ports[0].port` */
function dottedPath(instancePath: string): string {
  if (!instancePath) return '.';
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('');
}

/** client-node's class name for a group version kind: apps/v1 Deployment -> V1Deployment. */
function clientClassName(apiVersion: string, kind: string): string {
  const version = apiVersion.split('/').pop() ?? apiVersion;
  return `${version.charAt(0).toUpperCase()}${version.slice(1)}${kind}`;
}

const LEAF_TYPES = new Set(['string', 'number', 'boolean', 'Date', 'any', 'object', 'IntOrString']);

function clientModel(typeName: string): ClientModel | undefined {
  const candidate = (clientNode as unknown as Record<string, unknown>)[typeName];
  return candidate && typeof (candidate as ClientModel).getAttributeTypeMap === 'function' ? (candidate as ClientModel) : undefined;
}

function unknownFields(value: unknown, typeName: string, path: string, out: ManifestIssue[]): void {
  if (value === null || value === undefined || LEAF_TYPES.has(typeName)) return;
  const array = /^Array<(.+)>$/.exec(typeName);
  if (array) {
    if (Array.isArray(value)) value.forEach((item, i) => unknownFields(item, array[1]!, `${path}[${i}]`, out));
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(typeName);
  if (map) {
    if (typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, item] of Object.entries(value)) unknownFields(item, map[1]!, `${path}.${key}`, out);
    }
    return;
  }
  const model = clientModel(typeName);
  if (!model || typeof value !== 'object' || Array.isArray(value)) return;
  const fields = new Map(model.getAttributeTypeMap().map((a) => [a.baseName, a.type]));
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const fieldType = fields.get(key);
    if (fieldType === undefined) {
      const known = [...fields.keys()];
      const near = known.find((k) => k.toLowerCase() === key.toLowerCase() || editDistance(k, key) <= 2);
      out.push({ path: `${path}.${key}`, message: `unknown field "${key}"${near ? ` (did you mean "${near}"?)` : ''}` });
      continue;
    }
    unknownFields(item, fieldType, `${path}.${key}`, out);
  }
}

/** Validates one Kubernetes object (as parsed from YAML) against the API schemas. */
export function validateManifest(object: unknown): ManifestVerdict {
  if (!object || typeof object !== 'object' || Array.isArray(object)) {
    return { ok: false, errors: [{ path: '.', message: 'a Kubernetes object (a mapping with apiVersion and kind)' }] };
  }
  const { apiVersion, kind } = object as { apiVersion?: unknown; kind?: unknown };
  const errors: ManifestIssue[] = [];
  if (typeof apiVersion !== 'string') errors.push({ path: '.apiVersion', message: 'missing apiVersion' });
  if (typeof kind !== 'string') errors.push({ path: '.kind', message: 'missing kind' });
  if (errors.length) return { ok: false, errors };
  const module = modelModule(apiVersion as string);
  const Model = module?.[kind as string] as ModelClass | undefined;
  if (typeof Model !== 'function') {
    // A custom resource (Calico's, for one) cannot be judged offline: that is not a mistake.
    if (!module && !builtInGroup(apiVersion as string)) return { ok: true, errors: [] };
    if (!module) return { ok: false, errors: [{ path: '.apiVersion', message: `unknown apiVersion ${String(apiVersion)}` }] };
    return { ok: false, errors: [{ path: '.kind', message: `unknown kind ${String(kind)} in apiVersion ${String(apiVersion)}` }] };
  }
  try {
    new Model(object).validate();
  } catch (error) {
    const ajvErrors = (error as { errors?: { instancePath: string; message?: string; params?: Record<string, unknown> }[] }).errors;
    if (!Array.isArray(ajvErrors)) throw error;
    const seen = new Set<string>();
    for (const e of ajvErrors) {
      const missing = typeof e.params?.missingProperty === 'string' ? `.${e.params.missingProperty}` : '';
      const issue = { path: `${dottedPath(e.instancePath)}${missing}`.replace(/^\.\./, '.'), message: e.message ?? 'invalid' };
      const key = `${issue.path} ${issue.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        errors.push(issue);
      }
    }
  }
  unknownFields(object, clientClassName(apiVersion as string, kind as string), '', errors);
  return { ok: errors.length === 0, errors };
}
