import type { Db } from '../connection';

/**
 * What the client portal reads. Every query is scoped in SQL by the portal user's unrevoked
 * memberships (`portal_memberships`): a case of another client is not found, never refused. Only
 * what a client may see is selected — no notes, tasks, parties' ID numbers or team-only files.
 */

/** The cases of the clients the user acts for, with a join of those memberships. */
function visibleCases(db: Db, userId: string) {
  return db('cases as c')
    .join('portal_memberships as m', (j) => j.on('m.client_id', 'c.client_id').andOnVal('m.user_id', userId).andOnNull('m.revoked_at'))
    .join('clients as cl', 'cl.id', 'c.client_id')
    .join('users as lead', 'lead.id', 'c.lead_lawyer_id');
}

export interface PortalCaseRow {
  id: string;
  number: string;
  title: string;
  clientId: string;
  clientName: string;
  status: string;
  openedOn: string;
  court: string | null;
  leadLawyerName: string;
  templateVersionId: string | null;
  workflowId: string | null;
}

function toPortalCase(r: Record<string, any>): PortalCaseRow {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    clientId: r.client_id,
    clientName: r.client_name,
    status: r.status,
    openedOn: r.opened_on,
    court: r.court,
    leadLawyerName: r.lead_name,
    templateVersionId: r.template_version_id,
    workflowId: r.workflow_id,
  };
}

const CASE_COLUMNS = [
  'c.id',
  'c.number',
  'c.title',
  'c.client_id',
  'cl.name as client_name',
  'c.status',
  'c.opened_on',
  'c.court',
  'lead.name as lead_name',
  'c.template_version_id',
  'c.workflow_id',
];

/** The user's clients' cases, open ones first, newest first. */
export async function portalCases(db: Db, userId: string): Promise<PortalCaseRow[]> {
  const rows = await visibleCases(db, userId)
    .select(CASE_COLUMNS)
    .orderByRaw("(c.status = 'closed') asc, c.opened_on desc, c.number desc")
    .limit(500);
  return rows.map(toPortalCase);
}

/** One case of the user's clients; null for any other (it does not exist for them). */
export async function portalCase(db: Db, userId: string, caseId: string): Promise<PortalCaseRow | null> {
  const r = await visibleCases(db, userId).where('c.id', caseId).first(CASE_COLUMNS);
  return r ? toPortalCase(r) : null;
}

/** The names on a case's team (lead first), without duplicates: nothing but a name and a role. */
export async function portalCaseTeam(db: Db, caseId: string): Promise<Array<{ name: string; role: string }>> {
  const rows = await db('cases as c')
    .join('users as u', 'u.id', 'c.lead_lawyer_id')
    .where('c.id', caseId)
    .select('u.id', 'u.name', db.raw("'lead' as role"), db.raw('0 as sort'))
    .unionAll((q) =>
      q
        .from('case_members as cm')
        .join('users as u', 'u.id', 'cm.user_id')
        .where('cm.case_id', caseId)
        .whereNot('cm.role', 'lead')
        .whereIn('cm.role', ['lawyer', 'assistant', 'partner'])
        .select('u.id', 'u.name', 'cm.role', db.raw('1 as sort')),
    );
  const seen = new Set<string>();
  return rows
    .sort((a, b) => Number(a.sort) - Number(b.sort) || String(a.name).localeCompare(String(b.name)))
    .filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)))
    .map((r) => ({ name: r.name, role: r.role }));
}

export interface PortalEventRow {
  id: string;
  kind: 'hearing' | 'meeting' | 'deadline' | 'other';
  title: string;
  startsAt: Date;
  endsAt: Date;
  allDay: boolean;
  location: string | null;
}

/** A case's hearings (always shown) and the events the lawyer shared, from `since` on, soonest first. */
export async function portalCaseEvents(db: Db, caseId: string, since: Date): Promise<PortalEventRow[]> {
  const rows = await db('calendar_events')
    .where({ case_id: caseId })
    .where((w) => w.where('kind', 'hearing').orWhere('client_visible', true))
    .where('ends_at', '>=', since)
    .orderBy('starts_at')
    .limit(50)
    .select('id', 'kind', 'title', 'starts_at', 'ends_at', 'all_day', 'location');
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    allDay: r.all_day,
    location: r.location,
  }));
}

export interface PortalDocumentRow {
  id: string;
  caseId: string;
  clientId: string | null;
  name: string;
  category: string;
  categoryName: string;
  categoryNameEn: string;
  size: number;
  mime: string;
  version: number;
  updatedAt: Date;
}

/** Documents a client sees: shared with the client, not deleted, not confidential; their current version. */
function sharedDocuments(db: Db) {
  return db('documents as d')
    .join('document_versions as v', (j) => j.on('v.document_id', 'd.id').andOn('v.number', 'd.current_version'))
    .join('document_categories as k', 'k.key', 'd.category_key')
    .where('d.client_visible', true)
    .where('d.confidential', false)
    .whereNull('d.deleted_at')
    .whereNotNull('d.case_id')
    .select(
      'd.id',
      'd.case_id',
      'd.client_id',
      'd.name',
      'd.category_key',
      'k.name_zh',
      'k.name_en',
      'v.size_bytes',
      'v.mime',
      'd.current_version',
      'v.uploaded_at as version_at',
    );
}

function toPortalDocument(r: Record<string, any>): PortalDocumentRow {
  return {
    id: r.id,
    caseId: r.case_id,
    clientId: r.client_id,
    name: r.name,
    category: r.category_key,
    categoryName: r.name_zh,
    categoryNameEn: r.name_en,
    size: Number(r.size_bytes),
    mime: r.mime,
    version: r.current_version,
    updatedAt: r.version_at,
  };
}

export async function portalCaseDocuments(db: Db, caseId: string): Promise<PortalDocumentRow[]> {
  const rows = await sharedDocuments(db).where('d.case_id', caseId).orderBy('v.uploaded_at', 'desc').limit(500);
  return rows.map(toPortalDocument);
}

/** One shared document of a case of the user's clients; null for any other. */
export async function portalDocument(db: Db, userId: string, documentId: string): Promise<PortalDocumentRow | null> {
  const r = await sharedDocuments(db)
    .where('d.id', documentId)
    .whereExists((q) =>
      q
        .from('cases as c')
        .join('portal_memberships as m', 'm.client_id', 'c.client_id')
        .whereRaw('c.id = d.case_id')
        .where('m.user_id', userId)
        .whereNull('m.revoked_at'),
    )
    .first();
  return r ? toPortalDocument(r) : null;
}

export interface PortalInvoiceRow {
  id: string;
  number: string;
  kind: 'invoice' | 'credit_note';
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  issuedOn: string;
  dueOn: string | null;
  status: 'issued' | 'partly_paid' | 'paid';
  totalFen: number;
  paidFen: number;
  dueFen: number;
}

/** Invoices the firm has sent (issued, partly paid, paid — never a draft or a void) of the user's clients' cases. */
function sentInvoices(db: Db, userId: string) {
  return db('invoices as i')
    .join('cases as c', 'c.id', 'i.case_id')
    .join('portal_memberships as m', (j) => j.on('m.client_id', 'i.client_id').andOnVal('m.user_id', userId).andOnNull('m.revoked_at'))
    .whereIn('i.status', ['issued', 'partly_paid', 'paid'])
    .select('i.*', 'c.number as case_number', 'c.title as case_title');
}

function toPortalInvoice(r: Record<string, any>): PortalInvoiceRow {
  const total = Number(r.total_fen);
  const paid = Number(r.paid_fen);
  const off = Number(r.written_off_fen);
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    caseId: r.case_id,
    caseNumber: r.case_number,
    caseTitle: r.case_title,
    issuedOn: r.issued_on,
    dueOn: r.due_on,
    status: r.status,
    totalFen: total,
    paidFen: paid,
    dueFen: r.status === 'paid' ? 0 : Math.max(0, total - paid - off),
  };
}

export async function portalInvoices(db: Db, userId: string, f: { caseId?: string } = {}): Promise<PortalInvoiceRow[]> {
  const q = sentInvoices(db, userId);
  if (f.caseId) q.where('i.case_id', f.caseId);
  const rows = await q
    .orderBy([
      { column: 'i.issued_on', order: 'desc' },
      { column: 'i.number', order: 'desc' },
    ])
    .limit(500);
  return rows.map(toPortalInvoice);
}

export async function portalInvoice(db: Db, userId: string, invoiceId: string): Promise<PortalInvoiceRow | null> {
  const r = await sentInvoices(db, userId).where('i.id', invoiceId).first();
  return r ? toPortalInvoice(r) : null;
}

/** The stage visits of several cases at once (stage_history, written by the workflow), in order, by case. */
export async function stageVisitsOf(
  db: Db,
  caseIds: string[],
): Promise<Map<string, Array<{ stageId: string; enteredAt: Date; exitedAt: Date | null }>>> {
  const byCase = new Map<string, Array<{ stageId: string; enteredAt: Date; exitedAt: Date | null }>>(caseIds.map((id) => [id, []]));
  if (!caseIds.length) return byCase;
  const rows = await db('stage_history').whereIn('case_id', caseIds).orderBy('id').select('case_id', 'stage_id', 'entered_at', 'exited_at');
  for (const r of rows) byCase.get(r.case_id)?.push({ stageId: r.stage_id, enteredAt: r.entered_at, exitedAt: r.exited_at });
  return byCase;
}
