import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { searchCases } from '../../db/repositories/case-list';
import { stageNames } from '../../db/repositories/case-search';
import { deleteSavedSearch, listSavedSearches, saveSearch } from '../../db/repositories/saved-searches';
import { deleteTag, insertTag, listTags, updateTag } from '../../db/repositories/tags';
import { listScope, viewerOf } from '../../domain/policy';
import { AppError } from '../app-error';
import { ZIdParams } from '../contracts/common';
import {
  ZCaseList,
  ZCaseListQuery,
  ZSavedSearch,
  ZSavedSearchInput,
  ZSavedSearches,
  ZStageNames,
  ZTag,
  ZTagInput,
  ZTagPatch,
  ZTags,
} from '../contracts/directory';
import { pageAnswer, pageWindow, type RouteRegistry } from '../routing';
import { listForViewer } from './case-view';

const ZId = ZIdParams;

/** The case list and its search, saved searches, and the tag vocabularies. */
export function caseListRoutes(registry: RouteRegistry, deps: { db: Db }): Router {
  const router = Router();
  const { db } = deps;
  registry.add(
    router,
    {
      method: 'get',
      path: '/cases',
      tag: 'cases',
      summary: 'Cases the user may see: combinable filters, full-text search (Chinese and English) with highlights, sorting, paging',
      action: 'case.list',
      query: ZCaseListQuery,
      response: ZCaseList,
      rateLimit: { class: 'expensive', when: (req) => typeof req.query.q === 'string' && req.query.q.trim() !== '' },
    },
    async ({ query, user }) => {
      const { page, pageSize, sort, order, ...filters } = query;
      const found = await searchCases(db, listScope(viewerOf(user!), 'case.list'), filters, {
        sort,
        order,
        ...pageWindow({ page, pageSize }),
      });
      return listForViewer(user!, pageAnswer(query, found));
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/case-stages',
      tag: 'cases',
      summary: 'Stage names cases are in (for the stage filter)',
      action: 'case.list',
      response: ZStageNames,
    },
    async () => ({ items: await stageNames(db) }),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/saved-searches',
      tag: 'cases',
      summary: "The user's saved case searches",
      action: 'savedSearch.manage',
      response: ZSavedSearches,
    },
    async ({ user }) => ({ items: (await listSavedSearches(db, user!.id)) as Array<z.infer<typeof ZSavedSearch>> }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/saved-searches',
      tag: 'cases',
      summary: 'Save the current filters under a name (same name replaces)',
      action: 'savedSearch.manage',
      body: ZSavedSearchInput,
      response: ZSavedSearch,
      status: 201,
      auditEntity: 'savedSearch',
    },
    async ({ body, user, audit }) => {
      const s = await saveSearch(db, user!.id, body.name, body.query);
      audit({ entityId: s.id, details: { name: body.name } });
      return s as z.infer<typeof ZSavedSearch>;
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/saved-searches/:id',
      tag: 'cases',
      summary: 'Delete one of your saved searches',
      action: 'savedSearch.manage',
      params: ZId,
      errors: ['not-found'],
      auditEntity: 'savedSearch',
    },
    async ({ params, user, audit }) => {
      if (!(await deleteSavedSearch(db, user!.id, params.id))) throw new AppError('not-found', 'no such saved search');
      audit({ entityId: params.id });
    },
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/tags',
      tag: 'tags',
      summary: 'Tags and categories with how many cases use each',
      action: 'tag.read',
      query: z.object({ vocabulary: z.enum(['tag', 'category']).optional() }),
      response: ZTags,
    },
    async ({ query }) => ({ items: await listTags(db, query.vocabulary) }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/tags',
      tag: 'tags',
      summary: 'Add a tag or category (administrators manage the vocabularies)',
      action: 'tag.edit',
      body: ZTagInput,
      response: ZTag,
      status: 201,
      errors: ['conflict'],
    },
    async ({ body, audit }) => {
      const t = await insertTag(db, body);
      if (!t) throw new AppError('conflict', 'that name is already in the vocabulary');
      audit({ entityId: t.id, details: { vocabulary: t.vocabulary, name: t.name } });
      return t;
    },
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/tags/:id',
      tag: 'tags',
      summary: 'Rename or recolour a tag',
      action: 'tag.edit',
      params: ZId,
      body: ZTagPatch,
      response: ZTag,
      errors: ['not-found', 'conflict'],
    },
    async ({ params, body, audit }) => {
      const t = await updateTag(db, params.id, body);
      if (!t) throw new AppError('not-found', 'no such tag');
      audit({ entityId: t.id, details: body });
      return t;
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/tags/:id',
      tag: 'tags',
      summary: 'Remove a tag from the vocabulary and from every case',
      action: 'tag.edit',
      params: ZId,
      errors: ['not-found'],
    },
    async ({ params, audit }) => {
      if (!(await deleteTag(db, params.id))) throw new AppError('not-found', 'no such tag');
      audit({ entityId: params.id });
    },
  );

  return router;
}
