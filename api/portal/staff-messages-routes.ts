import { Router } from 'express';
import { ZIdParams, ZPageQuery } from '../contracts/common';
import {
  ZDocumentRequest,
  ZDocumentRequestInput,
  ZDocumentRequestList,
  ZMessage,
  ZMessageInput,
  ZMessageList,
  ZReadAnswer,
  ZRejectInput,
  ZReviewAnswer,
  ZReviewInput,
} from '../contracts/communication';
import { pageAnswer, pageWindow, type RouteRegistry } from '../routing';
import { readThread, sendMessage, thread } from './messages';
import { cancelRequest, caseRequests, createRequest, reviewClientUpload, type RequestDeps } from './requests';
import { z } from 'zod';

/** The case team's side: the secure thread with the client, document requests, and client uploads to accept. */
export function staffMessagingRoutes(registry: RouteRegistry, deps: RequestDeps): Router {
  const router = Router();
  const { db } = deps;
  const tag = 'communication';

  registry.add(
    router,
    {
      method: 'get',
      path: '/cases/:id/messages',
      tag,
      summary: 'The case\u2019s secure message thread with the client, oldest first, with attachments and read receipts',
      action: 'message.read',
      params: ZIdParams,
      query: ZPageQuery,
      response: ZMessageList,
      errors: ['not-found'],
    },
    async ({ params, query, user }) => {
      const r = await thread(db, user!, params.id, 'team', pageWindow(query));
      return { ...pageAnswer(query, r), unread: r.unread };
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/cases/:id/messages',
      tag,
      summary:
        'Send the client a message; attached documents of the case become visible to the client. The client gets a mail without content',
      action: 'message.send',
      params: ZIdParams,
      body: ZMessageInput,
      response: ZMessage,
      status: 201,
      errors: ['not-found', 'validation-error'],
      auditEntity: 'message',
    },
    async ({ params, body, user, audit, idempotency }) => {
      const m = await sendMessage(deps, user!, params.id, 'team', body, idempotency);
      audit({ entityId: m.id, details: { caseId: params.id, documents: m.attachments.map((a) => a.id) } });
      return m;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/cases/:id/messages/read',
      tag,
      summary: 'Mark the client\u2019s messages on the case read by you (the client sees the receipt)',
      action: 'message.read',
      params: ZIdParams,
      response: ZReadAnswer,
      errors: ['not-found'],
      auditEntity: 'message',
    },
    async ({ params, user, audit }) => {
      const r = await readThread(db, user!, params.id, 'team');
      audit({ entityId: null, details: { caseId: params.id, marked: r.marked } });
      return r;
    },
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/cases/:id/document-requests',
      tag,
      summary: 'What the client was asked to provide, with the files uploaded for each, and the uploads awaiting acceptance',
      action: 'documentRequest.manage',
      params: ZIdParams,
      response: ZDocumentRequestList,
      errors: ['not-found'],
    },
    async ({ params, user }) => caseRequests(deps, user!, params.id),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/cases/:id/document-requests',
      tag,
      summary:
        'Ask the client for documents by a due date (请客户提供材料): the client gets a mail, and reminders 3 days before and once overdue',
      action: 'documentRequest.manage',
      params: ZIdParams,
      body: ZDocumentRequestInput,
      response: ZDocumentRequest,
      status: 201,
      errors: ['not-found', 'validation-error'],
      auditEntity: 'document-request',
    },
    async ({ params, body, user, audit, idempotency }) => {
      const r = await createRequest(deps, user!, params.id, body, idempotency);
      audit({ entityId: r.id, details: { caseId: params.id, items: r.items.length, dueOn: r.dueOn } });
      return r;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/document-requests/:id/cancel',
      tag,
      summary: 'Withdraw an open document request',
      action: 'documentRequest.manage',
      params: ZIdParams,
      response: ZDocumentRequest,
      errors: ['not-found', 'conflict'],
      auditEntity: 'document-request',
    },
    async ({ params, user, audit }) => {
      const r = await cancelRequest(deps, user!, params.id);
      audit({ entityId: r.id, details: { caseId: r.caseId } });
      return r;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/documents/:id/accept',
      tag,
      summary: 'Accept a client upload awaiting review: it is filed in 证据材料 and its request fulfilled (unless keepOpen)',
      action: 'documentRequest.manage',
      params: ZIdParams,
      body: ZReviewInput.extend({ keepOpen: z.boolean().default(false) }),
      response: ZReviewAnswer,
      errors: ['not-found', 'conflict', 'validation-error'],
      auditEntity: 'document',
    },
    async ({ params, body, user, audit }) => {
      const r = await reviewClientUpload(deps, user!, params.id, { status: 'accepted', note: body.note ?? null, keepOpen: body.keepOpen });
      audit({ entityId: params.id, details: { review: 'accepted' } });
      return r;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/documents/:id/reject',
      tag,
      summary: 'Reject a client upload awaiting review, with the reason the client sees',
      action: 'documentRequest.manage',
      params: ZIdParams,
      body: ZRejectInput,
      response: ZReviewAnswer,
      errors: ['not-found', 'conflict', 'validation-error'],
      auditEntity: 'document',
    },
    async ({ params, body, user, audit }) => {
      const r = await reviewClientUpload(deps, user!, params.id, { status: 'rejected', note: body.note });
      audit({ entityId: params.id, details: { review: 'rejected' } });
      return r;
    },
  );
  return router;
}
