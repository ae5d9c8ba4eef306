/**
 * What extracted text must be before it is stored: PostgreSQL's text type cannot hold NUL, and an
 * unpaired surrogate is not valid UTF-8 (the API refuses both in requests, ZStorableInput); pdf.js
 * yields NUL for glyphs it cannot map. Line ends become `\n` so page text compares the same everywhere.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(text: string): string {
  return text.replace(UNSTORABLE, '').replace(/\r\n?/g, '\n');
}

/**
 * Keeps pages while the character budget lasts; the page that crosses it is cut (never inside a
 * surrogate pair) and the rest dropped. `truncated` says whether anything was dropped.
 */
export class CharBudget {
  private left: number;
  truncated = false;

  constructor(maxChars: number) {
    this.left = maxChars;
  }

  get exhausted(): boolean {
    return this.left <= 0;
  }

  take(text: string): string {
    if (text.length <= this.left) {
      this.left -= text.length;
      return text;
    }
    this.truncated = true;
    let end = Math.max(this.left, 0);
    if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1])) end -= 1;
    this.left = 0;
    return text.slice(0, end);
  }
}
