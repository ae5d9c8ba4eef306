import { Router } from 'express';
import { ZIdParams } from '../contracts/common';
import { ZDocumentRequestList, ZPortalUploadAnswer } from '../contracts/communication';
import type { RouteRegistry } from '../routing';
import { portalRequests, uploadForRequest, type RequestDeps } from './requests';

/** The client's side of document requests: what is asked, and uploading files for it. */
export function portalRequestRoutes(registry: RouteRegistry, deps: RequestDeps): Router {
  const router = Router();
  const tag = 'portal';

  registry.add(
    router,
    {
      method: 'get',
      path: '/portal/cases/:id/document-requests',
      tag,
      summary: 'Documents the lawyer asked you for on this case, with the state of each file you uploaded',
      action: 'portal.read',
      params: ZIdParams,
      response: ZDocumentRequestList,
      errors: ['not-found'],
    },
    async ({ params, user }) => portalRequests(deps, user!, params.id),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/portal/document-requests/:id/files',
      tag,
      summary:
        'Upload files for a request: multipart/form-data, an optional `note` field first, then `file` parts (streamed; type told from the bytes). They await the lawyer\u2019s acceptance',
      action: 'portal.upload',
      params: ZIdParams,
      response: ZPortalUploadAnswer,
      status: 201,
      errors: ['not-found', 'conflict', 'validation-error', 'unsupported-media-type', 'file-too-large', 'file-type-refused', 'empty-file'],
      auditEntity: 'document-request',
    },
    async ({ params, user, req, idempotency, audit }) => {
      const r = await uploadForRequest(deps, user!, params.id, req, idempotency);
      audit({ entityId: params.id, details: { caseId: r.request.caseId, documents: r.documentIds } });
      return { request: r.request };
    },
  );
  return router;
}
