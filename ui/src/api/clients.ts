import type { z } from 'zod';
import type {
  ZClient,
  ZClientInput,
  ZClientList,
  ZClientProfile,
  ZCommunication,
  ZCommunicationInput,
  ZCommunicationList,
  ZConflictCheck,
  ZConflictDecision,
  ZConflictSubject,
  ZContact,
  ZContactInput,
  ZTimeline,
} from '../../../api/contracts/clients';
import { api } from './client';

export type Client = z.infer<typeof ZClient>;
export type ClientInput = z.input<typeof ZClientInput>;
export type ClientList = z.infer<typeof ZClientList>;
export type ClientListItem = ClientList['items'][number];
export type ClientProfile = z.infer<typeof ZClientProfile>;
export type Contact = z.infer<typeof ZContact>;
export type ContactInput = z.input<typeof ZContactInput>;
export type Communication = z.infer<typeof ZCommunication>;
export type CommunicationInput = z.input<typeof ZCommunicationInput>;
export type ConflictCheck = z.infer<typeof ZConflictCheck>;
export type ConflictHit = ConflictCheck['hits'][number];
export type ConflictSubject = z.input<typeof ZConflictSubject>;
export type ConflictDecision = z.input<typeof ZConflictDecision>;

const cl = (id: string) => `/clients/${encodeURIComponent(id)}`;

export const clientsApi = {
  list: (q: { page: number; pageSize: number; q?: string; tag?: string; kind?: string }) => {
    const params = new URLSearchParams({ page: String(q.page), pageSize: String(q.pageSize) });
    for (const k of ['q', 'tag', 'kind'] as const) if (q[k]) params.set(k, q[k]!);
    return api<ClientList>('GET', `/clients?${params}`);
  },
  create: (body: ClientInput) => api<Client>('POST', '/clients', body),
  profile: (id: string) => api<ClientProfile>('GET', cl(id)),
  update: (id: string, body: Partial<ClientInput>) => api<Client>('PATCH', cl(id), body),
  remove: (id: string) => api<void>('DELETE', cl(id)),
  saveContact: (id: string, body: ContactInput, contactId?: string) =>
    contactId ? api<Contact>('PATCH', `${cl(id)}/contacts/${contactId}`, body) : api<Contact>('POST', `${cl(id)}/contacts`, body),
  removeContact: (id: string, contactId: string) => api<void>('DELETE', `${cl(id)}/contacts/${contactId}`),
  communications: (id: string, page = 1) =>
    api<z.infer<typeof ZCommunicationList>>('GET', `${cl(id)}/communications?page=${page}&pageSize=50`),
  logCommunication: (id: string, body: CommunicationInput) => api<Communication>('POST', `${cl(id)}/communications`, body),
  removeCommunication: (id: string, communicationId: string) => api<void>('DELETE', `${cl(id)}/communications/${communicationId}`),
  timeline: (id: string, page = 1) => api<z.infer<typeof ZTimeline>>('GET', `${cl(id)}/timeline?page=${page}&pageSize=50`),
};

export const conflictsApi = {
  run: (subjects: ConflictSubject[]) => api<ConflictCheck>('POST', '/conflict-checks', { subjects }),
  get: (id: string) => api<ConflictCheck>('GET', `/conflict-checks/${id}`),
  decide: (id: string, body: ConflictDecision) => api<ConflictCheck>('POST', `/conflict-checks/${id}/decision`, body),
  list: (q: { awaiting?: boolean; page: number; pageSize: number }) =>
    api<{ items: ConflictCheck[]; total: number }>(
      'GET',
      `/conflict-checks?${new URLSearchParams({ page: String(q.page), pageSize: String(q.pageSize), ...(q.awaiting ? { awaiting: 'true' } : {}) })}`,
    ),
};
