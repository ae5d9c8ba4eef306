import { z } from 'zod';
import { PRACTICE_AREAS } from '../../process-templates/model/schema';
import { ZTimestamp, ZUuid } from './common';
import { ZHearing } from './calendar';

/**
 * The 工作台: tiles by what the viewer may do. Each tile's count is the total of the list it links
 * to, filtered by the windows below (the firm's dates): tasks `?scope=mine&status=overdue`,
 * `?scope=mine&status=open&dueFrom=today&dueTo=today`, deadlines `?scope=team&status=open&statutory=true&dueFrom=today&dueTo=deadlineTo`,
 * hearings `/calendar?scope=team&kind=hearing&from=hearingsFrom&to=hearingsTo`, cases `?status=active&stage=…`,
 * `?status=active&practiceArea=…`, `?status=active&idleDays=30`, overdue work `/tasks?scope=team&status=overdue&assigneeId=…`,
 * conflict checks `?awaiting=true`, receivables `/invoices?dueBy=today`.
 */
const ZTaskBrief = z.object({
  id: ZUuid,
  title: z.string(),
  titleEn: z.string().nullable(),
  caseId: ZUuid,
  caseNumber: z.string(),
  dueDate: z.iso.date().nullable(),
  dueAt: ZTimestamp.nullable(),
  dueBasis: z.string().nullable(),
});
const tile = <T extends z.ZodType>(item: T) => z.object({ count: z.number().int(), items: z.array(item) });

export const ZDashboard = z
  .object({
    timeZone: z.string(),
    windows: z.object({
      today: z.iso.date().describe("The firm's today, in its time zone"),
      deadlineTo: z.iso.date().describe('Deadlines: today to this day, inclusive'),
      hearingsFrom: ZTimestamp,
      hearingsTo: ZTimestamp,
      idleDays: z.number().int(),
    }),
    overdueTasks: tile(ZTaskBrief).nullable().describe('My open tasks past their due time'),
    tasksDueToday: tile(ZTaskBrief).nullable().describe('My open tasks due on the firm’s today'),
    deadlines: tile(ZTaskBrief)
      .nullable()
      .describe('Open tasks on my cases (partners: the firm’s) with a statutory due date in the window'),
    hearings: tile(
      z.object({
        id: z.string(),
        title: z.string(),
        titleEn: z.string().nullable(),
        caseId: ZUuid.nullable(),
        caseNumber: z.string().nullable(),
        startsAt: ZTimestamp,
        allDay: z.boolean(),
        court: z.string().nullable().describe("The hearing's court (else the case's)"),
        location: z.string().nullable().describe('Where: the courtroom, as the event says'),
        hearing: ZHearing.nullable().describe('Type, court, courtroom and judge, when the event gives them'),
      }),
    )
      .nullable()
      .describe('Hearings in the week from today on my cases (partners: the firm’s)'),
    firm: z
      .object({
        byStage: z.array(z.object({ stage: z.string(), count: z.number().int() })),
        byArea: z.array(z.object({ practiceArea: z.enum(PRACTICE_AREAS), count: z.number().int() })),
        overdueByPerson: z.array(z.object({ userId: ZUuid, name: z.string(), count: z.number().int() })),
        idleCases: tile(z.object({ id: ZUuid, number: z.string(), title: z.string(), leadLawyerName: z.string() })),
      })
      .nullable()
      .describe('Partners and administrators: the firm at a glance'),
    conflictChecks: tile(
      z.object({
        id: ZUuid,
        names: z.array(z.string()),
        result: z.enum(['review', 'conflict']),
        runAt: ZTimestamp,
        runByName: z.string().nullable(),
      }),
    )
      .nullable()
      .describe('Conflict checks with hits awaiting a partner’s decision'),
    receivables: tile(
      z.object({
        id: ZUuid,
        number: z.string().nullable(),
        clientName: z.string(),
        caseNumber: z.string(),
        dueOn: z.iso.date().nullable(),
        outstandingFen: z.number().int().describe('Still owed, in fen'),
      }),
    )
      .nullable()
      .describe('Finance: invoices still owed and due by today (the invoice list’s dueBy=today)'),
  })
  .meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof ZDashboard>;
