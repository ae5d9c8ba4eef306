import type { Db } from '../../db/connection';
import { deleteParty, insertParties, listParties, updateParty, type PartyInput } from '../../db/repositories/case-parties';
import { reindexCase } from '../../db/repositories/case-search';
import { CLIENT_PARTY } from '../../domain/records';
import { AppError } from '../app-error';
import { assertCaseAccess, type Actor } from './case-access';

/** The parties of a case; every change re-indexes the case's search row in the same transaction. */

export async function caseParties(db: Db, actor: Actor, caseId: string) {
  await assertCaseAccess(db, actor, caseId);
  return { items: await listParties(db, caseId) };
}

export async function addParty(db: Db, actor: Actor, caseId: string, p: PartyInput) {
  await assertCaseAccess(db, actor, caseId);
  return db.transaction(async (trx) => {
    const [row] = await insertParties(trx, caseId, [p]);
    await reindexCase(trx, caseId);
    return row;
  });
}

export async function changeParty(db: Db, actor: Actor, caseId: string, id: string, p: Partial<PartyInput>) {
  await assertCaseAccess(db, actor, caseId);
  return db.transaction(async (trx) => {
    const row = await updateParty(trx, caseId, id, p);
    if (!row) throw new AppError('not-found', `no party ${id} on this case`);
    await reindexCase(trx, caseId);
    return row;
  });
}

export async function removeParty(db: Db, actor: Actor, caseId: string, id: string) {
  await assertCaseAccess(db, actor, caseId);
  await db.transaction(async (trx) => {
    const party = (await listParties(trx, caseId)).find((p) => p.id === id);
    if (!party) throw new AppError('not-found', `no party ${id} on this case`);
    if (party.role === CLIENT_PARTY) throw new AppError('conflict', 'the client party stays on the case');
    await deleteParty(trx, caseId, id);
    await reindexCase(trx, caseId);
  });
}
