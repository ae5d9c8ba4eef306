import { z } from 'zod';
import { ZPage, ZPageQuery, ZText, ZTimestamp, ZUuid, nonEmptyPatch } from './common';

/**
 * Documents: files of a case (or of a client: ID copies, business licence), each a line of
 * versions; categories (admin-managed), folders a lawyer makes, comments anchored to a page or a
 * paragraph, the recycle bin, full-text search and templates. Bytes never travel in JSON: uploads
 * are multipart (`file` parts, streamed to storage), content is `GET /documents/:id/content`.
 */

export const ZCategoryKey = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'a category key is 2 to 40 lower-case letters, digits or dashes');

export const ZDocumentCategory = z
  .object({
    key: ZCategoryKey,
    nameZh: z.string(),
    nameEn: z.string(),
    /** Finance may see documents of this category (invoices, contracts) on every case. */
    financeVisible: z.boolean(),
    sort: z.number().int(),
    archived: z.boolean(),
  })
  .meta({ id: 'DocumentCategory' });
export const ZDocumentCategories = z.object({ items: z.array(ZDocumentCategory) });
export const ZDocumentCategoryInput = z.object({
  key: ZCategoryKey,
  nameZh: ZText.trim().min(1).max(40),
  nameEn: ZText.trim().min(1).max(60),
  financeVisible: z.boolean().default(false),
  sort: z.number().int().min(0).max(10_000).default(100),
});
export const ZDocumentCategoryPatch = nonEmptyPatch(
  z.object({
    nameZh: ZText.trim().min(1).max(40).optional(),
    nameEn: ZText.trim().min(1).max(60).optional(),
    financeVisible: z.boolean().optional(),
    sort: z.number().int().min(0).max(10_000).optional(),
    archived: z.boolean().optional(),
  }),
);

export const ZDocumentFolder = z
  .object({
    id: ZUuid,
    caseId: ZUuid,
    name: z.string(),
    category: ZCategoryKey.nullable(),
    documents: z.number().int(),
    createdAt: ZTimestamp,
  })
  .meta({ id: 'DocumentFolder' });
export const ZDocumentFolders = z.object({ items: z.array(ZDocumentFolder) });
export const ZDocumentFolderInput = z.object({ name: ZText.trim().min(1).max(80), category: ZCategoryKey.nullable().default(null) });
export const ZDocumentFolderPatch = nonEmptyPatch(z.object({ name: ZText.trim().min(1).max(80).optional() }));

const ZPerson = z.object({ id: ZUuid, name: z.string() });

/** What text search knows of a version: extracted, none in it (a scan), not a kind it reads, failed, or not yet done. */
export const TEXT_STATUSES = ['pending', 'text', 'no-text', 'unsupported', 'failed'] as const;

export const ZDocumentVersion = z
  .object({
    number: z.number().int(),
    name: z.string().describe('The file name as uploaded (sanitised)'),
    mime: z.string().describe('Sniffed from the bytes, not taken from the name'),
    size: z.number().int(),
    sha256: z.string(),
    note: z.string().nullable(),
    uploadedBy: ZPerson,
    uploadedAt: ZTimestamp,
    /** This version is a restore of that earlier one (same bytes). */
    restoredFrom: z.number().int().nullable(),
    textStatus: z.enum(TEXT_STATUSES),
    pageCount: z.number().int().nullable(),
  })
  .meta({ id: 'DocumentVersion' });

export const ZDocument = z
  .object({
    id: ZUuid,
    caseId: ZUuid.nullable(),
    clientId: ZUuid.nullable(),
    folderId: ZUuid.nullable(),
    category: ZCategoryKey,
    name: z.string(),
    mime: z.string(),
    size: z.number().int(),
    version: z.number().int().describe('The current version number'),
    confidential: z.boolean().describe('Only the lead lawyer and partners see it'),
    clientVisible: z.boolean().describe('Shown to the client in the portal'),
    source: z.enum(['upload', 'generated', 'portal']),
    textStatus: z.enum(TEXT_STATUSES),
    createdBy: ZPerson,
    createdAt: ZTimestamp,
    updatedAt: ZTimestamp,
    deletedAt: ZTimestamp.nullable(),
    openComments: z.number().int(),
  })
  .meta({ id: 'Document' });
export type TDocument = z.infer<typeof ZDocument>;

export const ZDocumentDetail = ZDocument.extend({
  versions: z.array(ZDocumentVersion),
  caseNumber: z.string().nullable(),
  caseTitle: z.string().nullable(),
}).meta({
  id: 'DocumentDetail',
});

/** One created document of an upload, and the document already holding the same bytes, if any. */
export const ZUploadedDocument = ZDocument.extend({
  duplicateOf: z.object({ id: ZUuid, name: z.string(), caseId: ZUuid.nullable() }).nullable(),
});
export const ZUploadAnswer = z.object({ items: z.array(ZUploadedDocument) });

export const ZCaseDocumentsQuery = ZPageQuery.extend({
  folderId: ZUuid.optional(),
  category: ZCategoryKey.optional(),
});
export const ZDocumentList = ZPage(ZDocument);

export const ZDocumentPatch = nonEmptyPatch(
  z.object({
    name: ZText.trim().min(1).max(200).optional(),
    folderId: ZUuid.nullable().optional(),
    category: ZCategoryKey.optional(),
    confidential: z.boolean().optional(),
    clientVisible: z.boolean().optional(),
  }),
);

export const ZContentQuery = z.object({
  version: z.coerce.number().int().min(1).optional(),
  download: z.enum(['0', '1']).optional().describe('1: Content-Disposition attachment (default inline)'),
});

export const ZVersionParams = z.object({ id: ZUuid, number: z.coerce.number().int().min(1) });

/** Search over every document the viewer may see (the current version's text, names). */
export const ZDocumentSearchQuery = ZPageQuery.extend({
  q: ZText.trim().max(200).optional(),
  caseId: ZUuid.optional(),
  category: ZCategoryKey.optional(),
  type: z.enum(['pdf', 'word', 'image', 'text', 'other']).optional(),
  uploadedBy: ZUuid.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export const ZDocumentHit = ZDocument.extend({
  caseNumber: z.string().nullable(),
  caseTitle: z.string().nullable(),
  /** A passage around the first match (plain text; `highlights` are [start, end) offsets into it). */
  snippet: z.string().nullable(),
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
  /** PDF pages where the query's words occur (first 20). */
  pages: z.array(z.number().int()),
});
export const ZDocumentSearch = ZPage(ZDocumentHit).extend({
  /** The words are frequent: hits come newest first and `total` counts only the first 1000 ("1000+"). */
  totalIsLowerBound: z.boolean(),
});

export const ZCommentAnchor = z.union([
  z.object({ page: z.number().int().min(1).max(100_000), x: z.number().min(0).max(1).optional(), y: z.number().min(0).max(1).optional() }),
  z.object({ paragraph: z.number().int().min(0).max(1_000_000) }),
]);
export const ZDocumentComment = z
  .object({
    id: ZUuid,
    documentId: ZUuid,
    version: z.number().int(),
    parentId: ZUuid.nullable(),
    author: ZPerson,
    body: z.string(),
    anchor: ZCommentAnchor.nullable(),
    mentions: z.array(ZPerson),
    resolvedAt: ZTimestamp.nullable(),
    resolvedBy: ZPerson.nullable(),
    createdAt: ZTimestamp,
  })
  .meta({ id: 'DocumentComment' });
export const ZDocumentComments = z.object({ items: z.array(ZDocumentComment) });
export const ZDocumentCommentInput = z.object({
  body: ZText.trim().min(1).max(4000),
  /** Default: the current version. */
  version: z.number().int().min(1).optional(),
  anchor: ZCommentAnchor.optional(),
  /** Reply to a thread (its first comment). */
  parentId: ZUuid.optional(),
  /** Colleagues on the case team to notify (@mentions). */
  mentions: z.array(ZUuid).max(20).default([]),
});
export const ZCommentParams = z.object({ id: ZUuid, commentId: ZUuid });

export const ZRecycleBin = ZPage(ZDocument.extend({ caseNumber: z.string().nullable(), deletedBy: ZPerson.nullable() }));
export const ZPurgeAnswer = z.object({ purged: z.number().int(), freedBytes: z.number().int() });

export const ZTemplateFieldOut = z.object({
  key: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  type: z.enum(['text', 'textarea', 'date', 'money', 'select', 'list']),
  options: z.array(z.object({ value: z.string(), labelZh: z.string(), labelEn: z.string() })).optional(),
  required: z.boolean(),
});
export const ZDocumentTemplate = z
  .object({
    key: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    kind: z.string(),
    builtin: z.boolean(),
    fields: z.array(ZTemplateFieldOut),
  })
  .meta({ id: 'DocumentTemplate' });
export const ZDocumentTemplates = z.object({ items: z.array(ZDocumentTemplate) });
export const ZGenerateDocument = z.object({
  templateKey: z.string().min(1).max(80),
  /** The template's declared fields, filled by the lawyer (money in integer fen, dates YYYY-MM-DD, lists as arrays of text). */
  form: z
    .record(z.string().max(60), z.union([ZText.max(20_000), z.number().int(), z.array(ZText.max(2000)).max(100), z.null()]))
    .default({}),
});
export const ZTemplateCheck = z.object({
  placeholders: z.array(z.string()),
  loops: z.array(z.string()),
});

export const ZDocumentTemplateKey = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,59}$/, 'a template key is 2 to 60 lower-case letters, digits or dashes');
export const ZDocumentTemplateMeta = z.object({
  key: ZDocumentTemplateKey,
  nameZh: ZText.trim().min(1).max(60),
  nameEn: ZText.trim().min(1).max(80),
  kind: z.enum(['complaint', 'defence', 'agency-opinion', 'power-of-attorney', 'letter', 'other']).default('other'),
});
