import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { STAFF_ROLES } from '../../domain/roles';
import {
  ZCreateTemplate,
  ZMatch,
  ZMatchQuery,
  ZPublish,
  ZTemplateDetail,
  ZTemplateKey,
  ZTemplateList,
  ZValidation,
  ZVersionDetail,
  ZVersionSummary,
} from '../contracts/templates';
import type { RouteRegistry } from '../routing';
import {
  createTemplate,
  matchTemplate,
  publishTemplate,
  saveTemplateDraft,
  templateDetail,
  templateList,
  templateVersion,
  validateXml,
} from '../services/templates-service';

const DESIGNERS = ['admin', 'partner'] as const;
const ZKeyParams = z.object({ key: ZTemplateKey });

export function templateRoutes(registry: RouteRegistry, deps: { db: Db }): Router {
  const router = Router();
  const { db } = deps;
  const tag = 'process-templates';

  registry.add(
    router,
    { method: 'get', path: '/process-templates', tag, summary: 'Templates with their latest published version', access: STAFF_ROLES, response: ZTemplateList },
    async () => templateList(db),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/process-templates/validate',
      tag,
      summary: 'Compile BPMN XML without storing it: valid, or every error with its element id',
      access: STAFF_ROLES,
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
      access: STAFF_ROLES,
      query: ZMatchQuery,
      response: ZMatch,
      errors: ['no-template'],
    },
    async ({ query }) => matchTemplate(db, query.practiceArea, query.caseType),
  );
  registry.add(
    router,
    { method: 'post', path: '/process-templates', tag, summary: 'Create a template, blank or as a copy', access: DESIGNERS, body: ZCreateTemplate, response: ZTemplateDetail, status: 201, errors: ['conflict'], auditEntity: 'process-template' },
    async ({ body, user, audit }) => {
      audit({ entityId: body.key });
      return createTemplate(db, body, user!.id);
    },
  );
  registry.add(
    router,
    { method: 'get', path: '/process-templates/:key', tag, summary: 'A template: draft, latest XML, versions', access: STAFF_ROLES, params: ZKeyParams, response: ZTemplateDetail },
    async ({ params }) => templateDetail(db, params.key),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/process-templates/:key/draft',
      tag,
      summary: 'Save the draft (kept even while it has errors); answers its validation',
      access: DESIGNERS,
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
      summary: 'Publish the draft as the next immutable version (refused while it has errors)',
      access: DESIGNERS,
      params: ZKeyParams,
      body: ZPublish,
      response: ZVersionSummary,
      status: 201,
      errors: ['template-invalid', 'conflict'],
      auditEntity: 'process-template',
    },
    async ({ params, body, user, audit }) => {
      audit({ entityId: params.key, details: { changeNote: body.changeNote ?? null } });
      return publishTemplate(db, params.key, body, user!.id);
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/process-templates/:key/versions/:version',
      tag,
      summary: 'One published version with its XML and compiled model',
      access: STAFF_ROLES,
      params: ZKeyParams.extend({ version: z.coerce.number().int().positive() }),
      response: ZVersionDetail,
    },
    async ({ params }) => templateVersion(db, params.key, params.version),
  );
  return router;
}
