import type { Db } from '../../db/connection';
import { clientCaseIds, clientCases, clientFees, clientHasCases, syncClientParties } from '../../db/repositories/client-cases';
import { clientHasPortalAccount } from '../../db/repositories/client-reach';
import { reindexCase } from '../../db/repositories/case-search';
import { clientTimeline } from '../../db/repositories/timeline';
import {
  clientVisibleTo,
  deleteClient,
  findClient,
  findClientByIdNumber,
  insertClient,
  listContacts,
  updateClient,
  type ClientRow,
  type NewClient,
} from '../../db/repositories/clients';
import { AppError } from '../app-error';
import { listScope, needsMembership, viewerOf } from '../../domain/policy';
import type { Actor } from '../cases';
import { idNumberChange, shownIdNumber } from '../../domain/privacy/id-mask';

/** Firm-wide roles see every client; lawyers and assistants the clients of their cases and those they entered. */
export async function assertClientAccess(db: Db, actor: Actor, clientId: string): Promise<ClientRow> {
  const c = await findClient(db, clientId);
  if (!c || (needsMembership(actor.role, 'client.read') && !(await clientVisibleTo(db, clientId, actor.id))))
    throw new AppError('not-found', `no client ${clientId}`);
  return c;
}

/** A client as answers show it: a person's identity number masked (the full one only by `revealClientIdNumber`). */
export function clientView(c: ClientRow) {
  return { ...c, idNumber: shownIdNumber(c.idNumber, c.kind), createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() };
}

/** The full identity number of a client the actor may open (the route audits it; the number itself is never logged). */
export async function revealClientIdNumber(db: Db, actor: Actor, clientId: string) {
  const c = await assertClientAccess(db, actor, clientId);
  return { idNumber: c.idNumber, kind: c.kind };
}

/**
 * The identity number a change writes: a form that sends back the mask it showed keeps the stored
 * number (the field is dropped from the change); any other masked value is refused.
 */
export function withIdNumberKept<P extends { idNumber?: string | null; kind?: string }>(
  patch: P,
  stored: { idNumber: string | null; kind: string },
): P {
  const change = idNumberChange(patch.idNumber, stored.idNumber, patch.kind ?? stored.kind);
  if (change.kind === 'refuse')
    throw new AppError('validation-error', 'Invalid body', {
      errors: [{ path: 'body.idNumber', message: 'type the whole number, or leave the masked one as it is' }],
    });
  if (change.kind === 'set') return patch;
  const { idNumber: _kept, ...rest } = patch;
  return rest as P;
}

/** One client per identity number: a second record with the same 身份证号 / 信用代码 is refused. */
export async function assertIdNumberFree(db: Db, idNumber: string | null | undefined, exceptId?: string): Promise<void> {
  if (!idNumber) return;
  const other = await findClientByIdNumber(db, idNumber);
  if (other && other.id !== exceptId)
    throw new AppError('conflict', 'a client with this identity number exists', {
      errors: [{ path: 'body.idNumber', message: `already used by ${other.name}` }],
      clientId: other.id,
    });
}

/** The client's cases (those the viewer may see), and money from the billing tables (integer fen). */
export async function clientProfile(db: Db, actor: Actor, clientId: string) {
  const client = await assertClientAccess(db, actor, clientId);
  const cases = await clientCases(db, clientId, listScope(viewerOf(actor), 'case.list'));
  const fees = await clientFees(db, clientId);
  return {
    client: clientView(client),
    contacts: await listContacts(db, clientId),
    openCases: cases.filter((c) => c.status !== 'closed'),
    closedCases: cases.filter((c) => c.status === 'closed'),
    fees: {
      billedFen: fees.billedFen,
      paidFen: fees.paidFen,
      outstandingFen: fees.outstandingFen,
      pendingBillingEvents: fees.pending,
    },
  };
}

/** Everything on the client's cases that the viewer may see, and its communications, newest first. */
export async function clientTimelinePage(db: Db, actor: Actor, clientId: string, page: { limit: number; offset: number }) {
  await assertClientAccess(db, actor, clientId);
  return clientTimeline(db, clientId, listScope(viewerOf(actor), 'client.timeline'), page.limit, page.offset);
}

export async function addClient(db: Db, actor: Actor, input: Omit<NewClient, 'createdBy'>) {
  await assertIdNumberFree(db, input.idNumber);
  return clientView(await insertClient(db, { ...input, createdBy: actor.id }));
}

/**
 * Changes a client record. Its name and identity number are also its cases' "client" party and
 * part of their search text: those follow in the same transaction, so a failure leaves all as it was.
 */
export async function changeClient(db: Db, actor: Actor, clientId: string, asked: Partial<NewClient>) {
  const stored = await assertClientAccess(db, actor, clientId);
  const patch = withIdNumberKept(asked, stored);
  if (Object.keys(patch).length === 0) return clientView(stored);
  await assertIdNumberFree(db, patch.idNumber, clientId);
  const c = await db.transaction(async (trx) => {
    const updated = (await updateClient(trx, clientId, patch))!;
    if (patch.name !== undefined || patch.idNumber !== undefined) {
      const caseIds = await clientCaseIds(trx, clientId);
      await syncClientParties(trx, caseIds, updated);
      for (const id of caseIds) await reindexCase(trx, id);
    }
    return updated;
  });
  return clientView(c);
}

/** A client stays on record once it has cases or a portal account. */
export async function removeClient(db: Db, actor: Actor, clientId: string) {
  await assertClientAccess(db, actor, clientId);
  if (await clientHasCases(db, clientId)) throw new AppError('conflict', 'the client has cases; it stays on record');
  if (await clientHasPortalAccount(db, clientId)) throw new AppError('conflict', 'the client has a portal account');
  await deleteClient(db, clientId);
}
