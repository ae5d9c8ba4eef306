import { z } from 'zod';
import { ZTimestamp, ZUuid } from './common';

/**
 * The client portal's answers: only what a client of the firm may see of their own cases — progress
 * as the workflow has it (client-facing stage names), hearings and shared deadlines, the team's
 * names, shared documents and sent invoices. No notes, tasks, parties or internal documents.
 */
const ZCivilDate = z.iso.date();

export const ZPortalStage = z
  .object({
    id: z.string(),
    label: z.string(),
    labelEn: z.string().optional(),
    description: z.string().optional(),
    descriptionEn: z.string().optional(),
    status: z.enum(['done', 'current', 'upcoming']),
    enteredOn: ZCivilDate.nullable(),
    leftOn: ZCivilDate.nullable(),
  })
  .meta({ id: 'PortalStage' });

export const ZPortalCurrentStage = ZPortalStage.omit({ status: true, leftOn: true }).meta({ id: 'PortalCurrentStage' });

export const ZPortalCaseSummary = z
  .object({
    id: ZUuid,
    number: z.string(),
    title: z.string(),
    clientName: z.string(),
    status: z.string().describe("'active' while the case runs, 'closed' once it is over"),
    openedOn: ZCivilDate,
    leadLawyer: z.object({ name: z.string() }),
    currentStage: ZPortalCurrentStage.nullable(),
    stages: z.array(ZPortalStage),
  })
  .meta({ id: 'PortalCaseSummary' });
export const ZPortalCases = z.object({ items: z.array(ZPortalCaseSummary) });

export const ZPortalEvent = z
  .object({
    id: ZUuid,
    kind: z.enum(['hearing', 'meeting', 'deadline', 'other']),
    title: z.string(),
    startsAt: ZTimestamp,
    endsAt: ZTimestamp,
    allDay: z.boolean(),
    location: z
      .string()
      .nullable()
      .describe("The courtroom or place as the lawyer recorded it; for a hearing without one, the case's court"),
  })
  .meta({ id: 'PortalEvent' });

export const ZPortalCase = ZPortalCaseSummary.extend({
  court: z.string().nullable(),
  hearings: z.array(ZPortalEvent).describe('Hearings of the case from today on'),
  deadlines: z.array(ZPortalEvent).describe('Deadlines and events the lawyer chose to show the client, from today on'),
  team: z.array(z.object({ name: z.string(), role: z.enum(['lead', 'lawyer', 'assistant', 'partner']) })),
}).meta({ id: 'PortalCase' });

export const ZPortalDocument = z
  .object({
    id: ZUuid,
    name: z.string(),
    category: z.string(),
    categoryName: z.string(),
    categoryNameEn: z.string(),
    size: z.number().int(),
    mime: z.string(),
    updatedAt: ZTimestamp,
  })
  .meta({ id: 'PortalDocument' });
export const ZPortalDocuments = z.object({ items: z.array(ZPortalDocument) });

export const ZPortalContentQuery = z.object({
  inline: z.enum(['', '0', '1']).optional().describe('Present (or 1): shown in the browser when it can be; otherwise a download'),
});

export const ZPortalInvoice = z
  .object({
    id: ZUuid,
    number: z.string(),
    kind: z.enum(['invoice', 'credit_note']),
    case: z.object({ id: ZUuid, number: z.string(), title: z.string() }),
    issuedOn: ZCivilDate,
    dueOn: ZCivilDate.nullable(),
    status: z.enum(['issued', 'partly_paid', 'paid']),
    totalFen: z.number().int(),
    paidFen: z.number().int(),
    dueFen: z.number().int().describe('Still owed (integer fen)'),
  })
  .meta({ id: 'PortalInvoice' });
export const ZPortalInvoices = z.object({ items: z.array(ZPortalInvoice) });
export const ZPortalInvoiceQuery = z.object({ caseId: ZUuid.optional() });

export type PortalStage = z.infer<typeof ZPortalStage>;
export type PortalCaseSummary = z.infer<typeof ZPortalCaseSummary>;
export type PortalCase = z.infer<typeof ZPortalCase>;
export type PortalEvent = z.infer<typeof ZPortalEvent>;
export type PortalDocument = z.infer<typeof ZPortalDocument>;
export type PortalInvoice = z.infer<typeof ZPortalInvoice>;
