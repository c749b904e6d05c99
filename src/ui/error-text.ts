// What an error says to the learner: its bilingual `text` where kindlab wrote one (TextError,
// ClusterUnreachable, WrongContext, DeadlineExceeded, LessonFileError…), else its message, which
// is then a library's or a tool's own words and is shown as it is.
import type { Lang, Text } from '../lab/text.js';

const isText = (value: unknown): value is Text =>
  typeof value === 'object' && value !== null && typeof (value as Text).ja === 'string' && typeof (value as Text).en === 'string';

export function errorText(error: unknown, lang: Lang): string {
  const text = (error as { text?: unknown } | null)?.text;
  if (isText(text)) return text[lang];
  return error instanceof Error ? error.message : String(error);
}
