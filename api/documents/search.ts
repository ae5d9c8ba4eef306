import type { Db } from '../../db/connection';
import { searchDocuments, type SearchFilter } from '../../db/repositories/document-text';
import { documentScope } from '../../domain/policy';
import { matchRanges, queryWords, tsQueryText, type QueryWord } from '../../domain/search/segment';
import type { Actor } from '../cases';
import { assertCaseAccess } from '../cases';
import { documentView } from './document-access';

const BEFORE = 40;
const LENGTH = 160;

/** A passage of the page around its first match, with the matches' offsets in it. */
export function snippetOf(text: string, words: QueryWord[]): { snippet: string; highlights: Array<[number, number]> } {
  const ranges = matchRanges(text, words);
  const start = ranges.length ? Math.max(0, ranges[0][0] - BEFORE) : 0;
  const end = Math.min(text.length, start + LENGTH);
  const lead = start > 0 ? '…' : '';
  const snippet = lead + text.slice(start, end).replace(/\s+/g, ' ') + (end < text.length ? '…' : '');
  // Whitespace runs were folded: offsets are found again in the folded passage.
  const highlights = matchRanges(snippet, words);
  return { snippet, highlights };
}

/**
 * Search over every document the viewer may see: the current version's extracted text (segmented
 * like the case search) and names, with a snippet and the PDF pages that match; or, without a
 * query, the most recent documents. A case named in the filter must be one the viewer may see.
 */
export async function findDocuments(
  db: Db,
  actor: Actor,
  query: SearchFilter & { q?: string },
  window: { limit: number; offset: number },
  timeZone: string,
) {
  if (query.caseId) await assertCaseAccess(db, actor, query.caseId, 'document.read');
  const words = query.q ? queryWords(query.q) : [];
  const ts = words.length ? tsQueryText(words) : null;
  const r = await searchDocuments(db, documentScope({ userId: actor.id, role: actor.role }), ts, query, window, timeZone);
  return {
    total: r.total,
    totalIsLowerBound: r.totalIsLowerBound,
    items: r.items.map((d) => ({
      ...documentView(d),
      caseNumber: d.caseNumber,
      caseTitle: d.caseTitle,
      pages: d.mime === 'application/pdf' ? d.pages : [],
      ...(d.matchText && words.length ? snippetOf(d.matchText, words) : { snippet: null, highlights: [] }),
    })),
  };
}
