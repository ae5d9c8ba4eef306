import type { RawRequest } from './fuzz-http';
import type { Rng } from './fuzz-random';
import { fieldsOf, plausible, resolve, type OpenApiDoc, type Operation } from './fuzz-schema';
import { BAD_JSON, BAD_PATH, BAD_QUERY, BAD_XML, UNKNOWN_QUERY, deepArray, deepObject, type Bad } from './fuzz-values';

export type Category = 'body' | 'field' | 'query' | 'path' | 'header';

export interface FuzzCase {
  category: Category;
  /** What is bad about it, e.g. `body.title = NUL` or `path id = %zz`. */
  label: string;
  req: RawRequest;
}

/** Who sends the cases and what the path parameters and id fields name in the seeded world. */
export interface FuzzContext {
  doc: OpenApiDoc;
  rng: Rng;
  origin: string;
  cookie: string;
  /** The fixture for a path parameter, by the collection it follows (`cases/{id}`). */
  pathFixture: (collection: string, name: string) => string;
  /** A uuid for a body or query field of that name (a fixture, or one that names nothing). */
  idFor: (field: string) => string;
}

const HOLE = '\u0001FUZZ\u0001';
/** JSON text of `value` with the hole replaced by raw JSON text. */
const withHole = (value: unknown, raw: string) => JSON.stringify(value).replace(JSON.stringify(HOLE), () => raw);

/** The operation's path with every parameter filled from the world, one of them optionally replaced. */
function fillPath(op: Operation, ctx: FuzzContext, replace?: { name: string; text: string }): string {
  return op.path.replace(/([^/]+)\/\{([^}]+)\}/g, (_m, collection: string, name: string) =>
    replace?.name === name ? `${collection}/${replace.text}` : `${collection}/${encodeURIComponent(ctx.pathFixture(collection, name))}`,
  );
}

/** Builds every case of one operation for one viewer, each category shuffled by the seed. */
export function casesFor(op: Operation, ctx: FuzzContext): Record<Category, Array<() => FuzzCase>> {
  const { doc } = ctx;
  const xml = op.body?.type === 'application/xml';
  const base = op.body && !xml ? plausible(doc, op.body.schema, '', ctx.idFor) : undefined;
  const baseText = xml ? '<x/>' : base === undefined ? undefined : JSON.stringify(base);
  const headers = (extra: Record<string, string> = {}): Record<string, string> => {
    const h: Record<string, string> = { origin: ctx.origin, cookie: ctx.cookie };
    if (op.body) h['content-type'] = op.body.type;
    return { ...h, ...extra };
  };
  const make = (category: Category, label: string, o: { path?: string; body?: string | Buffer; headers?: Record<string, string> }) => ({
    category,
    label,
    req: {
      method: op.method,
      path: o.path ?? fillPath(op, ctx),
      // An empty value means "no such header" (no content type, no session).
      headers: Object.fromEntries(Object.entries(o.headers ?? headers()).filter(([, v]) => v !== '')),
      body: o.body === undefined ? (baseText === undefined ? undefined : Buffer.from(baseText)) : Buffer.from(o.body),
    },
  });

  type Entry = { label: string; build: () => FuzzCase };
  const lists: Record<Category, Entry[]> = { field: [], body: [], query: [], path: [], header: [] };
  const add = (category: Category, label: string, o: () => Parameters<typeof make>[2]) =>
    lists[category].push({ label, build: () => make(category, label, o()) });

  if (xml) for (const b of BAD_XML) add('body', `xml ${b.label}`, () => ({ body: b.text() }));
  else if (op.body) {
    const whole: Bad[] = [
      { label: 'null', text: () => 'null' },
      { label: '[]', text: () => '[]' },
      { label: '{}', text: () => '{}' },
      { label: 'string', text: () => '"body"' },
      { label: 'number', text: () => '123' },
      { label: 'deep array', text: deepArray },
      { label: 'deep object', text: deepObject },
      { label: 'malformed', text: () => '{"a":' },
      { label: 'trailing comma', text: () => '{"a":1,}' },
      { label: '__proto__', text: () => '{"__proto__":{"isAdmin":true}}' },
      { label: 'constructor.prototype', text: () => '{"constructor":{"prototype":{"isAdmin":true}}}' },
      { label: 'in an array', text: () => `[${baseText}]` },
      { label: 'empty', text: () => '' },
      { label: 'BOM first', text: () => `\ufeff${baseText}` },
      { label: '1.5 MB', text: () => withHole({ ...(base as object), pad: HOLE }, JSON.stringify('x'.repeat(1_500_000))) },
    ];
    for (const b of whole) add('body', `body ${b.label}`, () => ({ body: b.text() }));
    const invalidUtf8 = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from('"}')]);
    add('body', 'body invalid UTF-8', () => ({ body: invalidUtf8 }));
  }

  if (base && typeof base === 'object' && !Array.isArray(base)) {
    for (const f of fieldsOf(doc, op.body!.schema)) {
      const asXml = BAD_XML.map((b) => ({ label: `xml ${b.label}`, text: () => JSON.stringify(b.text()) }));
      const values = f.name.toLowerCase().includes('xml') ? [...BAD_JSON, ...asXml] : BAD_JSON;
      for (const b of values)
        add('field', `body.${f.name} = ${b.label}`, () => ({ body: withHole({ ...base, [f.name]: HOLE }, b.text()) }));
      // One level down: the first item of an array of objects.
      const item = f.schema.type === 'array' ? resolve(doc, f.schema.items) : undefined;
      if (!item?.properties) continue;
      const itemBase = plausible(doc, item, f.name, ctx.idFor) as object;
      for (const sub of Object.keys(item.properties)) {
        for (const b of BAD_JSON) {
          add('field', `body.${f.name}[0].${sub} = ${b.label}`, () => ({
            body: withHole({ ...base, [f.name]: [{ ...itemBase, [sub]: HOLE }] }, b.text()),
          }));
        }
      }
    }
  }

  const path0 = fillPath(op, ctx);
  for (const q of op.query) {
    for (const b of BAD_QUERY) add('query', `query ${q.name} = ${b.label}`, () => ({ path: `${path0}?${q.name}=${b.text()}` }));
    add('query', `query ${q.name} twice`, () => ({ path: `${path0}?${q.name}=1&${q.name}=2` }));
    add('query', `query ${q.name}[]`, () => ({ path: `${path0}?${q.name}[]=1&${q.name}[a]=2` }));
  }
  for (const u of UNKNOWN_QUERY) add('query', `query unknown ${u}`, () => ({ path: `${path0}?${u}` }));

  for (const name of op.pathParams) {
    for (const b of BAD_PATH) add('path', `path ${name} = ${b.label}`, () => ({ path: fillPath(op, ctx, { name, text: b.text() }) }));
    const nothing = ctx.rng.uuid();
    add('path', `path ${name} = a uuid that names nothing`, () => ({ path: fillPath(op, ctx, { name, text: nothing }) }));
    const withNul = `${encodeURIComponent(fixtureOf(op, ctx, name))}%00`;
    add('path', `path ${name} = fixture + %00`, () => ({ path: fillPath(op, ctx, { name, text: withNul }) }));
  }

  const h = (label: string, extra: Record<string, string>) => add('header', label, () => ({ headers: headers(extra) }));
  for (const enc of ['gzip', 'deflate', 'br', 'x-made-up', 'gzip, gzip'])
    h(`Content-Encoding: ${enc} on a plain body`, { 'content-encoding': enc });
  const own = op.body?.type ?? 'application/json';
  const types = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', `${own}; charset=utf-16`];
  for (const type of [...types, `${own}; charset=latin1`, `${own}; charset=nope`, xml ? 'application/json' : 'application/xml', '']) {
    h(`Content-Type: ${type || '(none)'}`, { 'content-type': type });
  }
  h('Origin: null', { origin: 'null' });
  h('Origin: another site', { origin: 'http://evil.example' });
  h('a garbage session cookie', { cookie: 'lexflow_session=%zz' });
  h('a garbage cookie beside the session', { cookie: `${ctx.cookie}; junk=%E0%A4%A` });
  h('Accept: text/html', { accept: 'text/html' });
  h('X-Forwarded-For: not an address', { 'x-forwarded-for': 'not-an-ip' });
  h('X-Forwarded-For: 999.1.1.1', { 'x-forwarded-for': '999.1.1.1' });

  // Shuffled by the seed, the inputs most likely to hurt first: a short run still tries them.
  const out = {} as Record<Category, Array<() => FuzzCase>>;
  for (const [k, list] of Object.entries(lists) as Array<[Category, Entry[]]>) {
    const shuffled = ctx.rng.shuffle(list);
    out[k] = [...shuffled.filter((e) => FIRST.test(e.label)), ...shuffled.filter((e) => !FIRST.test(e.label))].map((e) => e.build);
  }
  return out;
}

/** The inputs tried first in every category. */
const FIRST =
  /NUL inside|lone high surrogate|100 kB string|= 99999999999999999999999|= -1$|deep object|= null$|%zz|= %$|= %00$|names nothing|5000 chars|encoded lone surrogate|year 0|8 kB|Content-Encoding: gzip on|Content-Type: text\/plain|body \{\}|body \[\]|body null|^xml /;

function fixtureOf(op: Operation, ctx: FuzzContext, name: string): string {
  const m = op.path.match(new RegExp(`([^/]+)/\\{${name}\\}`));
  return ctx.pathFixture(m?.[1] ?? '', name);
}
