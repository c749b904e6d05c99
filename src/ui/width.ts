// Terminal columns of a string, for padding tables and drawing boxes, in kindlab's own ~60 lines:
// string-width (with Intl.Segmenter and its emoji expressions) cost `list` 17 ms to import and 36 ms
// on its first Japanese title. Per code point: East Asian Wide and Fullwidth take two columns
// (CJK, kana, Hangul, full-width forms, emoji), marks, controls and format characters none, the
// rest one; plus the few cluster rules string-width applies to emoji (VS16, ZWJ, skin tones,
// keycaps) and Hangul jamo. src/ui/width.test.ts holds it to string-width on every code point
// alone, every line of every lesson and of messages.ts, and random strings of those characters.

/**
 * East Asian Width W and F, as [first, last] pairs: Unicode's EastAsianWidth.txt as
 * get-east-asian-width 1.7.0 (string-width 8.3's table) has it, the two sets merged.
 */
// prettier-ignore
const WIDE = [
  0x1100, 0x115f, 0x231a, 0x231b, 0x2329, 0x232a, 0x23e9, 0x23ec, 0x23f0, 0x23f0, 0x23f3, 0x23f3, 0x25fd, 0x25fe, 0x2614, 0x2615, 0x2630, 0x2637,
  0x2648, 0x2653, 0x267f, 0x267f, 0x268a, 0x268f, 0x2693, 0x2693, 0x26a1, 0x26a1, 0x26aa, 0x26ab, 0x26bd, 0x26be, 0x26c4, 0x26c5, 0x26ce, 0x26ce,
  0x26d4, 0x26d4, 0x26ea, 0x26ea, 0x26f2, 0x26f3, 0x26f5, 0x26f5, 0x26fa, 0x26fa, 0x26fd, 0x26fd, 0x2705, 0x2705, 0x270a, 0x270b, 0x2728, 0x2728,
  0x274c, 0x274c, 0x274e, 0x274e, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797, 0x27b0, 0x27b0, 0x27bf, 0x27bf, 0x2b1b, 0x2b1c, 0x2b50, 0x2b50,
  0x2b55, 0x2b55, 0x2e80, 0x2e99, 0x2e9b, 0x2ef3, 0x2f00, 0x2fd5, 0x2ff0, 0x303e, 0x3041, 0x3096, 0x3099, 0x30ff, 0x3105, 0x312f, 0x3131, 0x318e,
  0x3190, 0x31e5, 0x31ef, 0x321e, 0x3220, 0x3247, 0x3250, 0xa48c, 0xa490, 0xa4c6, 0xa960, 0xa97c, 0xac00, 0xd7a3, 0xf900, 0xfaff, 0xfe10, 0xfe19,
  0xfe30, 0xfe52, 0xfe54, 0xfe66, 0xfe68, 0xfe6b, 0xff01, 0xff60, 0xffe0, 0xffe6, 0x16fe0, 0x16fe4, 0x16ff0, 0x16ff6, 0x17000, 0x18cda,
  0x18cff, 0x18d20, 0x18d80, 0x18df2, 0x18e00, 0x19191, 0x191a0, 0x191d2, 0x1aff0, 0x1aff3, 0x1aff5, 0x1affb, 0x1affd, 0x1affe, 0x1b000, 0x1b128,
  0x1b132, 0x1b132, 0x1b150, 0x1b152, 0x1b155, 0x1b155, 0x1b164, 0x1b168, 0x1b170, 0x1b2fb, 0x1d300, 0x1d356, 0x1d360, 0x1d376, 0x1f004, 0x1f004,
  0x1f0cf, 0x1f0cf, 0x1f18e, 0x1f18e, 0x1f191, 0x1f19a, 0x1f1ae, 0x1f1ae, 0x1f200, 0x1f202, 0x1f210, 0x1f23b, 0x1f240, 0x1f248, 0x1f250, 0x1f251,
  0x1f260, 0x1f265, 0x1f300, 0x1f320, 0x1f32d, 0x1f335, 0x1f337, 0x1f37c, 0x1f37e, 0x1f393, 0x1f3a0, 0x1f3ca, 0x1f3cf, 0x1f3d3, 0x1f3e0, 0x1f3f0,
  0x1f3f4, 0x1f3f4, 0x1f3f8, 0x1f43e, 0x1f440, 0x1f440, 0x1f442, 0x1f4fc, 0x1f4ff, 0x1f53d, 0x1f54b, 0x1f54e, 0x1f550, 0x1f567, 0x1f57a, 0x1f57a,
  0x1f595, 0x1f596, 0x1f5a4, 0x1f5a4, 0x1f5fb, 0x1f64f, 0x1f680, 0x1f6c5, 0x1f6cc, 0x1f6cc, 0x1f6d0, 0x1f6d2, 0x1f6d5, 0x1f6d9, 0x1f6dc, 0x1f6df,
  0x1f6eb, 0x1f6ec, 0x1f6f4, 0x1f6fc, 0x1f7da, 0x1f7da, 0x1f7e0, 0x1f7eb, 0x1f7f0, 0x1f7f0, 0x1f90c, 0x1f93a, 0x1f93c, 0x1f945, 0x1f947, 0x1f9ff,
  0x1fa70, 0x1fa7c, 0x1fa80, 0x1fac6, 0x1fac8, 0x1fac8, 0x1facc, 0x1fadd, 0x1fadf, 0x1faeb, 0x1faef, 0x1fafa, 0x20000, 0x2fffd, 0x30000, 0x3fffd,
];

function isWide(cp: number): boolean {
  if (cp < 0x1100) return false;
  let low = 0;
  let high = WIDE.length / 2 - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (cp < WIDE[mid * 2]!) high = mid - 1;
    else if (cp > WIDE[mid * 2 + 1]!) low = mid + 1;
    else return true;
  }
  return false;
}

// What string-width draws with no columns: the same Unicode properties.
const ZERO = /[\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{Mn}\p{Me}\p{Cs}]/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
// After these a grapheme cluster ends, so a skin tone there stands alone.
const BREAKS = /[\p{Cc}\p{Zl}\p{Zp}]|(?![\u200C\u200D])\p{Cf}/u;
// CSI (colours) and OSC (links) sequences, as ansi-regex matches them for kindlab's own output.
const ANSI =
  /(?:\u001B\[|\u009B)[\u0030-\u003F]*[\u0020-\u002F]*[\u0040-\u007E]|(?:\u001B\]|\u009D)[^\u0007\u0018\u001A\u001B\u0080-\u009F]*(?:\u0007|\u001B\u005C|\u009C)/g;
const PRINTABLE_ASCII = /^[\u0020-\u007E]*$/;

const isLeadingJamo = (cp: number) => (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0xa960 && cp <= 0xa97c);
const isVowelJamo = (cp: number) => (cp >= 0x1160 && cp <= 0x11a7) || (cp >= 0xd7b0 && cp <= 0xd7c6);
const isTrailingJamo = (cp: number) => (cp >= 0x11a8 && cp <= 0x11ff) || (cp >= 0xd7cb && cp <= 0xd7fb);

/** Columns `text` takes on a terminal (ANSI colours take none). */
export function columnsOf(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  const plain = text.includes('\u001B') || text.includes('\u009B') ? text.replace(ANSI, '') : text;
  let width = 0;
  // The code point before, and the width and kind of the character the current one joins.
  let previous = -1;
  let baseWidth = 0;
  let basePictographic = false;
  let jamo = 0; // 1 after a leading jamo, 2 after its vowel or a syllable
  let jamoBase = false;
  let base = false; // a visible character since the cluster began
  for (const ch of plain) {
    const cp = ch.codePointAt(0)!;
    const after = previous;
    previous = cp;
    if (cp >= 0x20 && cp < 0x7f) {
      width += 1;
      baseWidth = 1;
      basePictographic = false;
      jamo = 0;
      jamoBase = false;
      base = true;
      continue;
    }
    if (cp === 0xfe0f) {
      // VS16 makes a pictograph an emoji, two columns wide.
      if (basePictographic && baseWidth === 1) {
        width += 1;
        baseWidth = 2;
      }
      continue;
    }
    if (cp === 0x20e3 && (after === 0xfe0f || (after >= 0x30 && after <= 0x39) || after === 0x23 || after === 0x2a) && baseWidth === 1) {
      width += 1; // keycap 1⃣
      baseWidth = 2;
      continue;
    }
    // A skin tone joins its base (string-width counts it after Hangul jamo, as the rest of a jamo cluster).
    if (cp >= 0x1f3fb && cp <= 0x1f3ff && base && !jamoBase) continue;
    if (after === 0x200d && basePictographic && PICTOGRAPHIC.test(ch)) {
      // A ZWJ sequence (👩‍💻) is one emoji.
      if (baseWidth === 1) {
        width += 1;
        baseWidth = 2;
      }
      continue;
    }
    if (ZERO.test(ch)) {
      if (BREAKS.test(ch)) base = false;
      continue;
    }
    if ((jamo === 1 && isVowelJamo(cp)) || (jamo === 2 && isTrailingJamo(cp))) {
      jamo = jamo === 1 ? 2 : 0; // L V T is one syllable, two columns
      continue;
    }
    baseWidth = isWide(cp) ? 2 : 1;
    width += baseWidth;
    basePictographic = PICTOGRAPHIC.test(ch);
    jamo = isLeadingJamo(cp) ? 1 : cp >= 0xac00 && cp <= 0xd7a3 ? 2 : 0;
    jamoBase = isLeadingJamo(cp) || isVowelJamo(cp) || isTrailingJamo(cp);
    base = true;
  }
  return width;
}
