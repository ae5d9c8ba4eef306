import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import {
  ZCreateTemplate,
  ZDiff,
  ZHeatmap,
  ZMatch,
  ZMatching,
  ZMigrateCases,
  ZMigrationProgress,
  ZMigrationStarted,
  ZMigrationPreview,
  ZSimulate,
  ZSimulation,
  ZMatchQuery,
  ZPublish,
  ZPublished,
  ZTemplateDetail,
  ZTemplateKey,
  ZTemplateList,
  ZValidation,
  ZVersionDetail,
} from '../contracts/templates';
import { AppError } from '../app-error';
import { ZUuid } from '../contracts/common';
import type { RouteRegistry } from '../routing';
import { loadHolidayCalendar } from '../../db/repositories/holidays';
import type { Engine } from '../engine';
import { firmTimeZone } from '../firm';
import { heatmap } from './heatmap';
import { publishTemplate } from './publish';
import { simulate } from './simulation';
import {
  archive,
  createTemplate,
  migrationPreview,
  updateMatching,
  versionDiff,
  matchTemplate,
  saveTemplateDraft,
  templateDetail,
  templateList,
  templateVersion,
  validateXml,
} from './templates';

const ZKeyParams = z.object({ key: ZTemplateKey });

export function templateRoutes(registry: RouteRegistry, deps: { db: Db; temporal: Engine; config: { firmTimezone: string } }): Router {
  const router = Router();
  const { db } = deps;
  const tag = 'process-templates';

  registry.add(
    router,
    {
      method: 'get',
      path: '/process-templates',
      tag,
      summary: 'Templates with their latest published version',
      action: 'template.read',
      response: ZTemplateList,
    },
    async () => templateList(db),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/process-templates/validate',
      rateLimit: 'expensive',
      tag,
      summary: 'Compile BPMN XML without storing it: valid, or every error with its element id',
      action: 'template.read',
      body: z.string(),
      bodyType: 'application/xml',
      response: ZValidation,
      auditEntity: 'process-template',
    },
    async ({ body }) => validateXml(body),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/process-templates/match',
      tag,
      summary: 'The published template version that serves a practice area and case type',
      action: 'template.read',
      query: ZMatchQuery,
      response: ZMatch,
      errors: ['no-template'],
    },
    async ({ query }) => matchTemplate(db, query.practiceArea, query.caseType),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/process-templates',
      tag,
      summary: 'Create a template, blank or as a copy',
      action: 'template.draft',
      body: ZCreateTemplate,
      response: ZTemplateDetail,
      status: 201,
      errors: ['conflict'],
      auditEntity: 'process-template',
    },
    async ({ body, user, audit }) => {
      audit({ entityId: body.key });
      return createTemplate(db, body, user!.id);
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/process-templates/:key',
      tag,
      summary: 'A template: draft, latest XML, versions',
      action: 'template.read',
      params: ZKeyParams,
      response: ZTemplateDetail,
    },
    async ({ params }) => templateDetail(db, params.key),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/process-templates/:key/draft',
      tag,
      summary: 'Save the draft (kept even while it has errors); answers its validation',
      action: 'template.draft',
      params: ZKeyParams,
      body: z.string(),
      bodyType: 'application/xml',
      response: ZValidation,
      auditEntity: 'process-template',
    },
    async ({ params, body, user, audit }) => {
      audit({ entityId: params.key });
      return saveTemplateDraft(db, params.key, body, user!.id);
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/process-templates/:key/publish',
      tag,
      summary: 'Publish the draft as the next immutable version (refused while it has errors); answers which cases the template now serves',
      action: 'template.publish',
      params: ZKeyParams,
      body: ZPublish,
      response: ZPublished,
      status: 201,
      errors: ['template-invalid', 'conflict'],
      auditEntity: 'process-template',
    },
    async ({ params, body, user, audit }) => {
      audit({ entityId: params.key, details: { changeNote: body.changeNote ?? null } });
      const published = await publishTemplate(db, params.key, body, user!.id);
      audit({ details: { changeNote: body.changeNote ?? null, version: published.version, serves: published.serves } });
      return published;
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/process-templates/:key/versions/:version',
      tag,
      summary: 'One published version with its XML and compiled model',
      action: 'template.read',
      params: ZKeyParams.extend({ version: z.coerce.number().int().positive() }),
      response: ZVersionDetail,
    },
    async ({ params }) => templateVersion(db, params.key, params.version),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/process-templates/simulate',
      rateLimit: 'expensive',
      tag,
      summary: 'Run BPMN XML on paper from a start date: stages, tasks, due dates, reminders and escalations',
      action: 'template.read',
      body: ZSimulate,
      response: ZSimulation,
      auditEntity: 'process-template',
    },
    async ({ body }) => {
      const timeZone = await firmTimeZone(db, deps.config.firmTimezone);
      try {
        return await simulate(body, await loadHolidayCalendar(db), timeZone);
      } catch (err) {
        // The interpreter's step bound: a template that passes the compiler yet loops without waiting.
        if ((err as { type?: unknown }).type === 'TemplateLoop') throw new AppError('template-invalid', (err as Error).message);
        throw err;
      }
    },
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/process-templates/:key',
      tag,
      summary: 'Name and case-type matching; refused when another template already serves a combination',
      action: 'template.edit',
      params: ZKeyParams,
      body: ZMatching,
      response: ZTemplateDetail,
      errors: ['conflict'],
      auditEntity: 'process-template',
    },
    async ({ params, body, audit }) => {
      audit({ entityId: params.key, details: { practiceArea: body.practiceArea, caseTypes: body.caseTypes } });
      return updateMatching(db, params.key, body);
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/process-templates/:key/archive',
      tag,
      summary: 'Archive: no new cases match it; running cases go on',
      action: 'template.edit',
      params: ZKeyParams,
      auditEntity: 'process-template',
    },
    async ({ params, audit }) => {
      audit({ entityId: params.key });
      await archive(db, params.key);
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/process-templates/:key/diff',
      tag,
      summary: 'Elements added, removed and changed between two versions',
      action: 'template.read',
      params: ZKeyParams,
      query: z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() }),
      response: ZDiff,
    },
    async ({ params, query }) => versionDiff(db, params.key, query.from, query.to),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/process-templates/:key/heatmap',
      tag,
      summary: "Case heat map: per diagram node, the template's open cases there now and the median time they have spent there",
      action: 'template.heatmap',
      params: ZKeyParams,
      response: ZHeatmap,
    },
    async ({ params }) => heatmap(db, params.key),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/process-templates/:key/migration',
      tag,
      summary: 'Which running cases a migration to a version would move, and where they stand',
      action: 'template.migrate',
      params: ZKeyParams,
      query: z.object({ toVersion: z.coerce.number().int().positive() }),
      response: ZMigrationPreview,
    },
    async ({ params, query }) => migrationPreview(db, params.key, query.toVersion),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/process-templates/:key/migrate',
      tag,
      summary: 'Start moving running cases to a version: a run in the engine takes them one by one, each at the stage it is in',
      action: 'template.migrate',
      params: ZKeyParams,
      body: ZMigrateCases,
      response: ZMigrationStarted,
      status: 202,
      errors: ['service-unavailable'],
      auditEntity: 'process-template',
    },
    async ({ params, body, user, audit }) => {
      // Audited before anything can refuse it (no such version, the engine away: 503): the row names what was asked.
      const details = { toVersion: body.toVersion, cases: body.caseIds.length };
      audit({ entityId: params.key, details });
      const preview = await migrationPreview(db, params.key, body.toVersion);
      const caseIds = [...new Set(body.caseIds)];
      const eligible = caseIds.filter((id) => preview.items.some((i) => i.caseId === id));
      const refused = caseIds
        .filter((id) => !eligible.includes(id))
        .map((caseId) => ({ caseId, error: 'not a running case of another version of this template' }));
      const id = await deps.temporal.startCaseMigration({
        templateKey: params.key,
        toVersionId: preview.toVersionId,
        caseIds: eligible,
        refused,
        mapping: body.mapping,
        by: user!.id,
      });
      audit({ details: { ...details, migration: id } });
      return { id, total: caseIds.length };
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/process-templates/:key/migrations/:id',
      tag,
      summary: 'Progress of a migration run: how many cases are done, which moved, which failed and why',
      action: 'template.migrate',
      params: ZKeyParams.extend({ id: ZUuid }),
      response: ZMigrationProgress,
      errors: ['not-found', 'service-unavailable'],
    },
    async ({ params }) => {
      const p = await deps.temporal.caseMigration(params.id);
      if (p.templateKey !== params.key) throw new AppError('not-found', `no migration run ${params.id} of ${params.key}`);
      return { id: params.id, ...p };
    },
  );
  return router;
}
