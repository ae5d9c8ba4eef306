import { withoutSecrets } from './middleware/secret-paths';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { Db } from '../db/connection';
import type { BlobStorage } from '../db/storage';
import { auditMiddleware } from './middleware/audit';
import { compressJson } from './middleware/compress';
import { serveUi } from './ui-assets';
import { apiNotFound, errorHandler } from './middleware/errors';
import { WindowLimiter } from './middleware/rate-limit';
import { sameOrigin } from './middleware/same-origin';
import { sessionMiddleware } from './middleware/session';
import { buildOpenApi } from './openapi';
import { RouteRegistry } from './routing';
import { idempotencyKeys } from './middleware/idempotency';
import { casesRoutes } from './cases';
import { clientsRoutes } from './clients';
import { dashboardDomainRoutes } from './dashboard';
import { billingDomainRoutes } from './billing';
import { documentsRoutes } from './documents';
import { firmWideRoutes } from './firm';
import { identityRoutes } from './identity';
import { notificationsRoutes } from './notifications';
import { portalDomainRoutes } from './portal';
import { tasksRoutes } from './tasks';
import { templatesRoutes } from './templates';
import type { Engine } from './engine';

export interface AppDeps {
  db: Db;
  temporal: Engine;
  /** Where document files live (db/storage: DATA_DIR/files or an S3 bucket). */
  storage: BlobStorage;
  logger: Logger;
  config: {
    mode: 'demo' | 'production';
    publicUrl: string;
    cookieSecure: boolean;
    sessionTtlHours: number;
    loginMaxFailures: number;
    loginLockMinutes: number;
    firmTimezone: string;
    /** Default 100. */
    loginAccountMaxPerHour?: number;
    /** Password checks at once; default 1. */
    loginConcurrency?: number;
    /** Per user and expensive route; default 60, 0 = no limit. */
    rateLimitExpensivePerMinute?: number;
    /** Express `trust proxy` (X-Forwarded-For believed only from these peers); default loopback. */
    trustProxy?: string[] | number;
    /** The largest file an upload takes; default 200 MiB (UPLOAD_MAX_BYTES). */
    uploadMaxBytes?: number;
    /** 32 bytes that seal stored secrets (TOTP): SECRETS_KEY, or DATA_DIR/secrets.key made once. */
    secretsKey: Buffer;
    /** br/gzip for JSON answers and the built UI (HTTP_COMPRESSION); default on. */
    compression?: boolean;
  };
  /** Folder of the built UI (index.html + assets); omitted: the API alone. */
  uiDir?: string;
  version?: string;
}

/** Builds the Express app from its dependencies; it never listens (server.ts and tests do). */
export function createApp(deps: AppDeps): Express {
  const { db, logger, config } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy ?? ['loopback']);

  app.use(
    pinoHttp({
      logger,
      genReqId: (_req, res) => {
        const id = randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Paths only (query strings can carry search terms with names in them), secrets in paths hidden.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: withoutSecrets(req.url.split('?')[0]),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (req, res, err) => (err || res.statusCode >= 500 ? 'error' : req.url === '/api/v1/health' ? 'debug' : 'info'),
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'font-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'upgrade-insecure-requests': config.cookieSecure ? [] : null,
        },
      },
      strictTransportSecurity: config.cookieSecure,
    }),
  );

  const registry = new RouteRegistry(
    { expensive: new WindowLimiter(config.rateLimitExpensivePerMinute ?? 60, 60_000) },
    idempotencyKeys(db),
  );
  const api = express.Router();
  // The audit row opens first, so requests the session, the body parsers or the same-origin
  // check refuse are on the record too; it is completed with the status when the answer is sent.
  api.use(auditMiddleware(db, logger));
  api.use(sessionMiddleware(db, config.sessionTtlHours));
  api.use(express.json({ limit: '1mb' }));
  api.use(express.text({ type: ['application/xml', 'text/xml'], limit: '2mb' }));
  api.use(sameOrigin(config.publicUrl));
  // One registrar per domain (each folder's index.ts); the order is the OpenAPI document's.
  api.use(firmWideRoutes(registry, deps));
  api.use(identityRoutes(registry, deps));
  api.use(templatesRoutes(registry, deps));
  api.use(casesRoutes(registry, deps));
  api.use(clientsRoutes(registry, deps));
  api.use(documentsRoutes(registry, deps));
  api.use(billingDomainRoutes(registry, deps));
  api.use(tasksRoutes(registry, deps));
  api.use(notificationsRoutes(registry, deps));
  api.use(portalDomainRoutes(registry, deps));
  api.use(dashboardDomainRoutes(registry, deps));
  api.use(apiNotFound);

  const openApi = buildOpenApi(registry.specs, { version: deps.version ?? '0.0.0' });
  // API answers are personal and current: no browser or proxy keeps them (the UI's assets are cached).
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  if (config.compression !== false) app.use('/api', compressJson());
  app.get('/api/docs', (_req, res) => res.json(openApi));
  app.use('/api/v1', api);
  app.use('/api', apiNotFound);
  if (deps.uiDir && fs.existsSync(path.join(deps.uiDir, 'index.html'))) serveUi(app, deps.uiDir, config.compression !== false);
  app.use(errorHandler(logger));
  return app;
}
