import { z } from 'zod';

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
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ZProblem>;

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
