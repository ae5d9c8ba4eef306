import type { Db } from '../../db/connection';
import { deleteParty, insertParties, listParties, updateParty, type PartyInput } from '../../db/repositories/case-parties';
import { reindexCase } from '../../db/repositories/case-search';
import { CLIENT_PARTY } from '../../domain/records';
import { AppError } from '../app-error';
import { assertCaseAccess, type Actor } from './case-access';
import { idNumberChange, shownIdNumber } from '../../domain/privacy/id-mask';

/** A party as answers show it: a person's identity number masked (the full one only by `revealPartyIdNumber`). */
export function partyView<T extends { idNumber: string | null; kind: string }>(p: T): T {
  return { ...p, idNumber: shownIdNumber(p.idNumber, p.kind) };
}

/** The parties of a case; every change re-indexes the case's search row in the same transaction. */

export async function caseParties(db: Db, actor: Actor, caseId: string) {
  await assertCaseAccess(db, actor, caseId);
  return { items: (await listParties(db, caseId)).map(partyView) };
}

/** The full identity number of a party of a case the actor is on (the route audits it). */
export async function revealPartyIdNumber(db: Db, actor: Actor, caseId: string, partyId: string) {
  await assertCaseAccess(db, actor, caseId, 'caseParty.revealId');
  const party = (await listParties(db, caseId)).find((p) => p.id === partyId);
  if (!party) throw new AppError('not-found', `no party ${partyId} on this case`);
  return { idNumber: party.idNumber, kind: party.kind };
}

export async function addParty(db: Db, actor: Actor, caseId: string, p: PartyInput) {
  await assertCaseAccess(db, actor, caseId);
  return db.transaction(async (trx) => {
    const [row] = await insertParties(trx, caseId, [p]);
    await reindexCase(trx, caseId);
    return partyView(row);
  });
}

export async function changeParty(db: Db, actor: Actor, caseId: string, id: string, asked: Partial<PartyInput>) {
  await assertCaseAccess(db, actor, caseId);
  return db.transaction(async (trx) => {
    const stored = (await listParties(trx, caseId)).find((x) => x.id === id);
    if (!stored) throw new AppError('not-found', `no party ${id} on this case`);
    const change = idNumberChange(asked.idNumber, stored.idNumber, asked.kind ?? stored.kind);
    if (change.kind === 'refuse')
      throw new AppError('validation-error', 'Invalid body', {
        errors: [{ path: 'body.idNumber', message: 'type the whole number, or leave the masked one as it is' }],
      });
    const { idNumber: _asked, ...rest } = asked;
    const p: Partial<PartyInput> = change.kind === 'set' ? { ...rest, idNumber: change.value } : rest;
    if (Object.keys(p).length === 0) return partyView(stored);
    const row = await updateParty(trx, caseId, id, p);
    if (!row) throw new AppError('not-found', `no party ${id} on this case`);
    await reindexCase(trx, caseId);
    return partyView(row);
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
