import { Router } from 'express';
import { z } from 'zod';
import { listDocuments } from '../../db/repositories/documents';
import { recycleBin } from '../../db/repositories/document-records';
import { documentScope } from '../../domain/policy';
import { ZIdParams } from '../contracts/common';
import {
  ZCaseDocumentsQuery,
  ZContentQuery,
  ZDocument,
  ZDocumentDetail,
  ZDocumentList,
  ZDocumentPatch,
  ZDocumentSearch,
  ZDocumentSearchQuery,
  ZPurgeAnswer,
  ZRecycleBin,
  ZUploadAnswer,
  ZVersionParams,
} from '../contracts/documents';
import { auditRead } from '../read-audit';
import { pageAnswer, pageWindow, type RouteRegistry } from '../routing';
import { assertCaseAccess } from '../cases';
import { assertClientAccess } from '../clients';
import { documentView } from './document-access';
import { sendContent } from './content';
import { findDocuments } from './search';
import { firmTimeZone } from '../firm';
import {
  changeDocument,
  deleteDocument,
  documentDetail,
  emptyRecycleBin,
  restoreVersion,
  undeleteDocument,
  uploadDocuments,
  uploadVersion,
  type DocumentDeps,
} from './documents';

const UPLOAD_ERRORS = [
  'not-found',
  'validation-error',
  'unsupported-media-type',
  'file-too-large',
  'file-type-refused',
  'empty-file',
] as const;
const ZClientDocumentsQuery = ZCaseDocumentsQuery.omit({ folderId: true });

/** A case's and a client's documents, one document, its content and versions, the recycle bin. */
export function documentRoutes(registry: RouteRegistry, deps: DocumentDeps & { firmTimezone: string }): Router {
  const router = Router();
  const { db } = deps;
  const tag = 'documents';
  const scopeOf = (user: { id: string; role: Parameters<typeof documentScope>[0]['role'] }) =>
    documentScope({ userId: user.id, role: user.role });

  registry.add(
    router,
    {
      method: 'get',
      path: '/cases/:id/documents',
      tag,
      summary: 'The documents of a case you may see, newest first (by folder or category)',
      action: 'document.read',
      params: ZIdParams,
      query: ZCaseDocumentsQuery,
      response: ZDocumentList,
      errors: ['not-found'],
    },
    async ({ params, query, user, req }) => {
      await assertCaseAccess(db, user!, params.id, 'document.read');
      const r = await listDocuments(
        db,
        scopeOf(user!),
        { caseId: params.id, folderId: query.folderId, category: query.category },
        pageWindow(query),
      );
      await auditRead(db, req, { actorId: user!.id, route: '/cases/:id/documents', entity: 'case', entityId: params.id });
      return pageAnswer(query, { items: r.items.map(documentView), total: r.total });
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/cases/:id/documents',
      tag,
      summary:
        'Upload files to a case: multipart/form-data with text fields `category`, `folderId`, `note` first, then one or more `file` parts (streamed to storage; type told from the bytes)',
      action: 'document.edit',
      params: ZIdParams,
      response: ZUploadAnswer,
      status: 201,
      errors: [...UPLOAD_ERRORS],
      auditEntity: 'document',
    },
    async ({ params, user, req, idempotency, audit }) => {
      const answer = await uploadDocuments(deps, user!, { caseId: params.id }, req, idempotency);
      audit({ entityId: answer.items[0]?.id, details: { caseId: params.id, documents: answer.items.map((d) => d.id) } });
      return answer;
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/clients/:id/documents',
      tag,
      summary: 'Documents kept on a client (ID copies, business licence), newest first',
      action: 'clientDocument.read',
      params: ZIdParams,
      query: ZClientDocumentsQuery,
      response: ZDocumentList,
      errors: ['not-found'],
    },
    async ({ params, query, user }) => {
      await assertClientAccess(db, user!, params.id);
      const r = await listDocuments(db, scopeOf(user!), { clientId: params.id, category: query.category }, pageWindow(query));
      return pageAnswer(query, { items: r.items.map(documentView), total: r.total });
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/clients/:id/documents',
      tag,
      summary: 'Upload files to a client (multipart/form-data as for a case, without folders)',
      action: 'clientDocument.edit',
      params: ZIdParams,
      response: ZUploadAnswer,
      status: 201,
      errors: [...UPLOAD_ERRORS],
      auditEntity: 'document',
    },
    async ({ params, user, req, idempotency, audit }) => {
      const answer = await uploadDocuments(deps, user!, { clientId: params.id }, req, idempotency);
      audit({ entityId: answer.items[0]?.id, details: { clientId: params.id, documents: answer.items.map((d) => d.id) } });
      return answer;
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/documents',
      tag,
      summary:
        'Search every document you may see: Chinese full text of the current version (segmented) and names, with a snippet and the matching PDF pages; without `q`, the most recent',
      action: 'document.search',
      query: ZDocumentSearchQuery,
      response: ZDocumentSearch,
      errors: ['not-found', 'validation-error'],
      rateLimit: { class: 'expensive', when: (req) => Boolean(req.query.q) },
    },
    async ({ query, user }) => {
      const { page, pageSize, q, ...filter } = query;
      const r = await findDocuments(db, user!, { ...filter, q }, pageWindow({ page, pageSize }), await firmTimeZone(db, deps.firmTimezone));
      return pageAnswer(query, r);
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/documents/:id',
      tag,
      summary: 'A document with its versions (newest first)',
      action: 'document.read',
      params: ZIdParams,
      response: ZDocumentDetail,
      errors: ['not-found'],
    },
    async ({ params, user, req }) => {
      const detail = await documentDetail(db, user!, params.id);
      await auditRead(db, req, {
        actorId: user!.id,
        route: '/documents/:id',
        entity: 'document',
        entityId: params.id,
        details: { caseId: detail.caseId, clientId: detail.clientId },
      });
      return detail;
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/documents/:id/content',
      tag,
      summary:
        'The bytes of the current (or a given) version with the type told from them; session-checked, HTTP ranges, every read audited. `download=1`: as an attachment',
      action: 'document.read',
      params: ZIdParams,
      query: ZContentQuery,
      errors: ['not-found', 'range-not-satisfiable'],
    },
    async ({ params, query, user, req, res }) => sendContent(deps, user!, params.id, query, req, res),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/documents/:id/versions',
      tag,
      summary: 'Upload a new version (multipart/form-data: `note`, then one `file`); earlier versions stay',
      action: 'document.edit',
      params: ZIdParams,
      response: ZDocument,
      status: 201,
      errors: [...UPLOAD_ERRORS],
      auditEntity: 'document',
    },
    async ({ params, user, req, audit }) => {
      const doc = await uploadVersion(deps, user!, params.id, req);
      audit({ details: { version: doc.version } });
      return doc;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/documents/:id/versions/:number/restore',
      tag,
      summary: 'Restore an earlier version: it becomes the newest version (nothing is overwritten)',
      action: 'document.edit',
      params: ZVersionParams,
      response: ZDocument,
      status: 201,
      errors: ['not-found', 'conflict'],
      auditEntity: 'document',
    },
    async ({ params, user, audit }) => {
      const doc = await restoreVersion(deps, user!, params.id, params.number);
      audit({ details: { restored: params.number, version: doc.version } });
      return doc;
    },
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/documents/:id',
      tag,
      summary: 'Rename, move to a folder or category, mark confidential or visible to the client',
      action: 'document.edit',
      params: ZIdParams,
      body: ZDocumentPatch,
      response: ZDocument,
      errors: ['not-found', 'validation-error'],
      auditEntity: 'document',
    },
    async ({ params, body, user, audit }) => {
      audit({ details: { ...body } });
      return changeDocument(db, user!, params.id, body);
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/documents/:id',
      tag,
      summary: 'Move a document to the recycle bin (an admin empties it)',
      action: 'document.delete',
      params: ZIdParams,
      errors: ['not-found'],
      auditEntity: 'document',
    },
    async ({ params, user }) => deleteDocument(db, user!, params.id),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/documents/:id/undelete',
      tag,
      summary: 'Take a document out of the recycle bin',
      action: 'document.delete',
      params: ZIdParams,
      response: ZDocument,
      errors: ['not-found', 'conflict'],
      auditEntity: 'document',
    },
    async ({ params, user }) => undeleteDocument(db, user!, params.id),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/recycle-bin/documents',
      tag,
      summary: 'Documents in the recycle bin, most recently deleted first',
      action: 'document.recycleBin',
      query: z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50) }),
      response: ZRecycleBin,
    },
    async ({ query, user }) => {
      const r = await recycleBin(db, scopeOf(user!), pageWindow(query));
      return pageAnswer(query, {
        items: r.items.map((d) => ({ ...documentView(d), caseNumber: d.caseNumber, deletedBy: d.deletedBy })),
        total: r.total,
      });
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/recycle-bin/documents',
      tag,
      summary: 'Empty the recycle bin: its documents and every stored file no other document uses are deleted for good',
      action: 'document.purge',
      response: ZPurgeAnswer,
      auditEntity: 'document',
    },
    async ({ audit }) => {
      const r = await emptyRecycleBin(deps);
      audit({ details: r });
      return r;
    },
  );
  return router;
}
