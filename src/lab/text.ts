// Every text a learner reads exists in Japanese and English.

export type Lang = 'ja' | 'en';

export interface Text {
  ja: string;
  en: string;
}

/** Language from --lang, then a saved preference, then LANG/LC_ALL (ja* gives Japanese), else English. */
export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return raw.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
