import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { precompressDir } from '../cli/runtime/precompress';
import { startTestApp, type TestApp } from '../test/helpers/app';
import { startApiStack, type ApiStack } from '../test/helpers/api-stack';

/**
 * Issue 19 item 3: the API's JSON answers and the built UI's files travel br/gzip-compressed, hashed
 * assets are cached for good and index.html is revalidated, and the live notification stream is
 * never compressed or buffered.
 */

let stack: ApiStack;
let ui: TestApp;
let plain: TestApp;
let dir: string;
const SCRIPT = `export const lines = [${Array.from({ length: 400 }, (_, i) => `'line ${i} of the app'`).join(',')}];\n`;

beforeAll(async () => {
  stack = await startApiStack('compression', { historical: 12 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexflow-ui-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><title>LexFlow</title>${'<!-- padding -->'.repeat(100)}`);
  fs.writeFileSync(path.join(dir, 'assets', 'index-CqimNaq6.js'), SCRIPT);
  await precompressDir(dir);
  ui = await startTestApp(stack.tdb.db, { uiDir: dir });
  plain = await startTestApp(stack.tdb.db, { uiDir: dir, config: { compression: false } });
}, 90_000);
afterAll(async () => {
  await ui?.close();
  await plain?.close();
  await stack?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as they came over the wire (not decoded). */
  body: Buffer;
}

/** A GET whose answer is not decoded (fetch would undo the encoding before the test sees it). */
function rawGet(base: string, pathname: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(pathname, base), { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const decode = (r: Raw) =>
  r.headers['content-encoding'] === 'br'
    ? zlib.brotliDecompressSync(r.body)
    : r.headers['content-encoding'] === 'gzip'
      ? zlib.gunzipSync(r.body)
      : r.body;

describe('the built UI', () => {
  test('a hashed script is sent br or gzip as accepted, the same bytes decoded, immutable for a year', async () => {
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['identity', undefined],
    ] as const) {
      const r = await rawGet(ui.url, '/assets/index-CqimNaq6.js', { 'accept-encoding': accept });
      expect([accept, r.status, r.headers['content-encoding']]).toEqual([accept, 200, encoding]);
      expect(r.headers['content-type']).toMatch(/^text\/javascript/);
      expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(r.headers.vary).toMatch(/accept-encoding/i);
      expect(decode(r).toString()).toBe(SCRIPT);
      if (encoding) expect(r.body.length).toBeLessThan(SCRIPT.length / 4);
    }
  });

  test('index.html is no-cache (a deploy is seen on the next load), and compressed too', async () => {
    for (const p of ['/', '/cases/12']) {
      const r = await rawGet(ui.url, p, { 'accept-encoding': 'br' });
      expect([p, r.status, r.headers['cache-control'], r.headers['content-encoding']]).toEqual([p, 200, 'no-cache', 'br']);
      expect(decode(r).toString()).toContain('<title>LexFlow</title>');
    }
  });

  test('HTTP_COMPRESSION=false sends the plain files (bench:ui baseline), caching unchanged', async () => {
    const r = await rawGet(plain.url, '/assets/index-CqimNaq6.js', { 'accept-encoding': 'br, gzip' });
    expect([r.status, r.headers['content-encoding'], r.body.toString()]).toEqual([200, undefined, SCRIPT]);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const index = await rawGet(plain.url, '/', { 'accept-encoding': 'br, gzip' });
    expect([index.headers['content-encoding'], index.headers['cache-control']]).toEqual([undefined, 'no-cache']);
  });
});

describe('API answers', () => {
  test('a large JSON list is br or gzip as accepted; a small answer and a client accepting neither get it plain', async () => {
    const cookie = stack.as.partner.cookie;
    const plainList = await rawGet(stack.app.url, '/api/v1/cases?pageSize=100', { cookie, 'accept-encoding': 'identity' });
    expect(plainList.status).toBe(200);
    expect(plainList.body.length).toBeGreaterThan(4096);
    expect(plainList.headers['content-encoding']).toBeUndefined();
    for (const encoding of ['br', 'gzip']) {
      const r = await rawGet(stack.app.url, '/api/v1/cases?pageSize=100', { cookie, 'accept-encoding': encoding });
      expect([r.status, r.headers['content-encoding'], r.headers['cache-control']]).toEqual([200, encoding, 'no-store']);
      expect(r.headers.vary).toMatch(/accept-encoding/i);
      expect(JSON.parse(decode(r).toString()).total).toBe(JSON.parse(plainList.body.toString()).total);
      expect(r.body.length).toBeLessThan(plainList.body.length / 3);
    }
    const small = await rawGet(stack.app.url, '/api/v1/health', { 'accept-encoding': 'br' });
    expect([small.status < 600, small.headers['content-encoding']]).toEqual([true, undefined]);
    // A problem answer is JSON too: decoded by the client like any other.
    const problem = await fetch(`${stack.app.url}/api/v1/no-such-route`, { headers: { 'accept-encoding': 'br' } });
    expect([problem.status, ((await problem.json()) as { status: number }).status]).toEqual([404, 404]);
  });

  test('the live notification stream is not compressed and delivers an event at once', async () => {
    const started = Date.now();
    const req = http.get(new URL('/api/v1/notifications/stream', stack.app.url), {
      headers: { cookie: stack.as['li.ming'].cookie, 'accept-encoding': 'br, gzip' },
    });
    try {
      const first = await new Promise<{ res: http.IncomingMessage; text: string }>((resolve, reject) => {
        req.on('error', reject);
        req.on('response', (res) => res.once('data', (c: Buffer) => resolve({ res, text: c.toString() })));
      });
      expect(first.res.headers['content-type']).toContain('text/event-stream');
      expect(first.res.headers['content-encoding']).toBeUndefined();
      expect(first.text).toMatch(/event: unread\ndata: \{"unread":\d+\}/);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      req.destroy();
    }
  });
});
