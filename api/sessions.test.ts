import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { HttpClient, startTestApp, type TestApp } from '../test/helpers/app';
import { seedDemo } from '../test/helpers/users';

/** Sessions (finding 7): one per browser, listed and ended by their owner, ended by a privilege change. */
let tdb: TestDatabase;
let app: TestApp;
let uiDir: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  uiDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexflow-ui-'));
  fs.writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><title>LexFlow</title>');
  fs.mkdirSync(path.join(uiDir, 'assets'));
  fs.writeFileSync(path.join(uiDir, 'assets', 'app-1234.js'), 'console.log(1)');
  app = await startTestApp(tdb.db, { uiDir });
});
afterAll(async () => {
  await app.close();
  await tdb.drop();
  fs.rmSync(uiDir, { recursive: true, force: true });
});

const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

async function signIn(email: string, userAgent?: string, client = new HttpClient(app.url)) {
  const r = await client.request('POST', '/api/v1/auth/login', {
    json: { email, password: 'lexflow-demo' },
    headers: userAgent ? { 'user-agent': userAgent } : {},
  });
  expect(r.status).toBe(200);
  return client;
}

function replay(cookie: string) {
  const c = new HttpClient(app.url);
  c.cookie = cookie;
  return c.get('/api/v1/auth/me');
}

describe('one session per browser', () => {
  it('signing in again, or as someone else, ends the session the browser carried', async () => {
    const browser = await signIn('li.ming@demo.lexflow');
    const first = browser.cookie;
    await signIn('zhang.ting@demo.lexflow', undefined, browser);
    expect(browser.cookie).not.toBe(first);
    expect((await replay(first)).status).toBe(401);
    const second = browser.cookie;
    await signIn('zhang.ting@demo.lexflow', undefined, browser);
    expect((await replay(second)).status).toBe(401);
    expect((await browser.get('/api/v1/auth/me')).body.email).toBe('zhang.ting@demo.lexflow');
  });
});

describe('my sessions', () => {
  it('lists my sessions in plain words, marks this one, and never shows a token hash', async () => {
    const laptop = await signIn('partner@demo.lexflow', CHROME_WINDOWS);
    await signIn('partner@demo.lexflow', SAFARI_IPHONE);
    const r = await laptop.get('/api/v1/me/sessions');
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(2);
    expect(r.body.items).toContainEqual(expect.objectContaining({ browser: 'Chrome', os: 'Windows', ip: '127.0.0.1', current: true }));
    expect(r.body.items).toContainEqual(expect.objectContaining({ browser: 'Safari', os: 'iPhone', current: false }));
    const hashes = await tdb.db('sessions').pluck('id_hash');
    for (const h of hashes) expect(JSON.stringify(r.body)).not.toContain(h);
    for (const s of r.body.items) expect(Date.parse(s.lastSeenAt)).toBeGreaterThanOrEqual(Date.parse(s.createdAt));
  });

  it('ends one session by its id; another user cannot end mine', async () => {
    const a = await signIn('assistant@demo.lexflow', CHROME_WINDOWS);
    const b = await signIn('assistant@demo.lexflow', SAFARI_IPHONE);
    const other = (await b.get('/api/v1/me/sessions')).body.items.find((s: { current: boolean }) => !s.current).id;
    const stranger = await signIn('finance@demo.lexflow');
    expect((await stranger.del(`/api/v1/me/sessions/${other}`)).status).toBe(204);
    expect((await a.get('/api/v1/auth/me')).status).toBe(200);
    expect((await b.del(`/api/v1/me/sessions/${other}`)).status).toBe(204);
    expect((await a.get('/api/v1/auth/me')).status).toBe(401);
    expect((await b.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('signs out everywhere else, keeping this session', async () => {
    const phone = await signIn('admin@demo.lexflow', SAFARI_IPHONE);
    const tablet = await signIn('admin@demo.lexflow');
    const desk = await signIn('admin@demo.lexflow', CHROME_WINDOWS);
    const r = await desk.post('/api/v1/auth/logout-others');
    expect(r.status).toBe(200);
    expect(r.body.ended).toBeGreaterThanOrEqual(2);
    expect((await phone.get('/api/v1/auth/me')).status).toBe(401);
    expect((await tablet.get('/api/v1/auth/me')).status).toBe(401);
    expect((await desk.get('/api/v1/me/sessions')).body.items).toEqual([expect.objectContaining({ current: true })]);
  });
});

describe('privilege changes', () => {
  it("a role change ends the user's sessions", async () => {
    const c = await signIn('li.ming@demo.lexflow');
    await tdb.db('users').where({ email: 'li.ming@demo.lexflow' }).update({ role: 'assistant' });
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);
    await tdb.db('users').where({ email: 'li.ming@demo.lexflow' }).update({ role: 'lawyer' });
  });

  it("a password change ends the user's sessions; other changes do not", async () => {
    const c = await signIn('zhang.ting@demo.lexflow');
    await tdb.db('users').where({ email: 'zhang.ting@demo.lexflow' }).update({ locale: 'en' });
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    const { password_hash: hash } = await tdb.db('users').where({ email: 'zhang.ting@demo.lexflow' }).first('password_hash');
    await tdb.db('users').where({ email: 'zhang.ting@demo.lexflow' }).update({ password_hash: hash });
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    await tdb
      .db('users')
      .where({ email: 'zhang.ting@demo.lexflow' })
      .update({ password_hash: `${hash}x` });
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);
    await tdb.db('users').where({ email: 'zhang.ting@demo.lexflow' }).update({ password_hash: hash });
  });
});

describe('caching', () => {
  it('every API answer says no-store; the UI assets stay cacheable', async () => {
    const c = await signIn('partner@demo.lexflow');
    for (const r of [
      await c.get('/api/v1/auth/me'),
      await c.get('/api/v1/no-such-route'),
      await new HttpClient(app.url).get('/api/docs'),
    ]) {
      expect(r.headers.get('cache-control')).toBe('no-store');
    }
    const asset = await fetch(`${app.url}/assets/app-1234.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/max-age=31536000/);
  });
});

/** A raw request, so the Host header can be chosen (fetch sets its own). */
function rawPatch(pathname: string, headers: Record<string, string>): Promise<number> {
  const url = new URL(app.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: pathname, method: 'PATCH', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(JSON.stringify({ locale: 'zh-CN' }));
  });
}

describe('the same-origin guard', () => {
  it('compares Origin with PUBLIC_URL only, not with the Host header a client chooses', async () => {
    const c = await signIn('partner@demo.lexflow');
    const headers = { cookie: c.cookie, 'content-type': 'application/json' };
    expect(await rawPatch('/api/v1/auth/me', { ...headers, host: 'evil.example', origin: 'http://evil.example' })).toBe(403);
    expect(await rawPatch('/api/v1/auth/me', { ...headers, origin: app.url })).toBe(200);
  });

  it('without an Origin, checks the Referer', async () => {
    const c = await signIn('partner@demo.lexflow');
    const headers = { cookie: c.cookie, 'content-type': 'application/json' };
    expect(await rawPatch('/api/v1/auth/me', { ...headers, referer: 'https://evil.example/page' })).toBe(403);
    expect(await rawPatch('/api/v1/auth/me', { ...headers, referer: `${app.url}/cases` })).toBe(200);
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
  });
});
