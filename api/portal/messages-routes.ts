import { Router } from 'express';
import { ZIdParams, ZPageQuery } from '../contracts/common';
import { ZMessage, ZMessageFiles, ZMessageInput, ZMessageList, ZReadAnswer } from '../contracts/communication';
import { pageAnswer, pageWindow, type RouteRegistry } from '../routing';
import { readThread, sendMessage, thread, uploadMessageFiles } from './messages';
import type { RequestDeps } from './requests';

/** The client's side of a case's secure thread (any case not of the user's clients: 404). */
export function portalMessageRoutes(registry: RouteRegistry, deps: RequestDeps): Router {
  const router = Router();
  const { db } = deps;
  const tag = 'portal';

  registry.add(
    router,
    {
      method: 'get',
      path: '/portal/cases/:id/messages',
      tag,
      summary: 'The secure message thread with the case team, oldest first, with read receipts',
      action: 'portal.read',
      params: ZIdParams,
      query: ZPageQuery,
      response: ZMessageList,
      errors: ['not-found'],
    },
    async ({ params, query, user }) => {
      const r = await thread(db, user!, params.id, 'client', pageWindow(query));
      return { ...pageAnswer(query, r), unread: r.unread };
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/portal/cases/:id/messages',
      tag,
      summary: 'Write to the case team; `documentIds`: files you uploaded to the case. The team gets a notice and a mail without content',
      action: 'portal.message',
      params: ZIdParams,
      body: ZMessageInput,
      response: ZMessage,
      status: 201,
      errors: ['not-found', 'validation-error'],
      auditEntity: 'message',
    },
    async ({ params, body, user, audit, idempotency }) => {
      const m = await sendMessage(deps, user!, params.id, 'client', body, idempotency);
      audit({ entityId: m.id, details: { caseId: params.id, documents: m.attachments.map((a) => a.id) } });
      return m;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/portal/cases/:id/messages/read',
      tag,
      summary: 'Mark the team\u2019s messages on the case read (the team sees the receipt)',
      action: 'portal.read',
      params: ZIdParams,
      response: ZReadAnswer,
      errors: ['not-found'],
      auditEntity: 'message',
    },
    async ({ params, user, audit }) => {
      const r = await readThread(db, user!, params.id, 'client');
      audit({ entityId: null, details: { caseId: params.id, marked: r.marked } });
      return r;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/portal/cases/:id/message-files',
      tag,
      summary:
        'Upload files to attach to a message: multipart/form-data `file` parts (streamed; type told from the bytes). They go to the case\u2019s 证据材料 pending the lawyer\u2019s review; answers their ids for `documentIds`',
      action: 'portal.upload',
      params: ZIdParams,
      response: ZMessageFiles,
      status: 201,
      errors: ['not-found', 'validation-error', 'unsupported-media-type', 'file-too-large', 'file-type-refused', 'empty-file'],
      auditEntity: 'document',
    },
    async ({ params, user, req, idempotency, audit }) => {
      const r = await uploadMessageFiles(deps, user!, params.id, req, idempotency);
      audit({ entityId: r.documentIds[0] ?? null, details: { caseId: params.id, documents: r.documentIds } });
      return r;
    },
  );
  return router;
}
