import type { z } from 'zod';
import type { ZDocumentCategory, ZDocumentTemplate, ZTemplateCheck } from '../../../api/contracts/documents';
import { api } from './client';

export type Category = z.infer<typeof ZDocumentCategory>;
export type DocumentTemplate = z.infer<typeof ZDocumentTemplate>;
export type TemplateCheck = z.infer<typeof ZTemplateCheck>;

/** Admin: the document category list and the firm's .docx templates (uploads go through uploadFile). */
export const documentAdminApi = {
  categories: () => api<{ items: Category[] }>('GET', '/document-categories'),
  addCategory: (body: { key: string; nameZh: string; nameEn: string; financeVisible: boolean }) =>
    api<Category>('POST', '/document-categories', body),
  changeCategory: (key: string, body: Partial<Omit<Category, 'key'>>) => api<Category>('PATCH', `/document-categories/${key}`, body),
  templates: () => api<{ items: DocumentTemplate[] }>('GET', '/document-templates'),
  archiveTemplate: (key: string) => api<void>('DELETE', `/document-templates/${key}`),
  sampleUrl: (key: string) => `/api/v1/document-templates/${key}/sample`,
};
