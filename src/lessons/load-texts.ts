// The words the loader's errors share: how a value found in a lesson file is described, and what
// YAML that could not be read was expected to be. Bilingual where kindlab says it; a value stays as
// it is (JSON) in both languages.
import type { Text } from '../core/text.js';

export const VALID_YAML: Text = { ja: '正しい YAML', en: 'valid YAML' };
export const SMALL_ALIASES: Text = { ja: 'エイリアスを展開しても大きくなりすぎない YAML', en: 'YAML whose aliases expand to a reasonable size' };

export function describeFound(value: unknown): string | Text {
  if (value === undefined) return { ja: 'なし', en: 'nothing' };
  if (value === null) return 'null';
  if (Array.isArray(value)) return { ja: `${value.length} 個のリスト`, en: `a list of ${value.length}` };
  if (typeof value === 'object') return { ja: 'マップ', en: 'a map' };
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
