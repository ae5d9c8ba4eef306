import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
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
    const parserError = err as HttpParserError;
    if (parserError?.type === 'entity.parse.failed') {
      return sendProblem(res, new AppError('malformed-json', 'The request body is not valid JSON'), instance);
    }
    if (parserError?.type === 'entity.too.large') return sendProblem(res, new AppError('payload-too-large'), instance);
    if (parserError?.type === 'encoding.unsupported' || parserError?.type === 'charset.unsupported') {
      return sendProblem(res, new AppError('unsupported-media-type', 'Unsupported body encoding'), instance);
    }
    logger.error({ err, requestId: req.id }, 'unhandled error');
    sendProblem(res, new AppError('internal', `Something went wrong (request ${String(req.id)})`), instance);
  };
}
