import { Router } from 'express';
import type { Db } from '../../db/connection';
import type { BlobStorage } from '../../db/storage';
import { AppError } from '../app-error';
import { ZFirmSettings } from '../contracts/firm';
import type { RouteRegistry } from '../routing';
import { firmLogoBytes, LOGO_MAX_BYTES, readLogoBody, removeFirmLogo, replaceFirmLogo } from './firm-logo';
import { firmSettings } from './firm-settings';

/** The firm's logo: its letterhead on invoices and the app's drawer. Changing it is the firm settings' action. */
export function firmLogoRoutes(registry: RouteRegistry, deps: { db: Db; storage: BlobStorage; config: { firmTimezone: string } }): Router {
  const router = Router();
  const { db, storage } = deps;
  const tz = deps.config.firmTimezone;
  registry.add(
    router,
    {
      method: 'get',
      path: '/firm/logo',
      tag: 'firm',
      summary: "The firm's logo image (404 while it has none)",
      action: 'authenticated',
      status: 200,
      produces: ['image/png', 'image/jpeg'],
      errors: ['not-found'],
    },
    async ({ res }) => {
      const logo = await firmLogoBytes(db, storage);
      if (!logo) throw new AppError('not-found', 'the firm has no logo');
      res.setHeader('Content-Type', logo.mime);
      res.setHeader('Content-Length', String(logo.bytes.length));
      res.setHeader('ETag', `"${logo.sha256}"`);
      // The settings' URL names the image's content, so a browser may keep it; only signed-in users fetch it.
      res.setHeader('Cache-Control', 'private, max-age=86400');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.status(200).end(logo.bytes);
    },
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/firm/logo',
      tag: 'firm',
      summary: `Set the firm's logo: a PNG or JPEG image as the raw body, at most ${LOGO_MAX_BYTES / 1024} KiB (its type is read from its first bytes)`,
      action: 'firmSettings.edit',
      auditEntity: 'firm',
      rawBody: { types: ['image/png', 'image/jpeg'], description: 'The image file itself' },
      response: ZFirmSettings,
      errors: ['validation-error', 'unsupported-media-type', 'file-too-large'],
    },
    async ({ req, audit }) => {
      const logo = await replaceFirmLogo(db, storage, await readLogoBody(req, req.headers['content-length']));
      audit({ details: { mime: logo.mime, size: logo.size, sha256: logo.sha256 } });
      return firmSettings(db, tz);
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/firm/logo',
      tag: 'firm',
      summary: "Remove the firm's logo (none set: 204 all the same)",
      action: 'firmSettings.edit',
      auditEntity: 'firm',
    },
    async ({ audit }) => {
      const old = await removeFirmLogo(db);
      audit({ details: { removed: old ? old.sha256 : null } });
    },
  );
  return router;
}
