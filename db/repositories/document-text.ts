import type { Knex } from 'knex';
import type { Db } from '../connection';
import type { DocumentScope } from '../../domain/policy';
import { documentQuery, toDocument, whereVisible, type DocumentRow } from './documents';

/** The text of document versions: the background indexer's queue, and full-text search over it. */

export interface PendingVersion {
  id: string;
  sha256: string;
  mime: string;
  size: number;
  attempts: number;
}

/**
 * Claims up to `limit` versions waiting for extraction (or whose claim lapsed: a worker that died
 * mid-way), each for `leaseSeconds`; two indexers never claim the same version.
 */
export async function claimPendingVersions(db: Db, limit: number, leaseSeconds: number): Promise<PendingVersion[]> {
  const rows = await db('document_versions')
    .whereIn(
      'id',
      db('document_versions')
        .select('id')
        .where('text_status', 'pending')
        .andWhere((w) => w.whereNull('text_claimed_until').orWhere('text_claimed_until', '<', db.fn.now()))
        .orderBy('uploaded_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .update({ text_claimed_until: db.raw(`now() + make_interval(secs => ?)`, [leaseSeconds]), text_attempts: db.raw('text_attempts + 1') })
    .returning(['id', 'sha256', 'mime', 'size_bytes', 'text_attempts']);
  return rows.map((r) => ({ id: r.id, sha256: r.sha256, mime: r.mime, size: Number(r.size_bytes), attempts: r.text_attempts }));
}

export interface Extraction {
  status: 'text' | 'no-text' | 'unsupported' | 'failed';
  pageCount: number | null;
  error?: string | null;
  /** Each page's text and its tsvector literal (already segmented). */
  pages: Array<{ page: number; text: string; tsv: string }>;
}

/** Saves a version's text in one transaction; a second save of the same version replaces the first. */
export async function saveExtraction(db: Db, versionId: string, x: Extraction): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('document_pages').where({ version_id: versionId }).del();
    for (let i = 0; i < x.pages.length; i += 200) {
      await trx('document_pages').insert(
        x.pages.slice(i, i + 200).map((p) => ({ version_id: versionId, page: p.page, text: p.text, tsv: trx.raw('?::tsvector', [p.tsv]) })),
      );
    }
    await trx('document_versions')
      .where({ id: versionId })
      .update({
        text_status: x.status,
        page_count: x.pageCount,
        text_error: x.error ?? null,
        text_claimed_until: null,
        extracted_at: trx.fn.now(),
      });
  });
}

/** A claim given back: after a transient fault (storage away) tried again in 30 s; at a shutdown (`at once`) now. */
export async function releaseClaim(db: Db, versionId: string, opts: { atOnce?: boolean } = {}): Promise<void> {
  await db('document_versions')
    .where({ id: versionId, text_status: 'pending' })
    .update({ text_claimed_until: opts.atOnce ? null : db.raw("now() + interval '30 seconds'") });
}

export async function pendingExtractions(db: Db): Promise<number> {
  const [{ n }] = await db('document_versions').where('text_status', 'pending').count({ n: '*' });
  return Number(n);
}

export interface SearchFilter {
  caseId?: string;
  category?: string;
  type?: 'pdf' | 'word' | 'image' | 'text' | 'other';
  uploadedBy?: string;
  from?: string;
  to?: string;
}

const WORD_MIMES = ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/msword', 'application/x-cfb'];

function whereType(q: Knex.QueryBuilder, type: SearchFilter['type']): void {
  if (type === 'pdf') q.where('v.mime', 'application/pdf');
  else if (type === 'word') q.whereIn('v.mime', WORD_MIMES);
  else if (type === 'image') q.whereLike('v.mime', 'image/%');
  else if (type === 'text') q.whereLike('v.mime', 'text/%');
  else if (type === 'other')
    q.whereNot('v.mime', 'application/pdf')
      .whereNotIn('v.mime', WORD_MIMES)
      .whereRaw("v.mime not like 'image/%' and v.mime not like 'text/%'");
}

export interface SearchHit extends DocumentRow {
  /** Pages of the current version that match (first 20), and the first one's text for the snippet. */
  pages: number[];
  matchText: string | null;
}

/**
 * Past this many matching pages a query is "frequent" (借款 in a firm of lawyers): its hits are
 * shown newest first and counted only as far as the pages the reader can reach next (at least
 * FREQUENT_COUNTED, "100+"), because ranking and counting every match reads every matching page's
 * tsvector — hundreds of milliseconds at 20,000 documents (npm run bench:docs) that tell a reader
 * nothing a narrower query would not. Rarer queries are ranked and counted exactly.
 */
export const RANKED_MATCHES = 1000;
export const FREQUENT_COUNTED = 100;

/**
 * Documents the viewer may see whose current version's text or name matches `tsQuery` (a tsquery
 * of segmented words, cast as is — not re-parsed, so its lexemes are exactly the indexed ones);
 * without a query, the most recently changed. Filters narrow both.
 */
export async function searchDocuments(
  db: Db,
  scope: DocumentScope,
  tsQuery: string | null,
  filter: SearchFilter,
  window: { limit: number; offset: number },
  timeZone: string,
): Promise<{ items: SearchHit[]; total: number; totalIsLowerBound: boolean }> {
  const q = whereVisible(db, documentQuery(db).whereNull('d.deleted_at'), scope);
  if (filter.caseId) q.where('d.case_id', filter.caseId);
  if (filter.category) q.where('d.category_key', filter.category);
  if (filter.uploadedBy)
    q.whereExists(db('document_versions as u').whereRaw('u.document_id = d.id').where('u.uploaded_by', filter.uploadedBy));
  if (filter.from) q.whereRaw('(d.updated_at at time zone ?)::date >= ?', [timeZone, filter.from]);
  if (filter.to) q.whereRaw('(d.updated_at at time zone ?)::date <= ?', [timeZone, filter.to]);
  whereType(q, filter.type);
  let frequent = false;
  if (tsQuery) {
    // How common the words are, from the GIN index alone (stops at the first RANKED_MATCHES + 1 pages).
    const [{ pages }] = await db
      .from(
        db('document_pages')
          .select(db.raw('1'))
          .whereRaw('tsv @@ ?::tsquery', [tsQuery])
          .limit(RANKED_MATCHES + 1)
          .as('m'),
      )
      .count({ pages: '*' });
    frequent = Number(pages) > RANKED_MATCHES;
    if (frequent) {
      // Walked newest first (documents_updated), each document tested by its own pages (primary key),
      // so the walk stops as soon as the page and the count are full. OFFSET 0 keeps the test per
      // document: without it the planner turns it into a semi-join that tests every page of the firm.
      q.where((w) =>
        w
          .whereRaw('d.name_tsv @@ ?::tsquery', [tsQuery])
          .orWhereRaw('exists (select 1 from document_pages p where p.version_id = v.id and p.tsv @@ ?::tsquery offset 0)', [tsQuery]),
      );
    } else {
      // Few matches: the candidates come from the two GIN indexes, never from a walk of every document.
      q.whereIn(
        'v.id',
        db('document_pages as p')
          .select('p.version_id')
          .whereRaw('p.tsv @@ ?::tsquery', [tsQuery])
          .union((u) =>
            u
              .from('documents as nd')
              .join('document_versions as nv', (j) => j.on('nv.document_id', 'nd.id').andOn('nv.number', 'nd.current_version'))
              .select('nv.id')
              .whereRaw('nd.name_tsv @@ ?::tsquery', [tsQuery]),
          ),
      );
    }
  }
  const counted = q.clone().clearSelect().clearOrder().select(db.raw('1'));
  // Four pages beyond the one asked for, so the pager always offers the next ones while there are more.
  const countTo = Math.max(FREQUENT_COUNTED, window.offset + window.limit * 5);
  const [{ n }] = await db.from((frequent ? counted.limit(countTo) : counted).as('c')).count({ n: '*' });
  if (tsQuery) {
    q.select(
      db.raw(
        "(select coalesce(array_agg(p.page order by p.page), '{}') from (select page from document_pages p where p.version_id = v.id and p.tsv @@ ?::tsquery order by page limit 20) p) as match_pages",
        [tsQuery],
      ),
      db.raw(
        '(select p.text from document_pages p where p.version_id = v.id and p.tsv @@ ?::tsquery order by p.page limit 1) as match_text',
        [tsQuery],
      ),
    );
    if (!frequent) {
      q.select(
        db.raw(
          'ts_rank(d.name_tsv, ?::tsquery) * 2 + coalesce((select max(ts_rank(p.tsv, ?::tsquery)) from document_pages p where p.version_id = v.id), 0) as rank',
          [tsQuery, tsQuery],
        ),
      ).orderBy([{ column: 'rank', order: 'desc' }]);
    }
  }
  const rows = await q
    .orderBy([{ column: 'd.updated_at', order: 'desc' }, 'd.id'])
    .limit(window.limit)
    .offset(window.offset);
  return {
    items: rows.map((r: Record<string, any>) => ({ ...toDocument(r), pages: r.match_pages ?? [], matchText: r.match_text ?? null })),
    total: Number(n),
    totalIsLowerBound: frequent && Number(n) >= countTo,
  };
}
