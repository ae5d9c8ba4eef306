/**
 * The documents domain: files of cases and clients (content-addressed in db/storage), versions,
 * folders and categories, comments, the recycle bin, search and templates. The only entrance for
 * the rest of the server.
 */
import { Router } from 'express';
import type { AppDeps } from '../app';
import type { RouteRegistry } from '../routing';
import { commentRoutes } from './comment-routes';
import { documentRoutes } from './document-routes';
import { folderRoutes } from './folder-routes';
import { templateRoutes } from './template-routes';

export { receiveClientFiles } from './client-upload';
export type { DocumentDeps } from './documents';
export { sendVersionContent } from './content';

export const DEFAULT_UPLOAD_MAX_BYTES = 200 * 1024 * 1024;

export function documentsRoutes(registry: RouteRegistry, deps: Pick<AppDeps, 'db' | 'storage' | 'config'>): Router {
  const docDeps = { db: deps.db, storage: deps.storage, uploadMaxBytes: deps.config.uploadMaxBytes ?? DEFAULT_UPLOAD_MAX_BYTES };
  const router = Router();
  router.use(folderRoutes(registry, docDeps));
  router.use(documentRoutes(registry, { ...docDeps, firmTimezone: deps.config.firmTimezone }));
  router.use(commentRoutes(registry, docDeps));
  router.use(templateRoutes(registry, { ...docDeps, firmTimezone: deps.config.firmTimezone }));
  return router;
}
