import { z } from 'zod';
import { SUBJECT_ROLES } from '../../domain/conflicts';
import { RECORD_ROLES } from '../../domain/records';
import { CLIENT_SOURCES, COMMUNICATION_KINDS } from '../../domain/records';
import { nonEmptyPatch, ZPage, ZPageQuery, ZTimestamp, ZUuid } from './common';
import { ZCaseListItem } from './directory';

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const ZClientInput = z.object({
  kind: z.enum(['person', 'organisation']),
  name: z.string().trim().min(1).max(200),
  idNumber: optionalText(40).describe('居民身份证号 or 统一社会信用代码'),
  phone: optionalText(40),
  email: z
    .email()
    .max(200)
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  address: optionalText(300),
  source: z.enum(CLIENT_SOURCES).nullable().optional(),
  notes: optionalText(4000),
  tags: z.array(z.string().trim().min(1).max(30)).max(20).optional(),
});
export const ZClientPatch = nonEmptyPatch(ZClientInput.partial());

export const ZClient = z
  .object({
    id: ZUuid,
    kind: z.enum(['person', 'organisation']),
    name: z.string(),
    idNumber: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    address: z.string().nullable(),
    source: z.string().nullable(),
    notes: z.string().nullable(),
    tags: z.array(z.string()),
    createdAt: ZTimestamp,
    updatedAt: ZTimestamp,
  })
  .meta({ id: 'Client' });

/** The answer of a reveal: the full number (null if the record has none). */
export const ZRevealedIdNumber = z.object({ idNumber: z.string().nullable() }).meta({ id: 'RevealedIdNumber' });

export const ZClientListQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional(),
  tag: z.string().trim().max(30).optional(),
  kind: z.enum(['person', 'organisation']).optional(),
});
export const ZClientList = ZPage(ZClient.extend({ openCases: z.number().int(), totalCases: z.number().int() }));

export const ZContactInput = z.object({
  name: z.string().trim().min(1).max(100),
  title: optionalText(100),
  phone: optionalText(40),
  email: z
    .email()
    .max(200)
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  wechat: optionalText(60),
  isPrimary: z.boolean().optional(),
});
export const ZContactPatch = nonEmptyPatch(ZContactInput.partial());
export const ZContact = z.object({
  id: ZUuid,
  clientId: ZUuid,
  name: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  wechat: z.string().nullable(),
  isPrimary: z.boolean(),
});
export const ZContacts = z.object({ items: z.array(ZContact) });

export const ZCommunicationInput = z.object({
  caseId: ZUuid.nullable().optional(),
  kind: z.enum(COMMUNICATION_KINDS),
  occurredAt: ZTimestamp,
  participants: optionalText(300),
  summary: z.string().trim().min(1).max(4000),
});
export const ZCommunication = z.object({
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
});
export const ZCommunicationList = ZPage(ZCommunication);

export const ZTimelineItem = z.object({
  at: ZTimestamp,
  kind: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  actorName: z.string().nullable(),
  caseId: ZUuid.nullable(),
  caseNumber: z.string().nullable(),
  /** The English name of a stage or template task, where the template has one. */
  titleEn: z.string().nullable(),
});
export const ZTimeline = ZPage(ZTimelineItem);

const ZClientCase = ZCaseListItem.pick({
  id: true,
  number: true,
  title: true,
  practiceArea: true,
  caseType: true,
  status: true,
  currentStageName: true,
  leadLawyerName: true,
  openedOn: true,
  closedAt: true,
}).extend({ outcome: z.string().nullable() });

/** Money in integer fen. Zero until billing exists; read from the same tables billing will write. */
export const ZClientFees = z.object({
  billedFen: z.number().int(),
  paidFen: z.number().int(),
  outstandingFen: z.number().int(),
  pendingBillingEvents: z.number().int(),
});

export const ZClientProfile = z
  .object({
    client: ZClient,
    contacts: z.array(ZContact),
    openCases: z.array(ZClientCase),
    closedCases: z.array(ZClientCase),
    fees: ZClientFees,
  })
  .meta({ id: 'ClientProfile' });

// Conflict checks ///////////////////////////////////////////////////////////////////////////////

export const ZConflictSubject = z.object({
  name: z.string().trim().min(1).max(200),
  idNumber: optionalText(40),
  role: z.enum(SUBJECT_ROLES),
});
export const ZRunConflictCheck = z.object({
  subjects: z.array(ZConflictSubject).min(1).max(30),
  caseId: ZUuid.optional().describe('A check for an existing case (e.g. a party added later): that case is left out'),
});
/** Whom to ask about a hit: the lead lawyer of that matter, or (no matter, or no active lead) a partner. */
export const ZConflictContact = z.object({ userId: ZUuid, name: z.string(), as: z.enum(['lead', 'partner']) });
export const ZConflictHit = z.object({
  subject: z.string().describe('The name as the checker typed it'),
  subjectRole: z.enum(SUBJECT_ROLES),
  withheld: z
    .boolean()
    .describe(
      'The record is of a matter (or client) the caller may not see: only that it exists, how it relates and whom to ask; matchedName, client and case fields are null',
    ),
  inMatter: z.boolean().describe('A party of a matter of the firm (else a client record or a client contact)'),
  ask: z.array(ZConflictContact),
  matchedName: z.string().nullable(),
  recordRole: z.enum(RECORD_ROLES),
  viaRepresentative: z.boolean(),
  match: z.enum(['id', 'exact', 'contains', 'similar']),
  score: z.number(),
  severity: z.enum(['conflict', 'review', 'info']),
  clientId: ZUuid.nullable(),
  clientName: z.string().nullable(),
  caseId: ZUuid.nullable(),
  caseNumber: z.string().nullable(),
  caseTitle: z.string().nullable(),
  caseStatus: z.string().nullable(),
  leadLawyerName: z.string().nullable(),
});
export const ZConflictCheck = z
  .object({
    id: ZUuid,
    subjects: z.array(z.object({ name: z.string(), idNumber: z.string().nullable().optional(), role: z.enum(SUBJECT_ROLES) })),
    hits: z.array(ZConflictHit),
    hitCount: z.number().int(),
    result: z.enum(['clear', 'review', 'conflict']),
    runBy: ZUuid,
    runByName: z.string().nullable(),
    runAt: ZTimestamp,
    caseId: ZUuid.nullable(),
    decision: z.enum(['proceed', 'waived', 'declined']).nullable(),
    decisionNote: z.string().nullable(),
    decidedBy: ZUuid.nullable(),
    decidedByName: z.string().nullable(),
    decidedAt: ZTimestamp.nullable(),
  })
  .meta({ id: 'ConflictCheck' });
export const ZConflictDecision = z.object({
  decision: z.enum(['proceed', 'waived', 'declined']),
  note: z.string().trim().max(2000).optional(),
});
export const ZConflictCheckList = ZPage(ZConflictCheck);
