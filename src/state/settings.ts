// User settings (language, default profile), written atomically like progress.
import path from 'node:path';
import type { Lang, Text } from '../lab/text.js';
import { readFileSync } from 'node:fs';
import { readJson, writeJsonAtomic } from './json-file.js';
import { configDir } from './paths.js';

export interface Settings {
  lang?: Lang;
  profile?: string;
  cluster?: string;
}

const isSettings = (data: unknown): data is Settings => typeof data === 'object' && data !== null && !Array.isArray(data);

export class SettingsStore {
  readonly file: string;
  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.file = path.join(configDir(env), 'settings.json');
  }
  async load(): Promise<{ settings: Settings; warning?: Text }> {
    const read = await readJson(this.file, isSettings);
    if (read.status === 'ok') return { settings: read.data };
    if (read.status === 'missing') return { settings: {} };
    return {
      settings: {},
      warning: {
        ja: `設定ファイルを読めませんでした (${read.reason})。${read.setAsideAs} として残しました。`,
        en: `settings file was unreadable (${read.reason}); kept it as ${read.setAsideAs}`,
      },
    };
  }
  async save(change: Partial<Settings>): Promise<Settings> {
    const { settings } = await this.load();
    const next = { ...settings, ...change };
    await writeJsonAtomic(this.file, next);
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
