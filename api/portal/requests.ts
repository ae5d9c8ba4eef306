import type { Request } from 'express';
import type { z } from 'zod';
import type { BlobStorage } from '../../db/storage';
import {
  findDocumentRequest,
  insertDocumentRequest,
  listDocumentRequests,
  lockDocumentRequest,
  lockUploadForReview,
  markReminded,
  markRequestUploads,
  pendingUploads,
  remindersDue,
  reviewUpload,
  setRequestStatus,
} from '../../db/repositories/document-requests';
import { messageCase } from '../../db/repositories/messages';
import { civilDateAt } from '../../domain/deadlines/civil-date';
import { AppError } from '../app-error';
import { assertCaseAccess, type Actor } from '../cases';
import type { ZDocumentRequestInput } from '../contracts/communication';
import { receiveClientFiles } from '../documents';
import { firmTimeZone } from '../firm';
import type { IdempotentRequest } from '../middleware/idempotency';
import { assertPortalCase, tellOtherSide, type MessagingDeps } from './messages';

/**
 * Document requests: the lawyer asks the client for documents by a due date (a task for the
 * client, reminded three days before and once overdue); the client uploads files for it through
 * the portal into the case's 证据材料, where they await the lawyer's acceptance.
 */

export interface RequestDeps extends MessagingDeps {
  storage: BlobStorage;
  uploadMaxBytes: number;
  firmTimezone: string;
}

const today = async (deps: { db: MessagingDeps['db']; firmTimezone: string }) =>
  civilDateAt(Date.now(), await firmTimeZone(deps.db, deps.firmTimezone));

export async function caseRequests(deps: RequestDeps, actor: Actor, caseId: string) {
  await assertCaseAccess(deps.db, actor, caseId, 'documentRequest.manage');
  return { items: await listDocumentRequests(deps.db, caseId), pending: await pendingUploads(deps.db, caseId) };
}

export async function createRequest(
  deps: RequestDeps,
  actor: Actor,
  caseId: string,
  input: z.infer<typeof ZDocumentRequestInput>,
  idem?: IdempotentRequest,
) {
  const { db } = deps;
  await assertCaseAccess(db, actor, caseId, 'documentRequest.manage');
  if (idem?.resumedEntityId) return (await findDocumentRequest(db, idem.resumedEntityId))!;
  if (input.dueOn < (await today(deps)))
    throw new AppError('validation-error', 'the due date has passed', { errors: [{ path: 'body.dueOn', message: 'in the past' }] });
  const c = (await messageCase(db, caseId))!;
  const id = await db.transaction(async (trx) => {
    const requestId = await insertDocumentRequest(trx, {
      caseId,
      title: input.title,
      items: input.items,
      note: input.note ?? null,
      dueOn: input.dueOn,
      requestedBy: actor.id,
    });
    await tellOtherSide(trx, deps, c, 'client', { key: `doc-request:${requestId}:new`, text: 'documentsRequested', dueOn: input.dueOn });
    await idem?.bind(trx, requestId);
    return requestId;
  });
  return (await findDocumentRequest(db, id))!;
}

async function staffRequest(deps: RequestDeps, actor: Actor, id: string) {
  const r = await findDocumentRequest(deps.db, id);
  if (!r) throw new AppError('not-found', 'no such document request');
  await assertCaseAccess(deps.db, actor, r.caseId, 'documentRequest.manage');
  return r;
}

export async function cancelRequest(deps: RequestDeps, actor: Actor, id: string) {
  const r = await staffRequest(deps, actor, id);
  await deps.db.transaction(async (trx) => {
    const locked = await lockDocumentRequest(trx, id);
    if (locked?.status !== 'open') throw new AppError('conflict', `the request is ${locked?.status ?? 'gone'}`);
    await setRequestStatus(trx, id, 'cancelled');
  });
  return (await findDocumentRequest(deps.db, r.id))!;
}

/**
 * The lawyer's decision on a client upload pending review: accepted, it is filed in 证据材料 (and
 * the request it answers fulfilled unless `keepOpen`); rejected, the client sees the reason.
 */
export async function reviewClientUpload(
  deps: RequestDeps,
  actor: Actor,
  documentId: string,
  decision: { status: 'accepted' | 'rejected'; note: string | null; keepOpen?: boolean },
) {
  const { db } = deps;
  const first = await db.transaction(async (trx) => lockUploadForReview(trx, documentId));
  if (!first?.caseId) throw new AppError('not-found', 'no such document');
  await assertCaseAccess(db, actor, first.caseId, 'documentRequest.manage');
  if (!first.reviewStatus) throw new AppError('conflict', 'the document is no client upload awaiting review');
  const c = (await messageCase(db, first.caseId))!;
  let requestStatus: 'open' | 'fulfilled' | 'cancelled' | null = null;
  await db.transaction(async (trx) => {
    const d = (await lockUploadForReview(trx, documentId))!;
    if (d.reviewStatus !== 'pending') throw new AppError('conflict', `the upload is already ${d.reviewStatus}`);
    await reviewUpload(trx, documentId, { status: decision.status, note: decision.note, by: actor.id });
    if (d.requestId) {
      const r = await lockDocumentRequest(trx, d.requestId);
      requestStatus = r?.status ?? null;
      if (r?.status === 'open' && decision.status === 'accepted' && !decision.keepOpen) {
        await setRequestStatus(trx, d.requestId, 'fulfilled');
        requestStatus = 'fulfilled';
      }
    }
    await tellOtherSide(trx, deps, c, 'client', { key: `upload:${documentId}:reviewed`, text: 'uploadReviewed' });
  });
  return { id: documentId, reviewStatus: decision.status, requestStatus };
}

/** The client's view of a case's requests (cancelled ones left out). */
export async function portalRequests(deps: RequestDeps, actor: Actor, caseId: string) {
  await assertPortalCase(deps.db, actor, caseId, 'portal.read');
  return { items: await listDocumentRequests(deps.db, caseId, { openOnly: true }), pending: [] };
}

/** Files the client uploads for an open request: documents of the case pending review, the team told. */
export async function uploadForRequest(deps: RequestDeps, actor: Actor, requestId: string, req: Request, idem?: IdempotentRequest) {
  const { db } = deps;
  const r = await findDocumentRequest(db, requestId);
  if (!r) throw new AppError('not-found', 'no such document request');
  await assertPortalCase(db, actor, r.caseId, 'portal.upload');
  if (r.status !== 'open' && !idem?.resumedEntityId) {
    req.resume();
    throw new AppError('conflict', `the request is ${r.status}`);
  }
  const c = (await messageCase(db, r.caseId))!;
  const ids = await receiveClientFiles(deps, actor.id, r.caseId, req, idem, async (trx, documentIds) => {
    const locked = await lockDocumentRequest(trx, requestId);
    if (locked?.status !== 'open') throw new AppError('conflict', `the request is ${locked?.status ?? 'gone'}`);
    await markRequestUploads(trx, requestId, documentIds);
    await tellOtherSide(trx, deps, c, 'team', { key: `doc-request:${requestId}:upload:${documentIds[0]}`, text: 'clientUploaded' });
  });
  return { request: (await findDocumentRequest(db, requestId))!, documentIds: ids };
}

/**
 * Reminds clients of open requests: a mail (and notice) three days before the due date and one
 * once it is overdue — each once per request (the outbox key), however often this runs.
 */
export async function remindDocumentRequests(deps: MessagingDeps & { firmTimezone: string }, now = Date.now()): Promise<number> {
  const day = civilDateAt(now, await firmTimeZone(deps.db, deps.firmTimezone));
  let sent = 0;
  for (const due of await remindersDue(deps.db, day)) {
    const n = await tellOtherSide(deps.db, deps, { id: due.caseId, clientId: due.clientId }, 'client', {
      key: `doc-request:${due.requestId}:${due.kind}`,
      text: due.kind === 'soon' ? 'requestDueSoon' : 'requestOverdue',
      dueOn: due.dueOn,
    });
    if (n > 0) await markReminded(deps.db, due.requestId, day);
    sent += n;
  }
  return sent;
}
