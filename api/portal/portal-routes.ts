import { Router } from 'express';
import { z } from 'zod';
import { ZIdParams } from '../contracts/common';
import {
  ZPortalCase,
  ZPortalCases,
  ZPortalContentQuery,
  ZPortalDocuments,
  ZPortalInvoiceQuery,
  ZPortalInvoices,
} from '../contracts/portal';
import type { RouteRegistry } from '../routing';
import {
  listPortalCases,
  portalCaseView,
  portalDocumentList,
  portalInvoiceList,
  portalInvoicePdf,
  sendPortalDocument,
  type PortalDeps,
} from './portal-views';

const ZCaseParams = z.object({ id: z.uuid() });

/** What a client's contact reads in the portal: their cases' progress, hearings, shared documents and invoices. */
export function portalReadRoutes(registry: RouteRegistry, deps: PortalDeps): Router {
  const router = Router();
  const tag = 'portal';
  registry.add(
    router,
    {
      method: 'get',
      path: '/portal/cases',
      tag,
      summary: "The signed-in portal user's clients' cases, each with its stages as the client sees them and the current stage",
      action: 'portal.read',
      response: ZPortalCases,
    },
    async ({ user }) => listPortalCases(deps, user!),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/portal/cases/:id',
      tag,
      summary:
        'One of them: progress from the workflow (a closed case from the database), upcoming hearings, shared deadlines and the team; any other case 404',
      action: 'portal.read',
      params: ZCaseParams,
      response: ZPortalCase,
      errors: ['not-found', 'service-unavailable'],
    },
    async ({ params, user }) => portalCaseView(deps, user!, params.id),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/portal/cases/:id/documents',
      tag,
      summary: "The case's documents shared with the client (current versions; never confidential or team-only ones)",
      action: 'portal.read',
      params: ZCaseParams,
      response: ZPortalDocuments,
      errors: ['not-found'],
    },
    async ({ params, user }) => portalDocumentList(deps, user!, params.id),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/portal/documents/:id/content',
      tag,
      summary: 'A shared document: a download, or with `inline` shown in the browser (PDF, images, text); each read is audited',
      action: 'portal.read',
      params: ZIdParams,
      query: ZPortalContentQuery,
      errors: ['not-found', 'range-not-satisfiable'],
    },
    async ({ params, query, user, req, res }) =>
      sendPortalDocument(deps, user!, params.id, query.inline !== undefined && query.inline !== '0', req, res),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/portal/invoices',
      tag,
      summary: "Invoices the firm has sent for the user's clients' cases (issued, partly paid, paid) with what is still owed",
      action: 'portal.read',
      query: ZPortalInvoiceQuery,
      response: ZPortalInvoices,
      errors: ['not-found'],
    },
    async ({ query, user }) => portalInvoiceList(deps, user!, query),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/portal/invoices/:id/pdf',
      tag,
      summary: 'One of those invoices as its PDF bill (application/pdf)',
      action: 'portal.read',
      params: ZIdParams,
      errors: ['not-found'],
    },
    async ({ params, user, res }) => {
      const pdf = await portalInvoicePdf(deps, user!, params.id);
      res
        .status(200)
        .type('application/pdf')
        .setHeader('content-disposition', `inline; filename="${pdf.name}"`)
        .setHeader('cache-control', 'private, no-store')
        .send(Buffer.from(pdf.bytes));
    },
  );
  return router;
}
