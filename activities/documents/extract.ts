import { CharBudget, cleanText } from './clean-text';
import { readDocxText } from './docx-text';
import { decodePlainText } from './plain-text';
import { readPdfText } from './pdf-text';

/**
 * The text of an uploaded document for full-text search, run by the worker (never in the upload
 * request). It never throws and never runs unbounded: corrupt input is `failed` with a short
 * reason, work stops at `maxChars` characters, `maxPages` PDF pages and `timeoutMs`, and the text
 * holds nothing PostgreSQL cannot store (no NUL, no unpaired surrogate).
 *
 * - `text`: pages hold the text (a PDF: every page read, numbered from 1, empty ones included;
 *   DOCX and plain text: one page 1, `pageCount` null, as they have no fixed pages);
 * - `no-text`: readable but without text (a scanned PDF, an empty file); `pages` is empty. No OCR
 *   is run: no tesseract with chi_sim is installed here;
 * - `unsupported`: a type with no text reader; `failed`: the reader refused the bytes.
 */
export interface ExtractResult {
  status: 'text' | 'no-text' | 'unsupported' | 'failed';
  pages: Array<{ page: number; text: string }>;
  pageCount: number | null;
  /** Set when the character or page limit cut the text short. */
  truncated?: boolean;
  error?: string;
}

export interface ExtractOptions {
  /** Characters kept in all (default 2,000,000). */
  maxChars?: number;
  /** PDF pages read (default 2,000). */
  maxPages?: number;
  /** Wall-clock limit for one document (default 120 s). */
  timeoutMs?: number;
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PLAIN_TYPES = new Set(['text/plain', 'text/markdown', 'text/csv']);

/** `type/subtype` lowercased, and the charset parameter if there is one. */
function parseMime(mime: string): { type: string; charset?: string } {
  const [type, ...params] = mime.split(';');
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";]+)"?\s*$/i.exec(p)?.[1]).find(Boolean);
  return { type: type.trim().toLowerCase(), charset };
}

/** One page 1 of text with the budget applied, or `no-text` when nothing but white space is left. */
function singlePage(raw: string, maxChars: number): ExtractResult {
  const budget = new CharBudget(maxChars);
  const text = budget.take(cleanText(raw));
  if (!text.trim()) return { status: 'no-text', pages: [], pageCount: null };
  return { status: 'text', pages: [{ page: 1, text }], pageCount: null, ...(budget.truncated ? { truncated: true } : {}) };
}

async function extractBounded(bytes: Uint8Array, mime: string, opts: Required<ExtractOptions>, deadline: number): Promise<ExtractResult> {
  const { type, charset } = parseMime(mime);
  if (type === 'application/pdf') {
    const pdf = await readPdfText(bytes, { maxChars: opts.maxChars, maxPages: opts.maxPages, deadline });
    const budget = new CharBudget(opts.maxChars);
    const pages = pdf.pages.map((p) => ({ page: p.page, text: budget.take(cleanText(p.text)) }));
    const truncated = pdf.truncated || budget.truncated ? { truncated: true } : {};
    if (!pages.some((p) => p.text.trim())) return { status: 'no-text', pages: [], pageCount: pdf.pageCount, ...truncated };
    return { status: 'text', pages, pageCount: pdf.pageCount, ...truncated };
  }
  // XML markup is a few times the text it carries: 50 bytes a character is far more than any real document needs.
  if (type === DOCX_MIME) return singlePage(await readDocxText(bytes, opts.maxChars * 50), opts.maxChars);
  if (PLAIN_TYPES.has(type)) return singlePage(decodePlainText(bytes, opts.maxChars, charset), opts.maxChars);
  return { status: 'unsupported', pages: [], pageCount: null };
}

/** A reader's message, one line and short: it is stored with the document and shown to the user. */
function shortError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return cleanText(message).split('\n')[0].slice(0, 200) || 'unreadable document';
}

export async function extractText(bytes: Uint8Array, mime: string, opts: ExtractOptions = {}): Promise<ExtractResult> {
  const limits: Required<ExtractOptions> = {
    maxChars: opts.maxChars ?? 2_000_000,
    maxPages: opts.maxPages ?? 2_000,
    timeoutMs: opts.timeoutMs ?? 120_000,
  };
  const deadline = Date.now() + limits.timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('text extraction took too long')), limits.timeoutMs);
  });
  try {
    return await Promise.race([extractBounded(bytes, mime, limits, deadline), timeout]);
  } catch (err) {
    return { status: 'failed', pages: [], pageCount: null, error: shortError(err) };
  } finally {
    clearTimeout(timer);
  }
}
