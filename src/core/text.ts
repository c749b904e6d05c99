// Every text a learner reads exists in Japanese and English.

export type Lang = 'ja' | 'en';

export interface Text {
  ja: string;
  en: string;
}

/** What an error says in both languages: its `text` where kindlab wrote one, else its message (a tool's or library's own words). */
export function textOfError(error: unknown): Text {
  const text = (error as { text?: Partial<Text> } | null)?.text;
  if (typeof text?.ja === 'string' && typeof text.en === 'string') return { ja: text.ja, en: text.en };
  const message = error instanceof Error ? error.message : String(error);
  return { ja: message, en: message };
}

/** Language from --lang, then a saved preference, then LANG/LC_ALL (ja* gives Japanese), else English. */
export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return raw.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

// Japanese characters that take no space between them: kana, CJK ideographs, CJK and full-width
// punctuation (。、「」（）ー…). Latin words, numbers and commands keep their spaces.
const WIDE = '\\u3000-\\u30ff\\u3400-\\u9fff\\uff01-\\uff60';
const SPACE_BETWEEN_WIDE = new RegExp(`([${WIDE}])[ \\t]+(?=[${WIDE}])`, 'g');

/**
 * Japanese as it should read: YAML's folded style (`>-`) joins source lines with a space, which is
 * right for English and wrong between two Japanese characters (`同じノードで 動くように`).
 */
export function unfoldJapanese(ja: string): string {
  return ja.replace(SPACE_BETWEEN_WIDE, '$1');
}
