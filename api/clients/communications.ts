import type { z } from 'zod';
import type { Db } from '../../db/connection';
import { deleteCommunication, findCommunication, insertCommunication, listCommunications } from '../../db/repositories/communications';
import { listScope, ownerDecision, viewerOf } from '../../domain/policy';
import { AppError } from '../app-error';
import { assertCaseAccess, type Actor } from '../cases';
import type { ZCommunicationInput } from '../contracts/clients';
import { assertClientAccess } from './client-records';

/** A client's communications, newest first; those about cases the viewer is not on stay hidden (in SQL). */
export async function clientCommunications(db: Db, actor: Actor, clientId: string, page: { limit: number; offset: number }) {
  await assertClientAccess(db, actor, clientId);
  return listCommunications(db, { clientId, scope: listScope(viewerOf(actor), 'communication.read'), ...page });
}

/** Its case, if it names one, is one of this client's that the viewer may see; it is logged after it happened. */
async function assertLoggable(db: Db, actor: Actor, clientId: string, input: z.infer<typeof ZCommunicationInput>): Promise<void> {
  if (input.caseId) {
    const c = await assertCaseAccess(db, actor, input.caseId);
    if (c.clientId !== clientId)
      throw new AppError('validation-error', 'the case belongs to another client', {
        errors: [{ path: 'body.caseId', message: 'not this client\u2019s case' }],
      });
  }
  if (Date.parse(input.occurredAt) > Date.now() + 60_000)
    throw new AppError('validation-error', 'a communication is logged after it happened', {
      errors: [{ path: 'body.occurredAt', message: 'in the future' }],
    });
}

/** Logs a phone call, email, meeting, WeChat or letter with the client (optionally about one of its cases). */
export async function logCommunication(db: Db, actor: Actor, clientId: string, input: z.infer<typeof ZCommunicationInput>) {
  await assertClientAccess(db, actor, clientId);
  await assertLoggable(db, actor, clientId, input);
  const m = await insertCommunication(db, { ...input, clientId, createdBy: actor.id });
  return (await findCommunication(db, m.id))!;
}

/** Who logged a communication deletes it (partners: any). */
export async function removeCommunication(db: Db, actor: Actor, clientId: string, id: string): Promise<void> {
  await assertClientAccess(db, actor, clientId);
  const m = await findCommunication(db, id);
  if (!m || m.clientId !== clientId) throw new AppError('not-found', 'no such communication');
  if (ownerDecision(viewerOf(actor), 'communication.delete', m.createdBy) !== 'allow')
    throw new AppError('forbidden', 'only who logged it deletes it');
  await deleteCommunication(db, m.id);
}
