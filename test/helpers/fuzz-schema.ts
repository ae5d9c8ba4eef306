/**
 * The slice of the OpenAPI document the fuzz test reads: its operations, and from each request
 * schema a plausible value to carry one bad field at a time.
 */

export type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  default?: unknown;
};

export interface OpenApiDoc {
  paths: Record<
    string,
    Record<
      string,
      {
        'x-action': string;
        parameters: Array<{ name: string; in: 'path' | 'query'; schema: Schema }>;
        requestBody?: { content: Record<string, { schema: Schema }> };
      }
    >
  >;
  components: { schemas: Record<string, Schema> };
}

export interface Operation {
  key: string;
  method: string;
  /** The documented path, `/api/v1/cases/{id}`. */
  path: string;
  action: string;
  pathParams: string[];
  query: Array<{ name: string; schema: Schema }>;
  body?: { type: string; schema: Schema };
}

export function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, spec] of Object.entries(methods)) {
      const content = Object.entries(spec.requestBody?.content ?? {})[0];
      ops.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        action: spec['x-action'],
        pathParams: spec.parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: spec.parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        body: content ? { type: content[0], schema: content[1].schema } : undefined,
      });
    }
  }
  return ops;
}

/** Follows `$ref`s and picks the first non-null alternative of a union. */
export function resolve(doc: OpenApiDoc, s: Schema | undefined): Schema {
  let cur: Schema = s ?? {};
  for (let i = 0; i < 20; i++) {
    if (cur.$ref) cur = doc.components.schemas[cur.$ref.split('/').pop()!] ?? {};
    else if (cur.anyOf ?? cur.oneOf) cur = (cur.anyOf ?? cur.oneOf)!.find((x) => x.type !== 'null') ?? {};
    else if (cur.allOf?.length) cur = Object.assign({}, ...cur.allOf.map((x) => resolve(doc, x))) as Schema;
    else return cur;
  }
  return cur;
}

/**
 * A plausible value for a schema: the first enum member, the smallest string or number allowed,
 * a fixture id for a uuid whose field name the world knows. Validity is not the point — it
 * carries one bad field past the fields around it.
 */
export function plausible(doc: OpenApiDoc, raw: Schema | undefined, name: string, idFor: (field: string) => string, depth = 0): unknown {
  const s = resolve(doc, raw);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'uuid') return idFor(name);
      if (s.format === 'date') return '2031-03-03';
      if (s.format === 'date-time') return new Date(Date.now() + 3 * 86_400_000).toISOString();
      if (s.format === 'email' || name === 'email') return 'fuzz@example.com';
      if (s.pattern?.startsWith('^[a-z')) return 'fuzz-key';
      return 'f'.repeat(Math.max(s.minLength ?? 1, 1));
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'array':
      return depth > 3 ? [] : Array.from({ length: s.minItems ?? 0 }, () => plausible(doc, s.items, name, idFor, depth + 1));
    case 'object':
    default:
      if (!s.properties || depth > 3) return {};
      return Object.fromEntries(
        Object.entries(s.properties)
          .filter(([k]) => (s.required ?? []).includes(k))
          .map(([k, v]) => [k, plausible(doc, v, k, idFor, depth + 1)]),
      );
  }
}

/** The top-level fields of an object body, with their resolved schemas. */
export function fieldsOf(doc: OpenApiDoc, body: Schema): Array<{ name: string; schema: Schema }> {
  const s = resolve(doc, body);
  return Object.entries(s.properties ?? {}).map(([name, schema]) => ({ name, schema: resolve(doc, schema) }));
}
