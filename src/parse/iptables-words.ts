// The words of an iptables-save or -S line, as iptables-save quotes them: whitespace between words,
// "double quotes" around a word with spaces (the comment), a backslash before a character taken as
// it is. WordReader walks a line's words by position and makes a string only of a word that is
// asked for, so a large table is read without a words array per rule.

/** What `/\s/` matches, by char code: no regular expression per character of a large table. */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** One word's value from `line[start, end)`: quotes dropped, a backslash keeps the character after it. */
function unquote(line: string, start: number, end: number): string {
  // Runs of plain characters are sliced out whole rather than built a character at a time.
  let word = '';
  let run = -1;
  for (let i = start; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c === 92 && i + 1 < end) {
      if (run >= 0) word += line.slice(run, i);
      word += line[++i];
      run = -1;
    } else if (c === 34) {
      if (run >= 0) word += line.slice(run, i);
      run = -1;
    } else if (run < 0) run = i;
  }
  return run >= 0 ? word + line.slice(run, end) : word;
}

/** A cursor over a line's words: `next()` finds the next one, `text()` gives its value. */
export class WordReader {
  private line = '';
  private pos = 0;
  /** The current word is `line[start, end)`; `plain` when it holds no quote or backslash (its value is that slice). */
  start = 0;
  end = 0;
  plain = true;

  reset(line: string): void {
    this.line = line;
    this.pos = 0;
    this.start = this.end = 0;
  }

  /** Moves to the next word; false at the end of the line. */
  next(): boolean {
    const line = this.line;
    const length = line.length;
    let pos = this.pos;
    while (pos < length && isSpace(line.charCodeAt(pos))) pos++;
    if (pos >= length) {
      this.pos = pos;
      return false;
    }
    this.start = pos;
    let quotes = 0;
    let escaped = false;
    let quoted = false;
    for (; pos < length; pos++) {
      const c = line.charCodeAt(pos);
      if (c > 32 && c < 127 && c !== 34 && c !== 92) continue; // most characters: printable ASCII, not a quote or backslash
      if (c === 92 && pos + 1 < length) {
        escaped = true;
        pos++;
      } else if (c === 34) {
        quotes++;
        quoted = !quoted;
      } else if (!quoted && isSpace(c)) break;
    }
    this.plain = quotes === 0 && !escaped;
    // `"ns/svc:port cluster IP"`, one quoted part: its value is the slice inside the quotes.
    this.quotedOnce = quotes === 2 && !escaped && line.charCodeAt(this.start) === 34 && line.charCodeAt(pos - 1) === 34;
    this.end = this.pos = pos;
    return true;
  }

  private quotedOnce = false;

  /** The current word's value. */
  text(): string {
    if (this.plain) return this.line.slice(this.start, this.end);
    return this.quotedOnce ? this.line.slice(this.start + 1, this.end - 1) : unquote(this.line, this.start, this.end);
  }

  /** The next word's value, or undefined past the last word. */
  value(): string | undefined {
    return this.next() ? this.text() : undefined;
  }

  /** The character at `offset` in the current word as written (a quote for a quoted word). */
  codeAt(offset: number): number {
    return this.line.charCodeAt(this.start + offset);
  }

  /** Whether the current word, as written, is `word` (for a plain word; compare `text()` otherwise). */
  is(word: string): boolean {
    return this.end - this.start === word.length && this.line.startsWith(word, this.start);
  }

  get length(): number {
    return this.end - this.start;
  }
}

/** Splits an iptables-save line into words, honouring "double quotes" and backslash escapes. */
export function splitWords(line: string): string[] {
  const reader = new WordReader();
  reader.reset(line);
  const words: string[] = [];
  while (reader.next()) words.push(reader.text());
  return words;
}
