import { normalizeIdNumber, normalizeName } from '../../domain/search/normalize';
import type { Db } from '../connection';

import { PARTY_ROLES, type PartyRole } from '../../domain/records';

export { PARTY_ROLES };
export type { PartyRole };

export interface PartyInput {
  role: PartyRole;
  kind: 'person' | 'organisation';
  name: string;
  idNumber?: string | null;
  /** 法定代表人 / 负责人 of an organisation. */
  representative?: string | null;
  /** How a related party relates, e.g. 关联公司, 实际控制人, 近亲属. */
  relation?: string | null;
}

const toParty = (r: Record<string, any>) => ({
  id: r.id as string,
  caseId: r.case_id as string,
  role: r.role as PartyRole,
  kind: r.kind as 'person' | 'organisation',
  name: r.name as string,
  idNumber: r.id_number as string | null,
  representative: r.representative as string | null,
  relation: r.relation as string | null,
});
export type PartyRow = ReturnType<typeof toParty>;

function columns(p: Partial<PartyInput>) {
  const cols: Record<string, unknown> = {};
  if (p.role !== undefined) cols.role = p.role;
  if (p.kind !== undefined) cols.kind = p.kind;
  if (p.name !== undefined) {
    cols.name = p.name;
    cols.name_norm = normalizeName(p.name);
  }
  if (p.idNumber !== undefined) {
    cols.id_number = p.idNumber || null;
    cols.id_norm = normalizeIdNumber(p.idNumber);
  }
  if (p.representative !== undefined) {
    cols.representative = p.representative || null;
    cols.representative_norm = p.representative ? normalizeName(p.representative) : null;
  }
  if (p.relation !== undefined) cols.relation = p.relation || null;
  return cols;
}

export async function insertParties(db: Db, caseId: string, parties: PartyInput[]): Promise<PartyRow[]> {
  if (!parties.length) return [];
  const rows = await db('case_parties')
    .insert(parties.map((p) => ({ ...columns(p), case_id: caseId })))
    .returning('*');
  return rows.map(toParty);
}

export async function updateParty(db: Db, caseId: string, id: string, patch: Partial<PartyInput>): Promise<PartyRow | undefined> {
  const [row] = await db('case_parties').where({ id, case_id: caseId }).update(columns(patch)).returning('*');
  return row ? toParty(row) : undefined;
}

export async function deleteParty(db: Db, caseId: string, id: string): Promise<boolean> {
  return (await db('case_parties').where({ id, case_id: caseId }).delete()) > 0;
}

export async function listParties(db: Db, caseId: string): Promise<PartyRow[]> {
  const rows = await db('case_parties')
    .where({ case_id: caseId })
    .orderByRaw(`array_position(array['client','opposing','third_party','related'], role), created_at`);
  return rows.map(toParty);
}
