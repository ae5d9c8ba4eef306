import { Router } from 'express';
import type { Db } from '../../db/connection';
import { ZIdParams } from '../contracts/common';
import { ZCommentParams, ZDocumentComment, ZDocumentCommentInput, ZDocumentComments } from '../contracts/documents';
import type { RouteRegistry } from '../routing';
import { addComment, listComments, setResolved } from './comments';

/** Comments on a document: threads, anchors on a page or paragraph, @mentions, resolve/reopen. */
export function commentRoutes(registry: RouteRegistry, deps: { db: Db }): Router {
  const router = Router();
  const { db } = deps;
  const tag = 'documents';
  registry.add(
    router,
    {
      method: 'get',
      path: '/documents/:id/comments',
      tag,
      summary: 'Comments on a document, oldest first (threads: replies name their parent)',
      action: 'document.read',
      params: ZIdParams,
      response: ZDocumentComments,
      errors: ['not-found'],
    },
    async ({ params, user }) => listComments(db, user!, params.id),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/documents/:id/comments',
      tag,
      summary: 'Comment on a version, optionally on a PDF page (x, y) or a DOCX paragraph; @mentions notify the colleagues named',
      action: 'document.comment',
      params: ZIdParams,
      body: ZDocumentCommentInput,
      response: ZDocumentComment,
      status: 201,
      errors: ['not-found', 'validation-error'],
      auditEntity: 'document-comment',
    },
    async ({ params, body, user, audit }) => {
      const c = await addComment(db, user!, params.id, body);
      audit({ entityId: c.id, details: { documentId: params.id, version: c.version, mentions: body.mentions.length } });
      return c;
    },
  );
  for (const [verb, resolved] of [
    ['resolve', true],
    ['reopen', false],
  ] as const) {
    registry.add(
      router,
      {
        method: 'post',
        path: `/documents/:id/comments/:commentId/${verb}`,
        tag,
        summary: resolved ? 'Mark a comment thread resolved' : 'Reopen a resolved comment thread',
        action: 'document.comment',
        params: ZCommentParams,
        response: ZDocumentComment,
        errors: ['not-found', 'validation-error'],
        auditEntity: 'document-comment',
      },
      async ({ params, user, audit }) => {
        audit({ entityId: params.commentId, details: { documentId: params.id, resolved } });
        return setResolved(db, user!, params.id, params.commentId, resolved);
      },
    );
  }
  return router;
}
