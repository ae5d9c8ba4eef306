import { z } from 'zod';
import { unstorableReason } from '../../domain/text';

/** RFC 9457 problem details, as every error of the API is sent (`application/problem+json`). */
export const ZProblem = z
  .object({
    type: z.string().describe('Stable URI reference naming the problem, e.g. /problems/validation-error'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().describe('The last segment of `type`; the UI translates by it'),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    capFen: z.number().int().optional().describe('contingency-cap-exceeded: the 2021 cap for this amount in dispute, in fen'),
    basis: z.string().optional().describe('the legal basis of a fee rule that refused the request'),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ZProblem>;

/**
 * Every request part (body, query, path) passes `ZStorableInput` before its contract (routing.ts),
 * so no field of any contract can let through what PostgreSQL cannot store — to a write that fails
 * later, in a workflow's activity that retries or in the audit row after the change.
 */
/** A string field that refuses NUL and unpaired surrogates (for the UI's forms; the API checks every part anyway). */
export const ZText = z.string().superRefine((s, ctx) => {
  const reason = unstorableReason(s);
  if (reason) ctx.addIssue({ code: 'custom', message: reason });
});

function checkStorable(value: unknown, path: PropertyKey[], ctx: z.RefinementCtx, depth: number): void {
  if (typeof value === 'string') {
    const reason = unstorableReason(value);
    if (reason) ctx.addIssue({ code: 'custom', message: reason, path });
  } else if (value && typeof value === 'object' && depth < 64) {
    for (const [k, v] of Object.entries(value)) {
      const reason = unstorableReason(k);
      if (reason) ctx.addIssue({ code: 'custom', message: `field name: ${reason}`, path: [...path, k] });
      checkStorable(v, [...path, k], ctx, depth + 1);
    }
  } else if (value && typeof value === 'object') {
    ctx.addIssue({ code: 'custom', message: 'nested too deeply', path });
  }
}

/** The refinement every request part (body, query, path) passes before its own contract. */
export const ZStorableInput = z.unknown().superRefine((value, ctx) => checkStorable(value, [], ctx, 0));

/** A bigint row id sent as a decimal string: within PostgreSQL's bigint, so a lookup never overflows. */
export const ZBigintId = z
  .string()
  .regex(/^\d{1,19}$/, 'a row id is 1 to 19 digits')
  .refine((s) => BigInt(s) <= 9223372036854775807n, 'row id out of range');

export const ZTimestamp = z.iso.datetime({ offset: true });
export const ZUuid = z.uuid();
/** Path parameters of a route on one resource: `/things/:id`. */
export const ZIdParams = z.object({ id: ZUuid });

export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export function ZPage<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/**
 * A PATCH body whose fields are all optional must still name one: `{}` (or only fields the
 * contract does not know, which parsing strips) is a 400 saying so, instead of an empty SQL update
 * (a 500) or a write that changes nothing. The OpenAPI document says it as `minProperties: 1`.
 */
export function nonEmptyPatch<T extends z.ZodObject>(schema: T): T {
  return schema
    .refine((patch) => Object.values(patch).some((v) => v !== undefined), { message: 'nothing to change: send at least one field' })
    .meta({ minProperties: 1 });
}
