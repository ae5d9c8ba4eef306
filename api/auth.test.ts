import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { HttpClient, startTestApp, TEST_POLICY, type TestApp } from '../test/helpers/app';
import { seedDemo } from '../test/helpers/users';
import { eventually } from '../test/helpers/engine';

let tdb: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  app = await startTestApp(tdb.db);
});
afterAll(async () => {
  await app.close();
  await tdb.drop();
});

const expectProblem = (r: { status: number; contentType: string; body: any }, status: number, code: string) => {
  expect(r.status).toBe(status);
  expect(r.contentType).toContain('application/problem+json');
  expect(r.body).toMatchObject({ status, code, type: `/problems/${code}` });
  expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts:\d+|Error:/); // never a stack trace
};

describe('login', () => {
  it('signs in with the right password and sets an httpOnly SameSite session cookie', async () => {
    const c = new HttpClient(app.url);
    const r = await c.login('partner@demo.lexflow');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ email: 'partner@demo.lexflow', role: 'partner', name: '王建国' });
    expect(r.body).not.toHaveProperty('passwordHash');
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^lexflow_session=[A-Za-z0-9_-]{40,}/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await c.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('partner@demo.lexflow');
  });

  it('tells the user when they last signed in before this session', async () => {
    const first = await new HttpClient(app.url).login('admin@demo.lexflow');
    expect(first.body.previousLoginAt).toBeNull();
    const c = new HttpClient(app.url);
    const second = await c.login('admin@demo.lexflow');
    expect(Date.now() - new Date(second.body.previousLoginAt).getTime()).toBeLessThan(10_000);
    expect((await c.get('/api/v1/auth/me')).body.previousLoginAt).toBe(second.body.previousLoginAt);
  });

  it('accepts the address in any letter case', async () => {
    const r = await new HttpClient(app.url).login('Li.Ming@Demo.LexFlow');
    expect(r.status).toBe(200);
    expect(r.body.role).toBe('lawyer');
  });

  it('refuses a wrong password and an unknown address with the same problem', async () => {
    const wrong = await new HttpClient(app.url).login('zhang.ting@demo.lexflow', 'not-the-password');
    expectProblem(wrong, 401, 'invalid-credentials');
    const unknown = await new HttpClient(app.url).login('nobody@demo.lexflow', 'whatever');
    expectProblem(unknown, 401, 'invalid-credentials');
    expect(unknown.body.title).toBe(wrong.body.title);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it(`locks an address after ${TEST_POLICY.loginMaxFailures} failures, even for the right password, and not other addresses`, async () => {
    const c = new HttpClient(app.url);
    for (let i = 0; i < TEST_POLICY.loginMaxFailures; i++) {
      expectProblem(await c.login('finance@demo.lexflow', `wrong-${i}`), 401, 'invalid-credentials');
    }
    const locked = await c.login('finance@demo.lexflow', 'lexflow-demo');
    expectProblem(locked, 429, 'login-locked');
    // The first lock of an (account, address) pair lasts a minute; each next one twice as long.
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(locked.headers.get('set-cookie')).toBeNull();
    expect((await new HttpClient(app.url).login('assistant@demo.lexflow')).status).toBe(200);
  });

  it('unlocks once the lock has run out', async () => {
    const c = new HttpClient(app.url);
    for (let i = 0; i < TEST_POLICY.loginMaxFailures; i++) await c.login('client@demo.lexflow', 'wrong');
    expect((await c.login('client@demo.lexflow')).status).toBe(429);
    await tdb
      .db('login_locks')
      .where({ email_norm: 'client@demo.lexflow' })
      .update({ locked_until: tdb.db.raw("now() - interval '1 second'") });
    expect((await c.login('client@demo.lexflow')).status).toBe(200);
  });

  it('rejects a malformed body, a wrong content type and invalid fields with problem+json', async () => {
    const c = new HttpClient(app.url);
    expectProblem(await c.request('POST', '/api/v1/auth/login', { raw: '{"email": "x@y.cn",' }), 400, 'malformed-json');
    expectProblem(
      await c.request('POST', '/api/v1/auth/login', { raw: 'email=a', contentType: 'application/x-www-form-urlencoded' }),
      415,
      'unsupported-media-type',
    );
    const invalid = await c.post('/api/v1/auth/login', { email: 'not-an-email', password: '' });
    expectProblem(invalid, 400, 'validation-error');
    expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.email', 'body.password']);
  });
});

describe('sessions', () => {
  it('answers 401 problem+json to a request without a session', async () => {
    expectProblem(await new HttpClient(app.url).get('/api/v1/auth/me'), 401, 'unauthenticated');
    expectProblem(await new HttpClient(app.url).post('/api/v1/auth/logout'), 401, 'unauthenticated');
  });

  it('ignores a forged or garbled cookie', async () => {
    const c = new HttpClient(app.url);
    c.cookie = 'lexflow_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expectProblem(await c.get('/api/v1/auth/me'), 401, 'unauthenticated');
    c.cookie = 'lexflow_session=%%%; other=1';
    expectProblem(await c.get('/api/v1/auth/me'), 401, 'unauthenticated');
  });

  it('logout invalidates the session on the server, not only the cookie', async () => {
    const c = new HttpClient(app.url);
    await c.login('li.ming@demo.lexflow');
    const stolen = c.cookie;
    expect((await c.post('/api/v1/auth/logout')).status).toBe(204);
    expect(c.cookie).toBe('');
    const replay = new HttpClient(app.url);
    replay.cookie = stolen;
    expectProblem(await replay.get('/api/v1/auth/me'), 401, 'unauthenticated');
  });

  it('an expired session is refused', async () => {
    const c = new HttpClient(app.url);
    await c.login('zhang.ting@demo.lexflow');
    await tdb.db('sessions').update({ expires_at: tdb.db.raw("now() - interval '1 second'") });
    expectProblem(await c.get('/api/v1/auth/me'), 401, 'unauthenticated');
  });

  it('a deactivated user loses access at once', async () => {
    const c = new HttpClient(app.url);
    await c.login('assistant@demo.lexflow');
    await tdb.db('users').where({ email: 'assistant@demo.lexflow' }).update({ active: false });
    expectProblem(await c.get('/api/v1/auth/me'), 401, 'unauthenticated');
    expectProblem(await c.login('assistant@demo.lexflow'), 401, 'invalid-credentials');
    await tdb.db('users').where({ email: 'assistant@demo.lexflow' }).update({ active: true });
  });

  it('keeps the interface language the user picks', async () => {
    const c = new HttpClient(app.url);
    await c.login('partner@demo.lexflow');
    expect((await c.patch('/api/v1/auth/me', { locale: 'en' })).body.locale).toBe('en');
    expect((await c.get('/api/v1/auth/me')).body.locale).toBe('en');
    expectProblem(await c.patch('/api/v1/auth/me', { locale: 'fr' }), 400, 'validation-error');
  });

  it('refuses a cross-site POST that carries the session cookie', async () => {
    const c = new HttpClient(app.url);
    await c.login('partner@demo.lexflow');
    const r = await c.request('POST', '/api/v1/auth/logout', { headers: { origin: 'https://evil.example' } });
    expectProblem(r, 403, 'forbidden');
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
  });
});

describe('roles and the audit log', () => {
  it('an admin reads the audit log; other roles get 403', async () => {
    const lawyer = new HttpClient(app.url);
    await lawyer.login('li.ming@demo.lexflow');
    expectProblem(await lawyer.get('/api/v1/admin/audit-log'), 403, 'forbidden');
    const admin = new HttpClient(app.url);
    await admin.login('admin@demo.lexflow');
    const page = await admin.get('/api/v1/admin/audit-log?pageSize=200');
    expect(page.status).toBe(200);
    expect(page.body.total).toBeGreaterThan(5);
  });

  it('records every mutating request with actor, action, entity, id, status and time', async () => {
    const before = Number((await tdb.db('audit_log').max('id as max').first())?.max ?? 0);
    const c = new HttpClient(app.url);
    const login = await c.login('zhang.ting@demo.lexflow');
    await c.patch('/api/v1/auth/me', { locale: 'zh-CN' });
    await c.post('/api/v1/auth/logout');
    await new HttpClient(app.url).login('zhang.ting@demo.lexflow', 'wrong');
    await new HttpClient(app.url).post('/api/v1/no-such-thing', {});
    // Entries are written as each answer finishes: wait for the last one.
    const rows = await eventually(async () => {
      const found = await tdb.db('audit_log').where('id', '>', before);
      return found.length === 5 && found;
    });
    // Written as each answer finishes, so the ids need not follow the request order: compare as sets.
    const byAction = (a: unknown[], b: unknown[]) => JSON.stringify(a).localeCompare(JSON.stringify(b));
    const mine = rows.map((r) => [r.actor_id, r.action, r.entity, r.entity_id, r.status]).sort(byAction);
    const id = login.body.id;
    expect(mine).toEqual(
      [
        [id, 'POST /api/v1/auth/login', 'session', id, 200],
        [id, 'PATCH /api/v1/auth/me', 'user', id, 200],
        [id, 'POST /api/v1/auth/logout', 'session', id, 204],
        [null, 'POST /api/v1/auth/login', 'session', null, 401],
        [null, 'POST /api/v1/no-such-thing', 'unrouted', null, 404],
      ].sort(byAction),
    );
    for (const r of rows) expect(Date.now() - new Date(r.at).getTime()).toBeLessThan(60_000);
  });
});
