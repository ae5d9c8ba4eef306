import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import {
  caseFolders,
  deleteFolder,
  documentCategories,
  findCategory,
  findFolder,
  folderHasDocuments,
  insertCategory,
  insertFolder,
  renameFolder,
  updateCategory,
} from '../../db/repositories/document-folders';
import { ZIdParams, ZUuid } from '../contracts/common';
import {
  ZCategoryKey,
  ZDocumentCategories,
  ZDocumentCategory,
  ZDocumentCategoryInput,
  ZDocumentCategoryPatch,
  ZDocumentFolder,
  ZDocumentFolderInput,
  ZDocumentFolderPatch,
  ZDocumentFolders,
} from '../contracts/documents';
import { AppError } from '../app-error';
import { documentScope } from '../../domain/policy';
import type { RouteRegistry } from '../routing';
import { assertCaseAccess } from '../cases';

const ZFolderParams = ZIdParams.extend({ folderId: ZUuid });

/** Categories (admins keep the list) and the folders of a case's document space. */
export function folderRoutes(registry: RouteRegistry, deps: { db: Db }): Router {
  const router = Router();
  const { db } = deps;
  const tag = 'documents';

  registry.add(
    router,
    {
      method: 'get',
      path: '/document-categories',
      tag,
      summary: 'Document categories (证据材料, 法律文书 …), archived ones included',
      action: 'documentCategory.read',
      response: ZDocumentCategories,
    },
    async () => ({ items: await documentCategories(db) }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/document-categories',
      tag,
      summary: 'Add a document category',
      action: 'documentCategory.manage',
      body: ZDocumentCategoryInput,
      response: ZDocumentCategory,
      status: 201,
      errors: ['validation-error', 'conflict'],
      auditEntity: 'document-category',
    },
    async ({ body, audit }) => {
      const added = await db.transaction((trx) => insertCategory(trx, body));
      if (!added) throw new AppError('conflict', `a category ${body.key} exists`);
      audit({ entityId: body.key, details: body });
      return (await findCategory(db, body.key))!;
    },
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/document-categories/:key',
      tag,
      summary: 'Rename, reorder, archive a category, or let finance see it',
      action: 'documentCategory.manage',
      params: z.object({ key: ZCategoryKey }),
      body: ZDocumentCategoryPatch,
      response: ZDocumentCategory,
      errors: ['not-found', 'validation-error'],
      auditEntity: 'document-category',
    },
    async ({ params, body, audit }) => {
      const c = await db.transaction((trx) => updateCategory(trx, params.key, body));
      if (!c) throw new AppError('not-found', `no category ${params.key}`);
      audit({ entityId: params.key, details: body });
      return c;
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/cases/:id/document-folders',
      tag,
      summary: 'The folders of a case with how many documents each holds',
      action: 'document.read',
      params: ZIdParams,
      response: ZDocumentFolders,
      errors: ['not-found'],
    },
    async ({ params, user }) => {
      await assertCaseAccess(db, user!, params.id, 'document.read');
      return { items: await caseFolders(db, params.id, documentScope({ userId: user!.id, role: user!.role })) };
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/cases/:id/document-folders',
      tag,
      summary: 'Make a folder in a case (optionally inside a category)',
      action: 'documentFolder.edit',
      params: ZIdParams,
      body: ZDocumentFolderInput,
      response: ZDocumentFolder,
      status: 201,
      errors: ['not-found', 'validation-error', 'conflict'],
      auditEntity: 'document-folder',
    },
    async ({ params, body, user, audit }) => {
      await assertCaseAccess(db, user!, params.id, 'documentFolder.edit');
      if (body.category && !(await findCategory(db, body.category))) {
        throw new AppError('validation-error', 'Unknown category', {
          errors: [{ path: 'body.category', message: `no category ${body.category}` }],
        });
      }
      const id = await db.transaction((trx) =>
        insertFolder(trx, { caseId: params.id, name: body.name, category: body.category, createdBy: user!.id }),
      );
      if (!id) throw new AppError('conflict', `the case has a folder named ${body.name}`);
      audit({ entityId: id, details: { caseId: params.id, name: body.name } });
      return (await findFolder(db, params.id, id, documentScope({ userId: user!.id, role: user!.role })))!;
    },
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/cases/:id/document-folders/:folderId',
      tag,
      summary: 'Rename a folder',
      action: 'documentFolder.edit',
      params: ZFolderParams,
      body: ZDocumentFolderPatch,
      response: ZDocumentFolder,
      errors: ['not-found', 'validation-error'],
      auditEntity: 'document-folder',
    },
    async ({ params, body, user, audit }) => {
      await assertCaseAccess(db, user!, params.id, 'documentFolder.edit');
      if (!(await findFolder(db, params.id, params.folderId))) throw new AppError('not-found', 'no such folder');
      await db.transaction((trx) => renameFolder(trx, params.folderId, body.name!));
      audit({ entityId: params.folderId, details: { caseId: params.id, name: body.name } });
      return (await findFolder(db, params.id, params.folderId, documentScope({ userId: user!.id, role: user!.role })))!;
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/cases/:id/document-folders/:folderId',
      tag,
      summary: 'Delete an empty folder (409 while it holds documents, the recycle bin\u2019s included)',
      action: 'documentFolder.edit',
      params: ZFolderParams,
      errors: ['not-found', 'conflict'],
      auditEntity: 'document-folder',
    },
    async ({ params, user, audit }) => {
      await assertCaseAccess(db, user!, params.id, 'documentFolder.edit');
      if (!(await findFolder(db, params.id, params.folderId))) throw new AppError('not-found', 'no such folder');
      if (await folderHasDocuments(db, params.folderId)) throw new AppError('conflict', 'the folder holds documents: move them first');
      await db.transaction((trx) => deleteFolder(trx, params.folderId));
      audit({ entityId: params.folderId, details: { caseId: params.id } });
    },
  );
  return router;
}
