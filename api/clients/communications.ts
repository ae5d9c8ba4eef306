import type { z } from 'zod';
import type { Db } from '../../db/connection';
import {
  communicationDocumentsAmong,
  deleteCommunication,
  findCommunication,
  insertCommunication,
  linkCommunication,
  listCommunications,
  type CommunicationFilter,
} from '../../db/repositories/communications';
import { civilDateAt } from '../../domain/deadlines/civil-date';
import { listScope, ownerDecision, viewerOf } from '../../domain/policy';
import { queryWords, searchTokens, tsQueryText, tsvectorLiteral } from '../../domain/search/segment';
import { AppError } from '../app-error';
import { addTimeEntry } from '../billing';
import { assertCaseAccess, type Actor } from '../cases';
import type { ZCommunicationEntryInput, ZCommunicationQuery } from '../contracts/communication';
import { firmTimeZone } from '../firm';
import type { IdempotentRequest } from '../middleware/idempotency';
import { createManualTask } from '../tasks';
import { assertClientAccess } from './client-records';

type Query = Omit<z.infer<typeof ZCommunicationQuery>, 'page' | 'pageSize'>;

/** The tsvector literal of a record: its summary and participants, segmented as documents are. */
export function communicationTsv(summary: string, participants: string | null | undefined): string {
  return tsvectorLiteral({ B: searchTokens(participants ?? ''), D: searchTokens(summary) });
}

async function filterOf(db: Db, q: Query, defaultTimeZone: string): Promise<CommunicationFilter> {
  const words = q.q ? queryWords(q.q) : [];
  return {
    kind: q.kind,
    caseId: q.caseId,
    from: q.from,
    to: q.to,
    timeZone: await firmTimeZone(db, defaultTimeZone),
    tsQuery: words.length ? tsQueryText(words) : null,
    text: q.q || null,
  };
}

/** A client's communications, newest first; those about cases the viewer is not on stay hidden (in SQL). */
export async function clientCommunications(
  db: Db,
  actor: Actor,
  clientId: string,
  q: Query,
  page: { limit: number; offset: number },
  defaultTimeZone: string,
) {
  await assertClientAccess(db, actor, clientId);
  const filter = await filterOf(db, q, defaultTimeZone);
  return listCommunications(db, { ...filter, clientId, scope: listScope(viewerOf(actor), 'communication.read'), ...page });
}

/** A case's communications (its secure messages among them), newest first. */
export async function caseCommunications(
  db: Db,
  actor: Actor,
  caseId: string,
  q: Omit<Query, 'caseId'>,
  page: { limit: number; offset: number },
  defaultTimeZone: string,
) {
  await assertCaseAccess(db, actor, caseId, 'communication.read');
  const filter = await filterOf(db, q, defaultTimeZone);
  return listCommunications(db, { ...filter, caseId, ...page });
}

type Input = z.infer<typeof ZCommunicationEntryInput>;

function invalid(path: string, message: string): AppError {
  return new AppError('validation-error', message, { errors: [{ path, message }] });
}

/** Its case, if it names one, is one of this client's that the viewer may see; it is logged after it happened. */
async function assertLoggable(db: Db, actor: Actor, clientId: string, input: Input): Promise<void> {
  if (input.caseId) {
    const c = await assertCaseAccess(db, actor, input.caseId);
    if (c.clientId !== clientId) throw invalid('body.caseId', 'not this client\u2019s case');
  }
  if (Date.parse(input.occurredAt) > Date.now() + 60_000) throw invalid('body.occurredAt', 'a communication is logged after it happened');
  if (input.followUp && !input.caseId) throw invalid('body.followUp', 'a follow-up task belongs to a case: name the case');
  if (input.toTimeEntry && !input.caseId) throw invalid('body.toTimeEntry', 'time is recorded on a case: name the case');
  if (input.toTimeEntry && !input.durationMinutes) throw invalid('body.durationMinutes', 'a time entry needs the duration');
  const ids = [...new Set(input.documentIds)];
  const found = await communicationDocumentsAmong(db, { caseId: input.caseId, clientId }, ids);
  if (found.length !== ids.length) throw invalid('body.documentIds', 'not documents of this case or client');
}

/**
 * Logs a phone call, email, meeting, WeChat or letter with the client (optionally about one of its
 * cases), with its documents; in the same transaction a follow-up task on the case and a time entry
 * of the recorder for the duration, when asked.
 */
export async function logCommunication(
  db: Db,
  actor: Actor,
  clientId: string,
  input: Input,
  defaultTimeZone: string,
  idem?: IdempotentRequest,
) {
  await assertClientAccess(db, actor, clientId);
  if (idem?.resumedEntityId) return (await findCommunication(db, idem.resumedEntityId))!;
  await assertLoggable(db, actor, clientId, input);
  const tz = await firmTimeZone(db, defaultTimeZone);
  const id = await db.transaction(async (trx) => {
    const m = await insertCommunication(trx, {
      clientId,
      caseId: input.caseId ?? null,
      kind: input.kind,
      occurredAt: input.occurredAt,
      participants: input.participants ?? null,
      summary: input.summary,
      durationMinutes: input.durationMinutes ?? null,
      createdBy: actor.id,
      tsv: communicationTsv(input.summary, input.participants),
      documentIds: [...new Set(input.documentIds)],
    });
    let followUpTaskId: string | undefined;
    let timeEntryId: string | undefined;
    if (input.followUp && input.caseId) {
      const task = await createManualTask(
        trx,
        actor,
        {
          caseId: input.caseId,
          title: input.followUp.title,
          description: input.summary.slice(0, 4000),
          assigneeId: input.followUp.assigneeId,
          dueDate: input.followUp.dueOn,
          priority: 'normal',
          checklist: [],
        },
        defaultTimeZone,
      );
      followUpTaskId = task.id;
    }
    if (input.toTimeEntry && input.caseId && input.durationMinutes) {
      const entry = await addTimeEntry(trx, actor, {
        caseId: input.caseId,
        taskId: null,
        workDate: civilDateAt(Date.parse(input.occurredAt), tz),
        minutes: input.durationMinutes,
        billable: true,
        narrative: input.summary.slice(0, 500),
      });
      timeEntryId = entry.id;
    }
    await linkCommunication(trx, m.id, { followUpTaskId, timeEntryId });
    await idem?.bind(trx, m.id);
    return m.id;
  });
  return (await findCommunication(db, id))!;
}

/** Who logged a communication deletes it (partners: any); a secure message's record stays with the message. */
export async function removeCommunication(db: Db, actor: Actor, clientId: string, id: string): Promise<void> {
  await assertClientAccess(db, actor, clientId);
  const m = await findCommunication(db, id);
  if (!m || m.clientId !== clientId) throw new AppError('not-found', 'no such communication');
  if (m.caseId) await assertCaseAccess(db, actor, m.caseId, 'communication.read');
  if (m.caseMessageId) throw new AppError('conflict', 'a secure message stays on the record');
  if (ownerDecision(viewerOf(actor), 'communication.delete', m.createdBy) !== 'allow')
    throw new AppError('forbidden', 'only who logged it deletes it');
  await deleteCommunication(db, m.id);
}
