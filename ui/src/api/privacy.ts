import type { z } from 'zod';
import type { ZAuditActors, ZAuditPage, ZCaseViewers } from '../../../api/contracts/audit';
import type { ZRevealedIdNumber } from '../../../api/contracts/clients';
import { api } from './client';

export type AuditPage = z.infer<typeof ZAuditPage>;
export type AuditRow = AuditPage['items'][number];
export type AuditActors = z.infer<typeof ZAuditActors>;
export type CaseViewers = z.infer<typeof ZCaseViewers>;
type Revealed = z.infer<typeof ZRevealedIdNumber>;

export interface AuditFilter {
  actorId?: string;
  subjectId?: string;
  event?: string;
  from?: string;
  to?: string;
}

const query = (q: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
};

export const privacyApi = {
  /** The whole identity number of a client (audited as whose number was seen). */
  revealClientId: (clientId: string) => api<Revealed>('POST', `/clients/${encodeURIComponent(clientId)}/id-number/reveal`),
  revealPartyId: (caseId: string, partyId: string) =>
    api<Revealed>('POST', `/cases/${encodeURIComponent(caseId)}/parties/${encodeURIComponent(partyId)}/id-number/reveal`),
  auditLog: (q: AuditFilter & { page: number; pageSize: number }) => api<AuditPage>('GET', `/admin/audit-log?${query({ ...q })}`),
  auditActors: () => api<AuditActors>('GET', '/admin/audit-log/actors'),
  /** Who has looked at the case (from the audit log). */
  caseViewers: (caseId: string) => api<CaseViewers>('GET', `/cases/${encodeURIComponent(caseId)}/viewers`),
  exportUrl: (q: AuditFilter & { lang: string }) => `/api/v1/admin/audit-log/export?${query({ ...q })}`,
};
