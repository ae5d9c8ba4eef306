import { normalizeIdNumber, normalizeName } from '../../domain/search/normalize';
import type { ListScope } from '../../domain/policy';
import type { Db } from '../connection';
import { teamCaseIds } from './cases';

/** A client's cases as its profile lists them, its fees, and its name on those cases. */

export interface ClientCase {
  id: string;
  number: string;
  title: string;
  practiceArea: string;
  caseType: string;
  status: string;
  currentStageName: string | null;
  leadLawyerName: string;
  openedOn: string;
  closedAt: string | null;
  outcome: string | null;
}

export async function clientCaseIds(db: Db, clientId: string): Promise<string[]> {
  return db('cases').where({ client_id: clientId }).pluck('id');
}

export async function clientHasCases(db: Db, clientId: string): Promise<boolean> {
  return Boolean(await db('cases').where({ client_id: clientId }).first('id'));
}

/** The client's cases, newest first, within the viewer's list scope. */
export async function clientCases(db: Db, clientId: string, scope: ListScope): Promise<ClientCase[]> {
  const rows = await db('cases as c')
    .join('users as u', 'u.id', 'c.lead_lawyer_id')
    .where('c.client_id', clientId)
    .modify((b) => {
      if (!scope.all) b.whereIn('c.id', teamCaseIds(db, scope.memberUserId));
    })
    .orderBy('c.opened_on', 'desc')
    .select(
      'c.id',
      'c.number',
      'c.title',
      'c.practice_area',
      'c.case_type',
      'c.status',
      'c.current_stage_name',
      'u.name as lead_name',
      'c.opened_on',
      'c.closed_at',
      'c.outcome',
    );
  return rows.map((r: Record<string, any>): ClientCase => ({
    id: r.id,
    number: r.number,
    title: r.title,
    practiceArea: r.practice_area,
    caseType: r.case_type,
    status: r.status,
    currentStageName: r.current_stage_name,
    leadLawyerName: r.lead_name,
    openedOn: r.opened_on,
    closedAt: r.closed_at ? (r.closed_at as Date).toISOString() : null,
    outcome: r.outcome,
  }));
}

/**
 * Money billed, paid and owed on the client's invoices (integer fen; a credit note counts negative),
 * and the draft invoice lines of their cases still waiting to be billed.
 */
export async function clientFees(
  db: Db,
  clientId: string,
): Promise<{ billedFen: number; paidFen: number; outstandingFen: number; pending: number }> {
  const [fees] = await db('invoices')
    .where({ client_id: clientId })
    .whereNotIn('status', ['draft', 'void'])
    .select(
      db.raw('coalesce(sum(total_fen), 0)::bigint as billed'),
      db.raw('coalesce(sum(paid_fen), 0)::bigint as paid'),
      db.raw(
        "coalesce(sum(total_fen - paid_fen - written_off_fen) filter (where status in ('issued', 'partly_paid')), 0)::bigint as outstanding",
      ),
    );
  const [{ pending }] = await db('invoice_lines as l')
    .join('cases as c', 'c.id', 'l.case_id')
    .where('c.client_id', clientId)
    .whereNull('l.invoice_id')
    .select(db.raw('count(*)::int as pending'));
  return { billedFen: Number(fees.billed), paidFen: Number(fees.paid), outstandingFen: Number(fees.outstanding), pending: Number(pending) };
}

/** The "client" party of each of these cases takes the client's current name and identity number. */
export async function syncClientParties(db: Db, caseIds: string[], client: { name: string; idNumber: string | null }): Promise<void> {
  await db('case_parties')
    .whereIn('case_id', caseIds)
    .andWhere({ role: 'client' })
    .update({
      name: client.name,
      name_norm: normalizeName(client.name),
      id_number: client.idNumber,
      id_norm: normalizeIdNumber(client.idNumber),
    });
}
