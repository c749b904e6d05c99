// Padding by terminal columns, not by UTF-16 code units: a CJK character (ネ, 基) takes two
// columns, so `padEnd` on Japanese text misaligns tables. width.ts knows the East Asian widths.
import { columnsOf } from './width.js';

export { columnsOf };

/** `text` followed by spaces up to `width` columns. */
export const padColumns = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - columnsOf(text)));

/** The widest of `texts`, in columns. */
export const widestOf = (texts: string[]): number => Math.max(0, ...texts.map(columnsOf));
