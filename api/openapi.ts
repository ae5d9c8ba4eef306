import { z } from 'zod';
import { rolesFor } from '../domain/policy';
import { ERROR_CODES } from './app-error';
import { ZProblem } from './contracts/common';
import type { AnySpec } from './routing';

type JsonSchema = Record<string, unknown>;

type Components = Record<string, JsonSchema>;

/** Named schemas (zod `.meta({ id })`) end up once in components.schemas and are referenced. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output', components: Components): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  const {
    $schema: _ignored,
    $defs,
    ...rest
  } = JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema & {
    $defs?: Record<string, JsonSchema>;
  };
  Object.assign(components, $defs ?? {});
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, where: 'query' | 'path', components: Components) {
  if (!schema) return [];
  const json = schemaOf(schema, 'input', components) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}

function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
}

/** The header every signed-in POST honours (api/middleware/idempotency.ts). */
const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes a retry the same request: the same key with the same request answers the first 2xx answer again (kept 24 h) without doing anything twice; the same key with another request is 422.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,100}$' },
};

/** OpenAPI 3.1 document generated from the same zod schemas that validate the requests. */
export function buildOpenApi(specs: readonly AnySpec[], info: { version: string }) {
  const components: Components = {};
  const paths: Record<string, Record<string, unknown>> = {};
  for (const s of specs) {
    const path = `/api/v1${s.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
    const success = s.status ?? (s.response ? 200 : 204);
    const responses: Record<string, unknown> = {
      [success]: s.response
        ? { description: 'OK', content: { 'application/json': { schema: schemaOf(s.response, 'output', components) } } }
        : s.produces
          ? { description: 'OK', content: Object.fromEntries(s.produces.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) }
          : { description: 'No content' },
    };
    const codes = new Set(s.errors ?? []);
    if (s.body) codes.add('validation-error');
    const access = rolesFor(s.action);
    if (access !== 'public') codes.add('unauthenticated');
    if (Array.isArray(access)) codes.add('forbidden');
    const idempotent = s.method === 'post' && access !== 'public';
    if (idempotent) codes.add('idempotency-key-reused').add('idempotency-key-in-use');
    for (const code of codes) {
      const { status, title } = ERROR_CODES[code];
      const existing = responses[status] as { description: string } | undefined;
      responses[status] = problemResponse(existing ? `${existing.description}; ${code}` : `${title} (${code})`);
    }
    responses.default = problemResponse('Any other problem (problem+json)');
    paths[path] ??= {};
    paths[path][s.method] = {
      summary: s.summary,
      tags: [s.tag],
      'x-action': s.action,
      'x-access': access,
      security: access === 'public' ? [] : [{ sessionCookie: [] }],
      parameters: [
        ...parametersOf(s.params, 'path', components),
        ...parametersOf(s.query, 'query', components),
        ...(idempotent ? [IDEMPOTENCY_KEY] : []),
      ],
      ...(s.body
        ? {
            requestBody: {
              required: true,
              content: { [s.bodyType ?? 'application/json']: { schema: schemaOf(s.body, 'input', components) } },
            },
          }
        : {}),
      ...(s.rawBody
        ? {
            requestBody: {
              required: true,
              description: s.rawBody.description,
              content: Object.fromEntries(s.rawBody.types.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'LexFlow API', version: info.version, description: 'Case management for law firms. Errors are RFC 9457 problem+json.' },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { ...components, Problem: schemaOf(ZProblem, 'output', components) },
      securitySchemes: { sessionCookie: { type: 'apiKey', in: 'cookie', name: 'lexflow_session' } },
    },
  };
}
