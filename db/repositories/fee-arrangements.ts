import type { Knex } from 'knex';
import type { FeeArrangement } from '../../domain/fees';
import type { Db } from '../connection';
import { getSetting, putSetting } from './settings';

/** A case's fee arrangements: one row per version, the highest in force; and the firm's billing settings. */

export interface FeeArrangementRow {
  version: number;
  components: FeeArrangement['components'];
  collective: boolean;
  agreedFeeFen: number | null;
  contingencyDisclosed: boolean;
  agreementDocumentId: string | null;
  overrideReason: string | null;
  note: string | null;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
}

function toRow(r: Record<string, any>): FeeArrangementRow {
  return {
    version: r.version,
    components: r.arrangement.components,
    collective: Boolean(r.arrangement.collective),
    agreedFeeFen: r.agreed_fee_fen === null ? null : Number(r.agreed_fee_fen),
    contingencyDisclosed: r.contingency_disclosed,
    agreementDocumentId: r.agreement_document_id,
    overrideReason: r.override_reason,
    note: r.note,
    createdBy: r.created_by ? { id: r.created_by, name: r.creator_name } : null,
    createdAt: (r.created_at as Date).toISOString(),
  };
}

/** Every version of a case's arrangement, newest first. */
export async function feeArrangementHistory(db: Db | Knex.Transaction, caseId: string): Promise<FeeArrangementRow[]> {
  const rows = await db('fee_arrangements as f')
    .leftJoin('users as u', 'u.id', 'f.created_by')
    .where('f.case_id', caseId)
    .orderBy('f.version', 'desc')
    .select('f.*', 'u.name as creator_name');
  return rows.map(toRow);
}

export async function currentFeeArrangement(db: Db | Knex.Transaction, caseId: string): Promise<FeeArrangementRow | null> {
  const r = await db('fee_arrangements as f')
    .leftJoin('users as u', 'u.id', 'f.created_by')
    .where('f.case_id', caseId)
    .orderBy('f.version', 'desc')
    .first('f.*', 'u.name as creator_name');
  return r ? toRow(r) : null;
}

/** A new version of the case's arrangement (the case row is locked, so two changes never take one number). */
export async function addFeeArrangement(
  trx: Knex.Transaction,
  caseId: string,
  a: {
    arrangement: FeeArrangement & { collective: boolean };
    agreedFeeFen: number | null;
    contingencyDisclosed: boolean;
    agreementDocumentId: string | null;
    overrideReason: string | null;
    overrideBy: string | null;
    note: string | null;
    createdBy: string;
  },
): Promise<number> {
  await trx('cases').where({ id: caseId }).forUpdate().first('id');
  const last = await trx('fee_arrangements').where({ case_id: caseId }).max({ v: 'version' }).first();
  const version = Number(last?.v ?? 0) + 1;
  await trx('fee_arrangements').insert({
    case_id: caseId,
    version,
    arrangement: JSON.stringify(a.arrangement),
    agreed_fee_fen: a.agreedFeeFen,
    contingency_disclosed: a.contingencyDisclosed,
    agreement_document_id: a.agreementDocumentId,
    override_reason: a.overrideReason,
    override_by: a.overrideBy,
    note: a.note,
    created_by: a.createdBy,
  });
  return version;
}

/** The firm's billing settings as stored (the API fills in defaults). */
export async function storedBillingSettings<T>(db: Db | Knex.Transaction): Promise<T | undefined> {
  return getSetting<T>(db as Db, 'billing');
}

export async function saveBillingSettings(db: Db | Knex.Transaction, value: unknown): Promise<void> {
  await putSetting(db as Db, 'billing', value);
}
