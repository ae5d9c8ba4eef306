import type { Request } from 'express';
import type { Knex } from 'knex';
import type { BlobStorage } from '../../db/storage';
import { receiveClientFiles } from '../documents';
import type { Db } from '../../db/connection';
import { insertCommunication } from '../../db/repositories/communications';
import { enqueueMailOnce } from '../../db/repositories/email-outbox';
import { findVisibleDocument } from '../../db/repositories/documents';
import {
  caseDocumentsAmong,
  caseTeamContacts,
  findMessage,
  insertMessage,
  listMessages,
  markThreadRead,
  messageCase,
  shareWithClient,
  unreadMessages,
} from '../../db/repositories/messages';
import { markPendingReview } from '../../db/repositories/document-requests';
import { insertNotificationsOnce } from '../../db/repositories/notifications';
import { activePortalUsers, portalCaseVisible } from '../../db/repositories/portal-memberships';
import { userName } from '../../db/repositories/user-lookups';
import { decide, documentScope, viewerOf, type Action } from '../../domain/policy';
import { AppError } from '../app-error';
import { assertCaseAccess, type Actor } from '../cases';
import { communicationTsv } from '../clients';
import type { IdempotentRequest } from '../middleware/idempotency';
import { localeOf, portalCaseLink, staffCaseLink, text, type TextKey } from './messages-texts';

/**
 * The secure thread of a case, both sides: the case team (actions message.*, membership of the
 * case) and the client's portal users (portal.*, a case of a client they act for — any other case
 * does not exist for them: 404). Every message becomes a `portal` entry of the communication log,
 * and a notice and a content-free mail to the other side.
 */

export type Side = 'team' | 'client';

export interface MessagingDeps {
  db: Db;
  publicUrl: string;
}

/** The portal half of the policy: the case is one of the user's clients', else 404. */
export async function assertPortalCase(db: Db, actor: Actor, caseId: string, action: Action): Promise<void> {
  const member = await portalCaseVisible(db, actor.id, caseId);
  if (decide(viewerOf(actor, member), action) !== 'allow') throw new AppError('not-found', 'no such case');
}

async function assertSide(db: Db, actor: Actor, caseId: string, side: Side, send: boolean): Promise<void> {
  if (side === 'team') await assertCaseAccess(db, actor, caseId, send ? 'message.send' : 'message.read');
  else await assertPortalCase(db, actor, caseId, send ? 'portal.message' : 'portal.read');
}

export async function thread(db: Db, actor: Actor, caseId: string, side: Side, page: { limit: number; offset: number }) {
  await assertSide(db, actor, caseId, side, false);
  const r = await listMessages(db, caseId, page);
  return { ...r, unread: await unreadMessages(db, caseId, actor.id, side === 'client') };
}

export async function readThread(db: Db, actor: Actor, caseId: string, side: Side): Promise<{ marked: number }> {
  await assertSide(db, actor, caseId, side, false);
  return { marked: await markThreadRead(db, caseId, actor.id, side === 'client') };
}

/** Attachments: staff attach documents of the case they may see (sharing them); clients, files they uploaded or may see. */
async function attachable(db: Db, actor: Actor, caseId: string, side: Side, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = await caseDocumentsAmong(db, caseId, unique);
  const refuse = () =>
    new AppError('validation-error', 'not documents of this case you may attach', {
      errors: [{ path: 'body.documentIds', message: 'unknown document' }],
    });
  if (found.length !== unique.length) throw refuse();
  for (const d of found) {
    if (side === 'client') {
      if (!((d.clientVisible && !d.confidential) || (d.source === 'portal' && d.createdBy === actor.id))) throw refuse();
    } else if (d.confidential || !(await findVisibleDocument(db, d.id, documentScope({ userId: actor.id, role: actor.role })))) {
      throw refuse();
    }
  }
  return unique;
}

/** A notice and a mail without content to each person on the other side (once per message and person). */
export async function tellOtherSide(
  trx: Knex.Transaction | Db,
  deps: MessagingDeps,
  c: { id: string; clientId: string },
  to: Side,
  what: { key: string; text: TextKey; dueOn?: string; exceptUserId?: string },
): Promise<number> {
  const people = to === 'client' ? await activePortalUsers(trx, c.clientId) : await caseTeamContacts(trx, c.id);
  const link = to === 'client' ? portalCaseLink(deps.publicUrl, c.id) : staffCaseLink(deps.publicUrl, c.id);
  let sent = 0;
  for (const p of people) {
    if (p.id === what.exceptUserId) continue;
    const t = text(what.text, localeOf(p.locale), { link, dueOn: what.dueOn });
    await insertNotificationsOnce(trx, [
      {
        userId: p.id,
        caseId: c.id,
        taskId: null,
        kind: what.text,
        title: t.title,
        body: t.title,
        link: to === 'client' ? `/portal/cases/${c.id}` : `/cases/${c.id}`,
        key: what.key,
        scheduledFor: null,
      },
    ]);
    if (await enqueueMailOnce(trx, { key: `${what.key}:${p.id}`, toUserId: p.id, toAddress: p.email, subject: t.title, textBody: t.body }))
      sent++;
  }
  return sent;
}

/** Sends a message on the case's thread; it is logged (kind portal) and the other side told — all in one transaction. */
export async function sendMessage(
  deps: MessagingDeps,
  actor: Actor,
  caseId: string,
  side: Side,
  input: { body: string; documentIds: string[] },
  idem?: IdempotentRequest,
) {
  const { db } = deps;
  await assertSide(db, actor, caseId, side, true);
  if (idem?.resumedEntityId) return (await findMessage(db, idem.resumedEntityId))!;
  const c = (await messageCase(db, caseId))!;
  const documentIds = await attachable(db, actor, caseId, side, input.documentIds);
  const author = (await userName(db, actor.id)) ?? '';
  const id = await db.transaction(async (trx) => {
    const messageId = await insertMessage(trx, {
      caseId,
      authorId: actor.id,
      fromClient: side === 'client',
      body: input.body,
      documentIds,
    });
    if (side === 'team') await shareWithClient(trx, documentIds);
    await insertCommunication(trx, {
      clientId: c.clientId,
      caseId,
      kind: 'portal',
      occurredAt: new Date().toISOString(),
      participants: author,
      summary: input.body,
      createdBy: actor.id,
      caseMessageId: messageId,
      tsv: communicationTsv(input.body, author),
      documentIds,
    });
    await tellOtherSide(trx, deps, c, side === 'team' ? 'client' : 'team', {
      key: `message:${messageId}`,
      text: 'newMessage',
      exceptUserId: actor.id,
    });
    await idem?.bind(trx, messageId);
    return messageId;
  });
  return (await findMessage(db, id))!;
}

/**
 * Files the client sends to attach to a message: documents of the case in 证据材料 pending the
 * lawyer's review (no request), theirs to attach. Answers their ids.
 */
export async function uploadMessageFiles(
  deps: MessagingDeps & { storage: BlobStorage; uploadMaxBytes: number },
  actor: Actor,
  caseId: string,
  req: Request,
  idem?: IdempotentRequest,
): Promise<{ documentIds: string[] }> {
  await assertPortalCase(deps.db, actor, caseId, 'portal.upload');
  const ids = await receiveClientFiles(deps, actor.id, caseId, req, idem, async (trx, documentIds) => {
    await markPendingReview(trx, documentIds);
  });
  return { documentIds: ids };
}
