import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { routeDecision, type Action } from '../domain/policy';
import { AppError, type ErrorCode } from './app-error';
import { ZStorableInput } from './contracts/common';
import { crashPoint } from './crash-points';
import { idempotencyKeyOf, type IdempotencyKeys, type IdempotentRequest } from './middleware/idempotency';
import { assertWithinLimit, type RateLimitClass, type WindowLimiter } from './middleware/rate-limit';
import type { SessionUser } from './middleware/session';

/** The rows a page of a list asks for. */
export function pageWindow(q: { page: number; pageSize: number }): { limit: number; offset: number } {
  return { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
}

/** A page of a list as the API answers it: the rows and total found, and the page asked for. */
export function pageAnswer<R extends { items: unknown[]; total: number }>(
  q: { page: number; pageSize: number },
  r: R,
): R & { page: number; pageSize: number } {
  return { ...r, page: q.page, pageSize: q.pageSize };
}

export interface RouteSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType, R extends z.ZodType> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path relative to /api/v1, e.g. `/cases/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** The policy action this route does ('public' / 'authenticated' for no role rule); every route says which. */
  action: Action;
  body?: B;
  /** Media type the body must have (default application/json); XML bodies arrive as a string. */
  bodyType?: 'application/json' | 'application/xml';
  /**
   * A binary body the handler reads from `req` itself (a logo image): the media types it may have
   * (415 otherwise). Nothing parses it, so the handler bounds what it reads.
   */
  rawBody?: { types: string[]; description: string };
  /** The media types of a binary answer the handler streams itself (for the OpenAPI document). */
  produces?: string[];
  query?: Q;
  params?: P;
  response?: R;
  /** Success status; default 200 with a response schema, 204 without. */
  status?: number;
  /** Problem codes this route may answer with, for the OpenAPI document. */
  errors?: ErrorCode[];
  /** Entity name in the audit log for mutating routes (default: first path segment). */
  auditEntity?: string;
  /**
   * `false`: the answer is never kept for an Idempotency-Key's retries (it carries what must not be
   * stored, e.g. a revealed identity number); the key is ignored and a retry asks again.
   */
  idempotent?: false;
  /**
   * A per-user limit on an expensive route (429 + Retry-After over it); with `when`, only the
   * requests it picks count (e.g. a list only when it searches text).
   */
  rateLimit?: RateLimitClass | { class: RateLimitClass; when: (req: Request) => boolean };
}

export interface RouteContext<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  user: SessionUser | undefined;
  req: Request;
  res: Response;
  /** A POST sent with an Idempotency-Key: the key this request owns (routes that create bind their entity to it). */
  idempotency: IdempotentRequest | undefined;
  /** Adds the entity id (and details) to this request's audit entry. */
  audit(info: { entityId?: string | null; actorId?: string; details?: Record<string, unknown> }): void;
}

export interface AuditInfo {
  action: string;
  entity: string;
  entityId?: string | null;
  actorId?: string;
  details?: Record<string, unknown>;
}

export type AnySpec = RouteSpec<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

function fieldErrors(error: z.ZodError, prefix: string) {
  return error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].join('.'), message: i.message }));
}

function parsePart<T extends z.ZodType>(schema: T | undefined, value: unknown, part: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const storable = ZStorableInput.safeParse(value);
  if (!storable.success) throw new AppError('validation-error', `Invalid ${part}`, { errors: fieldErrors(storable.error, part) });
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError('validation-error', `Invalid ${part}`, { errors: fieldErrors(r.error, part) });
  return r.data;
}

/** An answer: JSON, or no body (null). */
function send(res: Response, status: number, answer: unknown): void {
  if (answer === null) res.status(status).end();
  else res.status(status).json(answer);
}

/** The route-level half of the policy; case membership (404) is the use case's to check. */
function authorise(action: Action, user: SessionUser | undefined): void {
  const decision = routeDecision(user, action);
  if (decision === 401) throw new AppError('unauthenticated');
  if (decision === 403) throw new AppError('forbidden');
}

/** Collects every route declared, so the OpenAPI document is generated from the same schemas. */
export class RouteRegistry {
  readonly specs: AnySpec[] = [];

  /**
   * `limits`: the limiter of each rate-limit class (absent: routes that name one are not limited);
   * `idempotency`: where POST requests' Idempotency-Keys are kept (absent: the header is ignored).
   */
  constructor(
    private readonly limits: Partial<Record<RateLimitClass, WindowLimiter>> = {},
    private readonly idempotency?: IdempotencyKeys,
  ) {}

  private limit(spec: AnySpec, req: Request, user: SessionUser | undefined): void {
    const rule = spec.rateLimit;
    if (!rule) return;
    const cls = typeof rule === 'string' ? rule : rule.class;
    const limiter = this.limits[cls];
    if (!limiter || (typeof rule === 'object' && !rule.when(req))) return;
    assertWithinLimit(limiter, `${spec.method} ${spec.path} ${user?.id ?? `ip:${req.ip}`}`, 'requests of this kind');
  }

  add<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType, R extends z.ZodType>(
    router: Router,
    spec: RouteSpec<B, Q, P, R>,
    handler: (ctx: RouteContext<z.infer<B>, z.infer<Q>, z.infer<P>>) => Promise<z.input<R> | void>,
  ): void {
    const documented = spec.rateLimit ? { ...spec, errors: [...(spec.errors ?? []), 'rate-limited' as const] } : spec;
    this.specs.push(documented as unknown as AnySpec);
    const mutating = spec.method !== 'get';
    const entity = spec.auditEntity ?? spec.path.split('/').filter(Boolean)[0] ?? 'api';
    router[spec.method](spec.path, async (req: Request, res: Response) => {
      const user = res.locals.user as SessionUser | undefined;
      const audit: AuditInfo = { action: `${spec.method.toUpperCase()} /api/v1${spec.path}`, entity };
      if (mutating) res.locals.audit = audit;
      // A refused request names the record it was after as well as an allowed one does.
      Object.assign(audit, auditedParams(spec.params, req.params));
      authorise(spec.action, user);
      this.limit(spec as unknown as AnySpec, req, user);
      const accepted = spec.bodyType === 'application/xml' ? ['application/xml', 'text/xml'] : ['application/json'];
      if (spec.body && !req.is(accepted)) {
        throw new AppError('unsupported-media-type', `Send the body as ${spec.bodyType ?? 'application/json'}`);
      }
      if (spec.rawBody && !req.is(spec.rawBody.types)) {
        throw new AppError('unsupported-media-type', `Send the body as ${spec.rawBody.types.join(' or ')}`);
      }
      const params = parsePart(spec.params, req.params, 'params');
      const body = parsePart(spec.body, req.body, 'body');
      const query = parsePart(spec.query, req.query, 'query');
      const key = spec.method === 'post' && spec.idempotent !== false && user && this.idempotency ? idempotencyKeyOf(req) : null;
      const started = key ? await this.idempotency!.start(req, user!.id, key) : undefined;
      if (started && 'replay' in started) {
        audit.details = { ...audit.details, idempotentReplay: true };
        res.setHeader('Idempotent-Replayed', 'true');
        return send(res, started.replay.status, started.replay.body);
      }
      const owner = started?.owner;
      const ctx: RouteContext<z.infer<B>, z.infer<Q>, z.infer<P>> = {
        body,
        query,
        params,
        user,
        req,
        res,
        idempotency: owner,
        audit: (info) => Object.assign(audit, info),
      };
      let result: z.input<R> | void;
      try {
        result = await handler(ctx);
      } catch (err) {
        if (owner) await this.idempotency!.release(owner).catch(() => undefined);
        throw err;
      }
      if (res.headersSent) {
        // The route answered by itself (a stream): nothing to keep for a retry.
        if (owner) await this.idempotency!.release(owner).catch(() => undefined);
        return;
      }
      // Parsing the answer strips fields the contract does not name: nothing leaks by accident.
      const answer = spec.response ? spec.response.parse(result) : null;
      const status = spec.status ?? (spec.response ? 200 : 204);
      // Kept before it is sent: a client that has the answer finds it kept for its retries.
      if (owner) {
        await this.idempotency!.complete(owner, status, answer).catch(() => undefined);
        crashPoint('answer-kept');
      }
      send(res, status, answer);
    });
  }
}

/**
 * The audit entry's record from the path, when the path's parameters are valid: `:id` is the entity,
 * other record ids (`:partyId`, `:folderId` …) go into the details. Nothing else does: a `:token`
 * is a secret (an invitation, a reset link) and never reaches the log. Invalid parameters are left
 * out (the request is refused with 400 and its row says only the route).
 */
function auditedParams(schema: z.ZodType | undefined, raw: unknown): Pick<AuditInfo, 'entityId' | 'details'> {
  const parsed = schema?.safeParse(raw);
  if (!parsed?.success || !parsed.data || typeof parsed.data !== 'object') return {};
  const { id, ...rest } = parsed.data as Record<string, unknown>;
  const ids = Object.fromEntries(Object.entries(rest).filter(([name]) => /^[a-z]+Id$/.test(name)));
  return {
    ...(id !== undefined ? { entityId: String(id) } : {}),
    ...(Object.keys(ids).length ? { details: ids } : {}),
  };
}
