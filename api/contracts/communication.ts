import { z } from 'zod';
import { COMMUNICATION_KINDS } from '../../domain/records';
import { ZPage, ZPageQuery, ZTimestamp, ZUuid } from './common';

/** Secure messages, document requests and client uploads, and the communication log (issue 17). */

const ZDate = z.iso.date();
const ZDocumentIds = z.array(ZUuid).max(20).default([]);

export const MESSAGE_MAX_CHARS = 10_000;

export const ZMessageInput = z.object({
  body: z.string().trim().min(1).max(MESSAGE_MAX_CHARS),
  documentIds: ZDocumentIds.describe(
    'Documents of the case to attach (staff: attaching shares them with the client; portal: files the client uploaded)',
  ),
});
export const ZMessageAttachment = z.object({ id: ZUuid, name: z.string(), mime: z.string(), size: z.number().int() });
export const ZMessage = z.object({
  id: ZUuid,
  caseId: ZUuid,
  author: z.object({ id: ZUuid, name: z.string() }),
  fromClient: z.boolean(),
  body: z.string(),
  createdAt: ZTimestamp,
  attachments: z.array(ZMessageAttachment),
  readByClientAt: ZTimestamp.nullable(),
  readByTeamAt: ZTimestamp.nullable(),
});
export const ZMessageList = ZPage(ZMessage).extend({ unread: z.number().int() });
export const ZMessageFiles = z.object({ documentIds: z.array(ZUuid) });
export const ZReadAnswer = z.object({ marked: z.number().int() });

const ZItem = z.string().trim().min(1).max(200);
export const ZDocumentRequestInput = z.object({
  title: z.string().trim().min(1).max(200),
  items: z.array(ZItem).min(1).max(30),
  note: z.string().trim().max(2000).nullable().optional(),
  dueOn: ZDate,
});
export const REVIEW_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export const ZRequestUpload = z.object({
  id: ZUuid,
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  reviewStatus: z.enum(REVIEW_STATUSES).nullable(),
  reviewNote: z.string().nullable(),
  reviewedAt: ZTimestamp.nullable(),
  uploadedAt: ZTimestamp,
  uploadedBy: z.object({ id: ZUuid, name: z.string() }),
});
export const ZDocumentRequest = z.object({
  id: ZUuid,
  caseId: ZUuid,
  title: z.string(),
  items: z.array(z.string()),
  note: z.string().nullable(),
  dueOn: ZDate,
  status: z.enum(['open', 'fulfilled', 'cancelled']),
  requestedBy: z.object({ id: ZUuid, name: z.string() }),
  createdAt: ZTimestamp,
  fulfilledAt: ZTimestamp.nullable(),
  lastRemindedOn: ZDate.nullable(),
  uploads: z.array(ZRequestUpload),
});
export const ZDocumentRequestList = z.object({
  items: z.array(ZDocumentRequest),
  /** Client uploads of the case awaiting acceptance (staff only; empty on the portal). */
  pending: z.array(ZRequestUpload.extend({ requestId: ZUuid.nullable() })),
});
export const ZReviewInput = z.object({ note: z.string().trim().max(1000).nullable().optional() });
export const ZRejectInput = z.object({ note: z.string().trim().min(1).max(1000) });
export const ZReviewAnswer = z.object({
  id: ZUuid,
  reviewStatus: z.enum(REVIEW_STATUSES),
  requestStatus: z.enum(['open', 'fulfilled', 'cancelled']).nullable(),
});
export const ZPortalUploadAnswer = z.object({ request: ZDocumentRequest });

/** Kinds a person logs by hand; `portal` entries are written by the messages themselves. */
export const LOGGED_KINDS = COMMUNICATION_KINDS.filter((k) => k !== 'portal') as [
  Exclude<(typeof COMMUNICATION_KINDS)[number], 'portal'>,
  ...Array<Exclude<(typeof COMMUNICATION_KINDS)[number], 'portal'>>,
];

export const ZCommunicationEntryInput = z.object({
  caseId: ZUuid.nullable().optional(),
  kind: z.enum(LOGGED_KINDS),
  occurredAt: ZTimestamp,
  participants: z.string().trim().max(300).nullable().optional(),
  summary: z.string().trim().min(1).max(4000),
  durationMinutes: z.number().int().min(1).max(1440).nullable().optional(),
  documentIds: ZDocumentIds.describe('Documents of the case (or the client) the record refers to'),
  followUp: z
    .object({ title: z.string().trim().min(1).max(200), dueOn: ZDate.optional(), assigneeId: ZUuid.optional() })
    .optional()
    .describe('A manual task on the case (needs caseId)'),
  toTimeEntry: z
    .boolean()
    .default(false)
    .describe('Record the duration as a time entry of yours on the case (needs caseId and durationMinutes)'),
});
export const ZCommunicationEntry = z.object({
  id: ZUuid,
  clientId: ZUuid,
  caseId: ZUuid.nullable(),
  caseNumber: z.string().nullable(),
  kind: z.enum(COMMUNICATION_KINDS),
  occurredAt: ZTimestamp,
  participants: z.string().nullable(),
  summary: z.string(),
  createdBy: ZUuid,
  createdByName: z.string().nullable(),
  createdAt: ZTimestamp,
  durationMinutes: z.number().int().nullable(),
  caseMessageId: ZUuid.nullable(),
  followUpTaskId: ZUuid.nullable(),
  timeEntryId: ZUuid.nullable(),
  documents: z.array(z.object({ id: ZUuid, name: z.string() })),
});
export const ZCommunicationEntryList = ZPage(ZCommunicationEntry);
export const ZCommunicationQuery = ZPageQuery.extend({
  kind: z.enum(COMMUNICATION_KINDS).optional(),
  caseId: ZUuid.optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  q: z.string().trim().max(200).optional().describe('Chinese full text over the summary and participants'),
});
export const ZCaseCommunicationQuery = ZCommunicationQuery.omit({ caseId: true });
