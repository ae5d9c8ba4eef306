import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../app-error';

/** The origin of a header value (an Origin, or a Referer's URL), or null when it has none. */
function originOf(value: string | undefined): string | null {
  if (!value || value === 'null') return value === 'null' ? 'null' : null;
  try {
    return new URL(value).origin;
  } catch {
    return 'invalid';
  }
}

/**
 * Cross-site request forgery guard, on top of the SameSite cookie: a mutating request that says
 * where it comes from (Origin, or else Referer) must come from PUBLIC_URL. The Host header is not
 * trusted (a client chooses it). Non-browser clients (curl, tests) send neither and pass.
 */
export function sameOrigin(publicUrl: string) {
  const allowed = new URL(publicUrl).origin;
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const from = originOf(req.headers.origin) ?? originOf(req.headers.referer);
    if (from === null || from === allowed) return next();
    next(new AppError('forbidden', 'Cross-origin request refused'));
  };
}
