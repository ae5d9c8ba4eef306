import type { Knex } from 'knex';
import type { Db } from '../connection';

/**
 * What a lawyer asked the client to provide (`client_document_requests`), and the files the client
 * uploaded for it: documents with `request_id` whose `review_status` the lawyer decides.
 */

export type RequestStatus = 'open' | 'fulfilled' | 'cancelled';
export type ReviewStatus = 'pending' | 'accepted' | 'rejected';

export interface RequestUpload {
  id: string;
  name: string;
  mime: string;
  size: number;
  reviewStatus: ReviewStatus | null;
  reviewNote: string | null;
  reviewedAt: string | null;
  uploadedAt: string;
  uploadedBy: { id: string; name: string };
}

export interface DocumentRequestRow {
  id: string;
  caseId: string;
  title: string;
  items: string[];
  note: string | null;
  dueOn: string;
  status: RequestStatus;
  requestedBy: { id: string; name: string };
  createdAt: string;
  fulfilledAt: string | null;
  lastRemindedOn: string | null;
  uploads: RequestUpload[];
}

const iso = (v: Date | string | null | undefined) => (v ? new Date(v).toISOString() : null);
const day = (v: Date | string | null) => (v === null ? null : typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10));

function requestQuery(db: Db) {
  return db('client_document_requests as r')
    .join('users as u', 'u.id', 'r.requested_by')
    .select(
      'r.*',
      'u.name as requested_by_name',
      db.raw('r.due_on::text as due_on_text'),
      db.raw('r.last_reminded_on::text as reminded_text'),
    );
}

async function withUploads(db: Db, rows: Array<Record<string, any>>): Promise<DocumentRequestRow[]> {
  const ids = rows.map((r) => r.id as string);
  const files = ids.length
    ? await db('documents as d')
        .join('document_versions as v', (j) => j.on('v.document_id', 'd.id').andOnVal('v.number', 1))
        .join('users as u', 'u.id', 'd.created_by')
        .whereIn('d.request_id', ids)
        .whereNull('d.deleted_at')
        .orderBy('d.created_at')
        .select(
          'd.id',
          'd.request_id',
          'd.name',
          'd.review_status',
          'd.review_note',
          'd.reviewed_at',
          'd.created_at',
          'd.created_by',
          'u.name as by_name',
          'v.mime',
          'v.size_bytes',
        )
    : [];
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    title: r.title,
    items: r.items as string[],
    note: r.note,
    dueOn: r.due_on_text,
    status: r.status,
    requestedBy: { id: r.requested_by, name: r.requested_by_name },
    createdAt: iso(r.created_at)!,
    fulfilledAt: iso(r.fulfilled_at),
    lastRemindedOn: day(r.reminded_text ?? null),
    uploads: files
      .filter((f) => f.request_id === r.id)
      .map((f) => ({
        id: f.id,
        name: f.name,
        mime: f.mime,
        size: Number(f.size_bytes),
        reviewStatus: f.review_status,
        reviewNote: f.review_note,
        reviewedAt: iso(f.reviewed_at),
        uploadedAt: iso(f.created_at)!,
        uploadedBy: { id: f.created_by, name: f.by_name },
      })),
  }));
}

export async function insertDocumentRequest(
  trx: Knex.Transaction | Db,
  r: { caseId: string; title: string; items: string[]; note: string | null; dueOn: string; requestedBy: string },
): Promise<string> {
  const [{ id }] = await trx('client_document_requests')
    .insert({
      case_id: r.caseId,
      title: r.title,
      items: JSON.stringify(r.items),
      note: r.note,
      due_on: r.dueOn,
      requested_by: r.requestedBy,
    })
    .returning('id');
  return id as string;
}

/** A case's requests, newest first; `openOnly` for the client's list of what is still asked. */
export async function listDocumentRequests(db: Db, caseId: string, opts: { openOnly?: boolean } = {}): Promise<DocumentRequestRow[]> {
  const rows = await requestQuery(db)
    .where('r.case_id', caseId)
    .modify((q) => {
      if (opts.openOnly) q.whereNot('r.status', 'cancelled');
    })
    .orderBy([{ column: 'r.created_at', order: 'desc' }, { column: 'r.id' }]);
  return withUploads(db, rows);
}

export async function findDocumentRequest(db: Db, id: string): Promise<DocumentRequestRow | undefined> {
  const row = await requestQuery(db).where('r.id', id).first();
  return row ? (await withUploads(db, [row]))[0] : undefined;
}

/** Locks the request row (uploads and reviews of one request take turns). */
export async function lockDocumentRequest(
  trx: Knex.Transaction,
  id: string,
): Promise<{ status: RequestStatus; caseId: string } | undefined> {
  const row = await trx('client_document_requests').where({ id }).forUpdate().first('status', 'case_id');
  return row ? { status: row.status, caseId: row.case_id } : undefined;
}

export async function setRequestStatus(trx: Knex.Transaction | Db, id: string, status: RequestStatus): Promise<void> {
  await trx('client_document_requests')
    .where({ id })
    .update({ status, fulfilled_at: status === 'fulfilled' ? trx.fn.now() : null });
}

/** Files a client uploaded for a request: pending review, tied to it. */
export async function markRequestUploads(trx: Knex.Transaction, requestId: string, documentIds: string[]): Promise<void> {
  if (documentIds.length) await trx('documents').whereIn('id', documentIds).update({ request_id: requestId, review_status: 'pending' });
}

/** Files a client sent with a message (no request): pending the lawyer's review too. */
export async function markPendingReview(trx: Knex.Transaction, documentIds: string[]): Promise<void> {
  if (documentIds.length) await trx('documents').whereIn('id', documentIds).update({ review_status: 'pending' });
}

/** A client upload awaiting review, for the lawyer's decision (locked). */
export async function lockUploadForReview(
  trx: Knex.Transaction,
  documentId: string,
): Promise<{ id: string; caseId: string | null; requestId: string | null; reviewStatus: ReviewStatus | null; name: string } | undefined> {
  const row = await trx('documents')
    .where({ id: documentId })
    .whereNull('deleted_at')
    .forUpdate()
    .first('id', 'case_id', 'request_id', 'review_status', 'name');
  return row ? { id: row.id, caseId: row.case_id, requestId: row.request_id, reviewStatus: row.review_status, name: row.name } : undefined;
}

/** Accepted: filed under 证据材料 (evidence); rejected: kept, with the reason the client sees. */
export async function reviewUpload(
  trx: Knex.Transaction,
  documentId: string,
  r: { status: 'accepted' | 'rejected'; note: string | null; by: string },
): Promise<void> {
  await trx('documents')
    .where({ id: documentId })
    .update({
      review_status: r.status,
      review_note: r.note,
      reviewed_by: r.by,
      reviewed_at: trx.fn.now(),
      updated_at: trx.fn.now(),
      ...(r.status === 'accepted' ? { category_key: 'evidence' } : {}),
    });
}

/** How many of a request's uploads were accepted. */
export async function acceptedUploads(db: Db, requestId: string): Promise<number> {
  const [{ n }] = await db('documents')
    .where({ request_id: requestId, review_status: 'accepted' })
    .whereNull('deleted_at')
    .count({ n: '*' });
  return Number(n);
}

/** Uploads of a case awaiting the lawyer's acceptance, oldest first. */
export async function pendingUploads(db: Db, caseId: string): Promise<Array<RequestUpload & { requestId: string | null }>> {
  const rows = await db('documents as d')
    .join('document_versions as v', (j) => j.on('v.document_id', 'd.id').andOn('v.number', 'd.current_version'))
    .join('users as u', 'u.id', 'd.created_by')
    .where({ 'd.case_id': caseId, 'd.review_status': 'pending' })
    .whereNull('d.deleted_at')
    .orderBy('d.created_at')
    .select('d.*', 'u.name as by_name', 'v.mime', 'v.size_bytes');
  return rows.map((f) => ({
    id: f.id,
    requestId: f.request_id,
    name: f.name,
    mime: f.mime,
    size: Number(f.size_bytes),
    reviewStatus: f.review_status,
    reviewNote: f.review_note,
    reviewedAt: iso(f.reviewed_at),
    uploadedAt: iso(f.created_at)!,
    uploadedBy: { id: f.created_by, name: f.by_name },
  }));
}

export interface ReminderDue {
  requestId: string;
  caseId: string;
  clientId: string;
  title: string;
  dueOn: string;
  kind: 'soon' | 'overdue';
}

/**
 * Open requests that owe their client a reminder on `today` (a date in the firm's zone): `soon`
 * from three days before the due date until it, `overdue` from the day after. The mail's key makes
 * each one once; `last_reminded_on` records the latest.
 */
export async function remindersDue(db: Db, today: string): Promise<ReminderDue[]> {
  const rows = await db('client_document_requests as r')
    .join('cases as c', 'c.id', 'r.case_id')
    .where('r.status', 'open')
    .whereRaw('r.due_on - 3 <= ?::date', [today])
    .select(
      'r.id',
      'r.case_id',
      'c.client_id',
      'r.title',
      db.raw('r.due_on::text as due_on'),
      db.raw('(r.due_on < ?::date) as overdue', [today]),
    )
    .orderBy('r.due_on');
  return rows.map((r) => ({
    requestId: r.id,
    caseId: r.case_id,
    clientId: r.client_id,
    title: r.title,
    dueOn: r.due_on,
    kind: r.overdue ? 'overdue' : 'soon',
  }));
}

export async function markReminded(db: Db, requestId: string, today: string): Promise<void> {
  await db('client_document_requests').where({ id: requestId }).update({ last_reminded_on: today });
}
