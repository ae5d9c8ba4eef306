import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { isDataError, isDatabaseUnavailable } from '../../db/errors';
import { AppError, ERROR_CODES } from '../app-error';
import type { Problem } from '../contracts/common';

export function sendProblem(res: Response, err: AppError, instance: string): void {
  const body: Problem = {
    type: `/problems/${err.code}`,
    title: ERROR_CODES[err.code].title,
    status: err.status,
    code: err.code,
    instance,
  };
  if (err.message !== body.title) body.detail = err.message;
  if (err.details.errors) body.errors = err.details.errors;
  if (err.details.extensions) Object.assign(body, err.details.extensions);
  if (err.details.retryAfterSeconds) res.setHeader('Retry-After', String(err.details.retryAfterSeconds));
  res.status(err.status).type('application/problem+json').send(JSON.stringify(body));
}

/** Unknown /api routes answer 404 problem+json (the SPA fallback never sees them). */
export function apiNotFound(req: Request, _res: Response, next: NextFunction) {
  next(new AppError('not-found', `No route ${req.method} ${req.baseUrl}${req.path}`));
}

interface HttpParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  message?: string;
}

/** Errors Express and its parsers raise for the client's mistakes (http-errors: a 4xx `status`). */
function clientError(err: HttpParserError): AppError | null {
  const status = typeof err?.status === 'number' ? err.status : 0;
  if (status < 400 || status > 499) return null;
  if (err.type === 'entity.parse.failed') return new AppError('malformed-json', 'The request body is not valid JSON');
  if (status === 413) return new AppError('payload-too-large');
  if (status === 415 || err.type === 'encoding.unsupported' || err.type === 'charset.unsupported') {
    return new AppError('unsupported-media-type', 'Unsupported body encoding');
  }
  if (status === 404) return new AppError('not-found');
  if (status === 401 || status === 403) return new AppError(status === 401 ? 'unauthenticated' : 'forbidden');
  return new AppError('bad-request', err.expose && err.message ? err.message : undefined);
}

/** The single last error handler: problem+json out; a 500 is logged and says nothing internal. */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const instance = req.originalUrl.split('?')[0];
    if (res.headersSent) {
      logger.error({ err, requestId: req.id }, 'error after headers were sent');
      res.end();
      return;
    }
    if (err instanceof AppError) {
      if (err.status >= 500) logger.error({ err, requestId: req.id }, err.message);
      return sendProblem(res, err, instance);
    }
    const known = clientError(err as HttpParserError);
    if (known) return sendProblem(res, known, instance);
    if (err instanceof URIError) return sendProblem(res, new AppError('bad-request', 'The URL holds a malformed percent-escape'), instance);
    if (isDataError(err)) return sendProblem(res, new AppError('bad-request', 'The request holds a value that cannot be stored'), instance);
    if (isDatabaseUnavailable(err)) {
      logger.warn({ requestId: req.id, code: (err as { code?: string }).code }, 'database unavailable');
      return sendProblem(
        res,
        new AppError('service-unavailable', 'The database is unavailable; try again shortly', { retryAfterSeconds: 5 }),
        instance,
      );
    }
    logger.error({ err, requestId: req.id }, 'unhandled error');
    sendProblem(res, new AppError('internal', `Something went wrong (request ${String(req.id)})`), instance);
  };
}
