import { z } from 'zod';
import { PRACTICE_AREAS } from '../../process-templates/model/schema';
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
});

export const ZTemplateList = z.object({ items: z.array(ZTemplateSummary) });

export const ZVersionSummary = z.object({
  id: ZUuid,
  version: z.number().int(),
  changeNote: z.string().nullable(),
  publishedAt: ZTimestamp,
  publishedBy: ZUuid.nullable(),
});

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
