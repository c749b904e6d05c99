// User settings (language, default profile, cluster name), written atomically like progress and
// checked against a schema on every read: a value kindlab cannot use is set aside and named, never
// passed on as if the user had typed it.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { PROFILES } from '../lessons/profile-names.js';
import type { Lang, Text } from '../lessons/text.js';
import { fsReason, readJson, writeJsonAtomic, type Salvage } from './json-file.js';
import { configDir } from '../core/paths.js';
import { EXIT, KindlabError } from '../core/errors.js';
import { damagedWarning } from './progress.js';

// kind cluster names become Docker container and kubeconfig context names.
const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9.]{0,48}[a-z0-9])?$/;

/** The schema of each setting; zod is loaded only when a value fails the plain test below. */
async function fieldSchemas() {
  const { z } = await import('zod');
  return { lang: z.enum(['ja', 'en']), profile: z.enum(PROFILES), cluster: z.string().regex(CLUSTER_NAME) };
}

/** Values that certainly fit their schema, told without loading zod (every command reads settings). */
const plainlyValid: Record<string, (value: unknown) => boolean> = {
  lang: (value) => value === 'ja' || value === 'en',
  profile: (value) => (PROFILES as readonly unknown[]).includes(value),
  cluster: (value) => typeof value === 'string' && CLUSTER_NAME.test(value),
};

export interface Settings {
  lang?: Lang;
  profile?: string;
  cluster?: string;
}

/** Keeps each setting that is valid; names the others (`profile: "flannel"`). Unknown keys are kept. */
const salvageSettings: Salvage<Settings> = async (data) => {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const kept: Record<string, unknown> = {};
  const dropped: string[] = [];
  let fields: Awaited<ReturnType<typeof fieldSchemas>> | undefined;
  for (const [key, value] of Object.entries(data)) {
    const plain = Object.hasOwn(plainlyValid, key) ? plainlyValid[key] : undefined;
    if (!plain || plain(value)) {
      kept[key] = value;
      continue;
    }
    fields ??= await fieldSchemas();
    const schema = fields[key as keyof typeof fields];
    if (schema.safeParse(value).success) kept[key] = value;
    else dropped.push(`${key}: ${JSON.stringify(value)}`);
  }
  return { data: kept as Settings, dropped };
};

/** A state file kindlab could not write; what the user can do is in the message. */
export class StateNotSaved extends KindlabError {
  constructor(text: Text) {
    super(text.en, { text, exitCode: EXIT.prerequisites, internal: false });
    this.name = 'StateNotSaved';
  }
}

export class SettingsStore {
  readonly file: string;
  private readOnly = false;
  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.file = path.join(configDir(env), 'settings.json');
  }
  async load(): Promise<{ settings: Settings; warning?: Text }> {
    const read = await readJson(this.file, salvageSettings);
    if (read.status === 'ok') return { settings: read.data };
    if (read.status === 'missing') return { settings: {} };
    this.readOnly = read.status === 'unreadable' || Boolean(read.setAsideFailed);
    return { settings: (read.status === 'damaged' && read.data) || {}, warning: damagedWarning({ ja: '設定', en: 'settings' }, this.file, read) };
  }
  /** Throws StateNotSaved when the file cannot be written (or must not be, being unreadable). */
  async save(change: Partial<Settings>): Promise<Settings> {
    const { settings } = await this.load();
    const next = { ...settings, ...change };
    let reason: Text | undefined = this.readOnly ? { ja: '既存のファイルを上書きしないため', en: 'the file there is kept as it is' } : undefined;
    if (!reason) {
      try {
        await writeJsonAtomic(this.file, next);
      } catch (error) {
        reason = fsReason(error);
      }
    }
    if (reason) {
      throw new StateNotSaved({ ja: `設定を ${this.file} に保存できません (${reason.ja})`, en: `could not save settings to ${this.file} (${reason.en})` });
    }
    return next;
  }
}

/** The saved language, read without side effects (for --help and errors before the app exists). */
export function savedLang(env: NodeJS.ProcessEnv = process.env): Lang | undefined {
  try {
    const lang = (JSON.parse(readFileSync(path.join(configDir(env), 'settings.json'), 'utf8')) as Settings).lang;
    return lang === 'ja' || lang === 'en' ? lang : undefined;
  } catch {
    return undefined;
  }
}
