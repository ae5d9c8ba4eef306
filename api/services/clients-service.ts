import type { Db } from '../../db/connection';
import { teamCaseIds } from '../../db/repositories/cases';
import { clientVisibleTo, findClient, findClientByIdNumber, listContacts, type ClientRow } from '../../db/repositories/clients';
import { AppError } from '../app-error';
import { listScope, needsMembership, viewerOf } from '../../domain/policy';
import type { Actor } from './cases-service';

/** Firm-wide roles see every client; lawyers and assistants the clients of their cases and those they entered. */
export async function assertClientAccess(db: Db, actor: Actor, clientId: string): Promise<ClientRow> {
  const c = await findClient(db, clientId);
  if (!c || (needsMembership(actor.role, 'client.read') && !(await clientVisibleTo(db, clientId, actor.id)))) throw new AppError('not-found', `no client ${clientId}`);
  return c;
}

export function clientView(c: ClientRow) {
  return { ...c, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() };
}

/** One client per identity number: a second record with the same 身份证号 / 信用代码 is refused. */
export async function assertIdNumberFree(db: Db, idNumber: string | null | undefined, exceptId?: string): Promise<void> {
  if (!idNumber) return;
  const other = await findClientByIdNumber(db, idNumber);
  if (other && other.id !== exceptId) throw new AppError('conflict', 'a client with this identity number exists', { errors: [{ path: 'body.idNumber', message: `already used by ${other.name}` }], clientId: other.id });
}

interface ClientCase {
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

/** The client's cases (those the viewer may see), and money from the billing tables (integer fen). */
export async function clientProfile(db: Db, actor: Actor, clientId: string) {
  const client = await assertClientAccess(db, actor, clientId);
  const scope = listScope(viewerOf(actor), 'case.list');
  const rows = await db('cases as c')
    .join('users as u', 'u.id', 'c.lead_lawyer_id')
    .where('c.client_id', clientId)
    .modify((b) => {
      if (!scope.all) b.whereIn('c.id', teamCaseIds(db, scope.memberUserId));
    })
    .orderBy('c.opened_on', 'desc')
    .select('c.id', 'c.number', 'c.title', 'c.practice_area', 'c.case_type', 'c.status', 'c.current_stage_name', 'u.name as lead_name', 'c.opened_on', 'c.closed_at', 'c.outcome');
  const cases: ClientCase[] = rows.map((r: Record<string, any>): ClientCase => ({
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
  const [fees] = await db('billing_events as b')
    .join('cases as c', 'c.id', 'b.case_id')
    .where('c.client_id', clientId)
    .select(
      db.raw(`coalesce(sum(b.amount_fen) filter (where b.status in ('invoiced', 'paid')), 0)::bigint as billed`),
      db.raw(`coalesce(sum(b.amount_fen) filter (where b.status = 'paid'), 0)::bigint as paid`),
      db.raw(`count(*) filter (where b.status = 'pending')::int as pending`),
    );
  const billedFen = Number(fees.billed);
  const paidFen = Number(fees.paid);
  return {
    client: clientView(client),
    contacts: await listContacts(db, clientId),
    openCases: cases.filter((c) => c.status !== 'closed'),
    closedCases: cases.filter((c) => c.status === 'closed'),
    fees: { billedFen, paidFen, outstandingFen: billedFen - paidFen, pendingBillingEvents: Number(fees.pending) },
  };
}
