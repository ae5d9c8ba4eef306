import { z } from 'zod';
import { ZMigrationRun } from '../../domain/migration-run';
import { CASE_TYPE_PATTERN, PRACTICE_AREAS } from '../../process-templates/model/schema';
import { ZTimestamp, ZUuid } from './common';

export const ZCompileError = z.object({ elementId: z.string(), code: z.string(), message: z.string() });

export const ZValidation = z
  .object({
    valid: z.boolean(),
    errors: z.array(ZCompileError),
    model: z.record(z.string(), z.unknown()).optional().describe('The compiled template model, when valid'),
  })
  .meta({ id: 'TemplateValidation' });
export type Validation = z.infer<typeof ZValidation>;

export const ZTemplateKey = z.string().regex(/^[a-z0-9][a-z0-9-]{1,60}$/, 'lower-case letters, digits and dashes');

export const ZTemplateSummary = z.object({
  key: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  practiceArea: z.string().nullable(),
  caseTypes: z.array(z.string()),
  latestVersion: z.number().int().nullable(),
  latestVersionId: ZUuid.nullable(),
  hasDraft: z.boolean(),
  runningCases: z.number().int(),
  runningByVersion: z.array(z.object({ version: z.number().int(), count: z.number().int() })),
});

export const ZTemplateList = z.object({ items: z.array(ZTemplateSummary) });

export const ZVersionSummary = z.object({
  id: ZUuid,
  version: z.number().int(),
  changeNote: z.string().nullable(),
  publishedAt: ZTimestamp,
  publishedBy: ZUuid.nullable(),
});

/**
 * A version just published, with the cases the template serves from now on. The matching comes from
 * the model's `lexflow:practiceArea` / `lexflow:caseTypes` while the template serves nothing or still
 * serves what its previous version declared; matching set in the app (PATCH) stands.
 */
export const ZPublished = ZVersionSummary.extend({
  serves: z
    .object({ practiceArea: z.string(), caseTypes: z.array(z.string()) })
    .nullable()
    .describe(
      'The practice area and case types new cases are matched to this template by; null: it serves no new case ' +
        '(a case reaches it only by naming its key) until its matching is set (PATCH) or the model declares one nobody else serves',
    ),
  conflicts: z
    .array(z.object({ caseType: z.string(), key: z.string() }))
    .describe('Case types the model declares that another template already serves (key): not taken, that template keeps them'),
}).meta({ id: 'PublishedVersion' });

export const ZTemplateDetail = ZTemplateSummary.extend({
  draftXml: z.string().nullable(),
  latestXml: z.string().nullable(),
  versions: z.array(ZVersionSummary),
});

export const ZCreateTemplate = z.object({
  key: ZTemplateKey,
  name: z.string().trim().min(1).max(100),
  copyFrom: ZTemplateKey.optional().describe('Start from the latest published version of this template'),
});

export const ZPublish = z.object({ changeNote: z.string().trim().max(500).optional() });

export const ZMatchQuery = z.object({ practiceArea: z.enum(PRACTICE_AREAS), caseType: z.string().min(1).max(60) });

export const ZMatch = z.object({
  templateKey: z.string(),
  versionId: ZUuid,
  version: z.number().int(),
});

export const ZVersionDetail = ZVersionSummary.extend({ bpmnXml: z.string(), model: z.record(z.string(), z.unknown()) });

export const ZMatching = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  nameEn: z.string().trim().max(100).nullable().optional(),
  practiceArea: z.enum(PRACTICE_AREAS).nullable(),
  caseTypes: z.array(z.string().trim().regex(CASE_TYPE_PATTERN, 'lower-case words joined by _')).max(30),
});

export const ZDiff = z.object({
  from: z.number().int(),
  to: z.number().int(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.string()),
  toXml: z.string(),
});

export const ZMigrationPreview = z.object({
  toVersion: z.number().int(),
  toVersionId: ZUuid,
  items: z.array(
    z.object({
      caseId: ZUuid,
      number: z.string(),
      title: z.string(),
      fromVersion: z.number().int(),
      stageId: z.string().nullable(),
      stageName: z.string().nullable(),
      missing: z.array(z.string()).describe('Where the case stands that the target version lacks: these need a mapping'),
    }),
  ),
});

export const ZMigrateCases = z.object({
  toVersion: z.number().int().positive(),
  caseIds: z.array(ZUuid).min(1).max(500),
  mapping: z.record(z.string(), z.string()).default({}),
});

/** A bulk migration started: it runs in the engine (migrateCasesWorkflow); its progress is read by id. */
export const ZMigrationStarted = z.object({ id: ZUuid, total: z.number().int() }).meta({ id: 'MigrationStarted' });

/** The run's own progress (domain/migration-run.ts), named by the run's id instead of its template (which is in the path). */
export const ZMigrationProgress = ZMigrationRun.omit({ templateKey: true }).extend({ id: ZUuid }).meta({ id: 'MigrationProgress' });

export const ZSimulate = z.object({
  xml: z.string().min(1).max(2_000_000),
  startDate: z.iso.date(),
  answers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  eventDays: z.record(z.string(), z.number().int().min(0).max(3650)).default({}),
});

export const ZSimulation = z.object({
  valid: z.boolean(),
  errors: z.array(ZCompileError),
  questions: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      options: z.array(z.string()).optional(),
      /** The question by the label of the output or decision that reads it ("是否上诉？"), in each language. */
      label: z.string(),
      labelEn: z.string(),
    }),
  ),
  timeline: z.array(
    z.object({
      at: ZTimestamp,
      kind: z.string(),
      node: z.string(),
      name: z.string(),
      nameEn: z.string().optional(),
      due: z
        .object({
          date: z.string(),
          unadjusted: z.string(),
          rolledOver: z.boolean(),
          provisional: z.boolean(),
          basis: z.string().optional(),
          escalatesAt: ZTimestamp.optional(),
          /** The task's duration rule (ISO-8601 + calendar), for the UI to say "10 个工作日". */
          duration: z.string().optional(),
          calendar: z.enum(['calendar', 'workdays']).optional(),
        })
        .optional(),
      detail: z.string().optional(),
      /** A billing event's amount (integer fen), formatted by the UI in the reader's locale. */
      amountFen: z.number().int().optional(),
    }),
  ),
  finished: z.boolean(),
  stuckAt: z.array(z.string()).optional(),
});

/** Where the template's cases stand, per diagram node: open cases there now and how long they have been there. */
export const ZHeatmap = z
  .object({
    at: ZTimestamp.describe('The instant open visits are measured to'),
    totalOpenCases: z.number().int().describe('Cases of the template (any version) that are not closed'),
    nodes: z.array(
      z.object({
        nodeId: z.string(),
        kind: z.enum(['stage', 'task']),
        openCases: z.number().int(),
        medianOpenMs: z.number().int().nullable().describe('Median time the open cases at the node have spent there so far'),
        medianDoneMs: z.number().int().nullable().describe('Median time of finished visits (all cases of the template)'),
        doneVisits: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'TemplateHeatmap' });
