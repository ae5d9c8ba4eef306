import type { z } from 'zod';
import type {
  ZCommunicationEntry,
  ZCommunicationEntryInput,
  ZCommunicationEntryList,
  ZDocumentRequest,
  ZDocumentRequestInput,
  ZDocumentRequestList,
  ZMessage,
  ZMessageFiles,
  ZMessageList,
  ZPortalUploadAnswer,
  ZReadAnswer,
  ZRequestUpload,
  ZReviewAnswer,
} from '../../../api/contracts/communication';
import { api } from './client';
import { uploadFile, type Upload } from './documents';

export type Message = z.infer<typeof ZMessage>;
export type MessageList = z.infer<typeof ZMessageList>;
export type DocumentRequest = z.infer<typeof ZDocumentRequest>;
export type DocumentRequestList = z.infer<typeof ZDocumentRequestList>;
export type DocumentRequestInput = z.input<typeof ZDocumentRequestInput>;
export type RequestUpload = z.infer<typeof ZRequestUpload>;
export type PendingUpload = DocumentRequestList['pending'][number];
export type CommunicationEntry = z.infer<typeof ZCommunicationEntry>;
export type CommunicationEntryInput = z.input<typeof ZCommunicationEntryInput>;
export type CommunicationEntryList = z.infer<typeof ZCommunicationEntryList>;
export interface CommunicationFilter {
  kind?: string | null;
  caseId?: string | null;
  from?: string | null;
  to?: string | null;
  q?: string | null;
  page?: number;
  pageSize?: number;
}

const qs = (q: Record<string, string | number | undefined | null>) =>
  new URLSearchParams(
    Object.entries(q).flatMap(([k, v]) => (v === undefined || v === null || v === '' ? [] : [[k, String(v)]])),
  ).toString();
const c = (id: string) => `/cases/${encodeURIComponent(id)}`;
const pc = (id: string) => `/portal/cases/${encodeURIComponent(id)}`;

/** The case team's side: the thread with the client, document requests and uploads to accept, the communication log. */
export const communicationApi = {
  messages: (caseId: string, page = 1) => api<MessageList>('GET', `${c(caseId)}/messages?page=${page}&pageSize=200`),
  send: (caseId: string, body: string, documentIds: string[] = []) => api<Message>('POST', `${c(caseId)}/messages`, { body, documentIds }),
  read: (caseId: string) => api<z.infer<typeof ZReadAnswer>>('POST', `${c(caseId)}/messages/read`),
  requests: (caseId: string) => api<DocumentRequestList>('GET', `${c(caseId)}/document-requests`),
  ask: (caseId: string, body: DocumentRequestInput) => api<DocumentRequest>('POST', `${c(caseId)}/document-requests`, body),
  cancel: (id: string) => api<DocumentRequest>('POST', `/document-requests/${encodeURIComponent(id)}/cancel`),
  accept: (documentId: string) => api<z.infer<typeof ZReviewAnswer>>('POST', `/documents/${encodeURIComponent(documentId)}/accept`, {}),
  reject: (documentId: string, note: string) =>
    api<z.infer<typeof ZReviewAnswer>>('POST', `/documents/${encodeURIComponent(documentId)}/reject`, { note }),
  caseLog: (caseId: string, f: CommunicationFilter) =>
    api<CommunicationEntryList>('GET', `${c(caseId)}/communications?${qs({ pageSize: 50, ...f, caseId: undefined })}`),
  clientLog: (clientId: string, f: CommunicationFilter) =>
    api<CommunicationEntryList>('GET', `/clients/${encodeURIComponent(clientId)}/communications?${qs({ pageSize: 50, ...f })}`),
  log: (clientId: string, body: CommunicationEntryInput) =>
    api<CommunicationEntry>('POST', `/clients/${encodeURIComponent(clientId)}/communications`, body),
  remove: (clientId: string, id: string) =>
    api<void>('DELETE', `/clients/${encodeURIComponent(clientId)}/communications/${encodeURIComponent(id)}`),
};

/** The client's side, on the portal. */
export const portalCommunicationApi = {
  messages: (caseId: string, page = 1) => api<MessageList>('GET', `${pc(caseId)}/messages?page=${page}&pageSize=200`),
  send: (caseId: string, body: string, documentIds: string[] = []) => api<Message>('POST', `${pc(caseId)}/messages`, { body, documentIds }),
  read: (caseId: string) => api<z.infer<typeof ZReadAnswer>>('POST', `${pc(caseId)}/messages/read`),
  attach: (caseId: string, file: File, onProgress: (f: number) => void): Upload<z.infer<typeof ZMessageFiles>> =>
    uploadFile(`${pc(caseId)}/message-files`, file, {}, onProgress),
  requests: (caseId: string) => api<DocumentRequestList>('GET', `${pc(caseId)}/document-requests`),
  upload: (requestId: string, file: File, onProgress: (f: number) => void): Upload<z.infer<typeof ZPortalUploadAnswer>> =>
    uploadFile(`/portal/document-requests/${encodeURIComponent(requestId)}/files`, file, {}, onProgress),
};
