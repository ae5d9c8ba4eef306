import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../app-error';

/**
 * Cross-site request forgery guard, on top of the SameSite cookie: a browser that sends an Origin
 * on a mutating request must send ours. Non-browser clients (curl, tests) send none and pass.
 */
export function sameOrigin(publicUrl: string) {
  const allowed = new URL(publicUrl).origin;
  return (req: Request, _res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS' || !origin) return next();
    const self = `${req.protocol}://${req.headers.host}`;
    if (origin === allowed || origin === self) return next();
    next(new AppError('forbidden', 'Cross-origin request refused'));
  };
}
