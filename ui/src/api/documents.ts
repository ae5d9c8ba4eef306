import type { z } from 'zod';
import type { Problem } from '../../../api/contracts/common';
import type {
  ZCommentAnchor,
  ZDocument,
  ZDocumentCategory,
  ZDocumentComment,
  ZDocumentCommentInput,
  ZDocumentDetail,
  ZDocumentFolder,
  ZDocumentHit,
  ZDocumentPatch,
  ZDocumentSearch,
  ZDocumentSearchQuery,
  ZDocumentTemplate,
  ZDocumentVersion,
  ZGenerateDocument,
  ZPurgeAnswer,
  ZRecycleBin,
  ZUploadedDocument,
} from '../../../api/contracts/documents';
import { ApiError, api, newRequestKey } from './client';

export type DocumentCategory = z.infer<typeof ZDocumentCategory>;
export type DocumentFolder = z.infer<typeof ZDocumentFolder>;
export type DocumentRow = z.infer<typeof ZDocument>;
export type DocumentDetail = z.infer<typeof ZDocumentDetail>;
export type DocumentVersion = z.infer<typeof ZDocumentVersion>;
export type UploadedDocument = z.infer<typeof ZUploadedDocument>;
export type DocumentPatch = z.input<typeof ZDocumentPatch>;
export type DocumentHit = z.infer<typeof ZDocumentHit>;
export type DocumentSearchQuery = Partial<z.input<typeof ZDocumentSearchQuery>>;
export type DocumentComment = z.infer<typeof ZDocumentComment>;
export type CommentInput = z.input<typeof ZDocumentCommentInput>;
export type CommentAnchor = z.infer<typeof ZCommentAnchor>;
export type RecycleBin = z.infer<typeof ZRecycleBin>;
export type DocumentTemplate = z.infer<typeof ZDocumentTemplate>;
export type TemplateField = DocumentTemplate['fields'][number];
export type GenerateInput = z.input<typeof ZGenerateDocument>;
type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

const query = (q: Record<string, string | number | null | undefined>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  return params.toString();
};
const d = (id: string) => `/documents/${encodeURIComponent(id)}`;
/** Where a document lives: a case's or a client's document space. */
export type DocumentOwner = { kind: 'cases' | 'clients'; id: string };
const owner = (o: DocumentOwner) => `/${o.kind}/${encodeURIComponent(o.id)}`;

export const documentsApi = {
  categories: () => api<{ items: DocumentCategory[] }>('GET', '/document-categories'),
  folders: (caseId: string) => api<{ items: DocumentFolder[] }>('GET', `/cases/${encodeURIComponent(caseId)}/document-folders`),
  createFolder: (caseId: string, body: { name: string; category?: string | null }) =>
    api<DocumentFolder>('POST', `/cases/${encodeURIComponent(caseId)}/document-folders`, body),
  renameFolder: (caseId: string, folderId: string, name: string) =>
    api<DocumentFolder>('PATCH', `/cases/${encodeURIComponent(caseId)}/document-folders/${folderId}`, { name }),
  removeFolder: (caseId: string, folderId: string) =>
    api<void>('DELETE', `/cases/${encodeURIComponent(caseId)}/document-folders/${folderId}`),
  list: (o: DocumentOwner, q: { page: number; pageSize: number; folderId?: string | null; category?: string | null }) =>
    api<Page<DocumentRow>>('GET', `${owner(o)}/documents?${query(q)}`),
  uploadPath: (o: DocumentOwner) => `${owner(o)}/documents`,
  get: (id: string) => api<DocumentDetail>('GET', d(id)),
  patch: (id: string, body: DocumentPatch) => api<DocumentRow>('PATCH', d(id), body),
  remove: (id: string) => api<void>('DELETE', d(id)),
  undelete: (id: string) => api<DocumentRow>('POST', `${d(id)}/undelete`),
  versionPath: (id: string) => `${d(id)}/versions`,
  restore: (id: string, version: number) => api<DocumentRow>('POST', `${d(id)}/versions/${version}/restore`),
  /** The bytes, session-checked (inline unless `download`); pdf.js reads it with range requests. */
  contentUrl: (id: string, version?: number, download = false) =>
    `/api/v1${d(id)}/content${version || download ? `?${query({ version, download: download ? 1 : undefined })}` : ''}`,
  comments: (id: string) => api<{ items: DocumentComment[] }>('GET', `${d(id)}/comments`),
  comment: (id: string, body: CommentInput) => api<DocumentComment>('POST', `${d(id)}/comments`, body),
  resolve: (id: string, commentId: string, resolved: boolean) =>
    api<DocumentComment>('POST', `${d(id)}/comments/${commentId}/${resolved ? 'resolve' : 'reopen'}`),
  search: (q: DocumentSearchQuery) =>
    api<z.infer<typeof ZDocumentSearch>>('GET', `/documents?${query(q as Record<string, string | number>)}`),
  recycleBin: (page = 1, pageSize = 50) => api<RecycleBin>('GET', `/recycle-bin/documents?${query({ page, pageSize })}`),
  purge: () => api<z.infer<typeof ZPurgeAnswer>>('DELETE', '/recycle-bin/documents'),
  templates: () => api<{ items: DocumentTemplate[] }>('GET', '/document-templates'),
  /** A .docx filled from the case and the form, filed under 法律文书 (the client adds the Idempotency-Key). */
  generate: (caseId: string, body: GenerateInput) =>
    api<DocumentRow>('POST', `/cases/${encodeURIComponent(caseId)}/documents/generate`, body),
};

/** One file's upload: a promise of the server's answer, and a way to stop it. */
export interface Upload<T> {
  done: Promise<T>;
  abort: () => void;
}

/**
 * Sends one file as multipart with XMLHttpRequest (fetch cannot report upload progress). The text
 * fields go first: the server streams the `file` part to storage and must know the category and
 * folder before its bytes arrive. A refusal is an ApiError carrying the problem (its code says
 * too large, refused type or empty file); an abort rejects with code `aborted`.
 */
export function uploadFile<T>(
  path: string,
  file: File,
  fields: Record<string, string | null | undefined>,
  onProgress: (fraction: number) => void,
): Upload<T> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) if (v) form.append(k, v);
    form.append('file', file, file.name);
    xhr.open('POST', `/api/v1${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Idempotency-Key', newRequestKey());
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, 'network'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted'));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const problem = data as Problem | undefined;
      reject(new ApiError(xhr.status, problem?.code ?? 'unknown', problem));
    };
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

/** Several files, one request each (each has its own progress and its own Idempotency-Key). */
export function uploadFiles<T>(
  path: string,
  files: File[],
  fields: Record<string, string | null | undefined>,
  onProgress: (index: number, fraction: number) => void,
): Upload<T>[] {
  return files.map((f, i) => uploadFile<T>(path, f, fields, (p) => onProgress(i, p)));
}
