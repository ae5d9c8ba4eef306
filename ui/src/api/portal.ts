import type { z } from 'zod';
import type { ZPortalCase, ZPortalCases, ZPortalDocuments, ZPortalInvoices } from '../../../api/contracts/portal';
import { api } from './client';

export type { PortalCase, PortalCaseSummary, PortalDocument, PortalEvent, PortalInvoice, PortalStage } from '../../../api/contracts/portal';

const c = (id: string) => `/portal/cases/${encodeURIComponent(id)}`;

/** The client portal: what a client's contact reads of their own cases. */
export const portalApi = {
  cases: () => api<z.infer<typeof ZPortalCases>>('GET', '/portal/cases'),
  case: (id: string) => api<z.infer<typeof ZPortalCase>>('GET', c(id)),
  documents: (caseId: string) => api<z.infer<typeof ZPortalDocuments>>('GET', `${c(caseId)}/documents`),
  invoices: (caseId?: string) =>
    api<z.infer<typeof ZPortalInvoices>>('GET', `/portal/invoices${caseId ? `?caseId=${encodeURIComponent(caseId)}` : ''}`),
  /** A shared document's bytes: a download, or (`inline`) for the viewer. */
  contentUrl: (id: string, inline = false) => `/api/v1/portal/documents/${encodeURIComponent(id)}/content${inline ? '?inline=1' : ''}`,
  invoicePdfUrl: (id: string) => `/api/v1/portal/invoices/${encodeURIComponent(id)}/pdf`,
};
