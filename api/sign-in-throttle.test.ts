import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { HttpClient, startTestApp, TEST_POLICY, type TestApp } from '../test/helpers/app';
import { seedDemo } from '../test/helpers/users';

/**
 * Sign-in throttling (finding 4): the limit holds under concurrency, locks an (account, address)
 * pair rather than the account, believes X-Forwarded-For only from trusted proxies, and a good
 * sign-in does not wipe an address's failures. The test app listens on 127.0.0.1, a trusted
 * (loopback) peer by default, so X-Forwarded-For plays the browser's address.
 */
let tdb: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  app = await startTestApp(tdb.db, { config: { loginConcurrency: 64 } });
});
afterAll(async () => {
  await app.close();
  await tdb.drop();
});

const RIGHT = 'lexflow-demo';
const MAX = TEST_POLICY.loginMaxFailures;

function loginFrom(url: string, ip: string, email: string, password = RIGHT) {
  return new HttpClient(url).request('POST', '/api/v1/auth/login', {
    json: { email, password },
    headers: { 'x-forwarded-for': ip },
  });
}

describe('sign-in throttling', () => {
  it('50 concurrent sign-ins for one account evaluate at most the limit; the right password among them is refused', async () => {
    const wrong = Array.from({ length: 20 }, (_, i) => `guess-${i}`);
    const passwords = Array.from({ length: 50 }, (_, i) => (i === 15 ? RIGHT : wrong[i % 20]));
    const answers = await Promise.all(passwords.map((p) => loginFrom(app.url, '203.0.113.10', 'li.ming@demo.lexflow', p)));
    const statuses = answers.map((a) => a.status);
    const evaluated = statuses.filter((s) => s === 200 || s === 401).length;
    expect({ evaluated, refused: statuses.filter((s) => s === 429).length }).toEqual({ evaluated: MAX, refused: 50 - MAX });
    // Whatever got through, the right password now meets the lock from that address.
    const after = await loginFrom(app.url, '203.0.113.10', 'li.ming@demo.lexflow');
    expect(after.status).toBe(429);
    expect(after.body.code).toBe('login-locked');
  });

  it("an attacker's failures do not lock the owner out from another address", async () => {
    for (let i = 0; i < MAX; i++) expect((await loginFrom(app.url, '198.51.100.7', 'zhang.ting@demo.lexflow', 'x')).status).toBe(401);
    expect((await loginFrom(app.url, '198.51.100.7', 'zhang.ting@demo.lexflow')).status).toBe(429);
    expect((await loginFrom(app.url, '192.0.2.5', 'zhang.ting@demo.lexflow')).status).toBe(200);
  });

  it('locks a pair progressively: 1 minute, then 2', async () => {
    const ip = '198.51.100.20';
    for (let i = 0; i < MAX; i++) await loginFrom(app.url, ip, 'finance@demo.lexflow', 'x');
    const first = await loginFrom(app.url, ip, 'finance@demo.lexflow', 'x');
    expect(first.status).toBe(429);
    expect(Number(first.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(Number(first.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    await tdb
      .db('login_locks')
      .where('ip', ip)
      .update({ locked_until: tdb.db.raw("now() - interval '1 second'") });
    for (let i = 0; i < MAX; i++) expect((await loginFrom(app.url, ip, 'finance@demo.lexflow', 'x')).status).toBe(401);
    const second = await loginFrom(app.url, ip, 'finance@demo.lexflow');
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(110);
    expect(Number(second.headers.get('retry-after'))).toBeLessThanOrEqual(120);
  });

  it('behind a trusted proxy, two people with different X-Forwarded-For are counted apart', async () => {
    for (let i = 0; i < MAX; i++) await loginFrom(app.url, '10.1.1.1', 'assistant@demo.lexflow', 'x');
    expect((await loginFrom(app.url, '10.1.1.1', 'assistant@demo.lexflow')).status).toBe(429);
    const other = await loginFrom(app.url, '10.1.1.2', 'assistant@demo.lexflow');
    expect(other.status).toBe(200);
    const session = await tdb.db('sessions').orderBy('created_at', 'desc').first('ip');
    expect(session.ip).toBe('10.1.1.2');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const untrusting = await startTestApp(tdb.db, { config: { trustProxy: [], loginConcurrency: 8 } });
    try {
      const r = await loginFrom(untrusting.url, '10.9.9.9', 'admin@demo.lexflow');
      expect(r.status).toBe(200);
      const session = await tdb.db('sessions').orderBy('created_at', 'desc').first('ip');
      expect(session.ip).toBe('127.0.0.1');
    } finally {
      await untrusting.server.close();
    }
  });

  it("a good sign-in does not reset the address's failure count", async () => {
    const ip = '203.0.113.50';
    const addressLimit = MAX * 10;
    for (let i = 0; i < addressLimit - 1; i++) {
      expect((await loginFrom(app.url, ip, `nobody${i}@stuffing.example`, 'x')).status).toBe(401);
    }
    expect((await loginFrom(app.url, ip, 'partner@demo.lexflow')).status).toBe(200);
    expect((await loginFrom(app.url, ip, 'nobody-last@stuffing.example', 'x')).status).toBe(401);
    const refused = await loginFrom(app.url, ip, 'nobody-more@stuffing.example', 'x');
    expect(refused.status).toBe(429);
    // The address is refused for every account, the right password too; others still sign in.
    expect((await loginFrom(app.url, ip, 'partner@demo.lexflow')).status).toBe(429);
    expect((await loginFrom(app.url, '203.0.113.51', 'partner@demo.lexflow')).status).toBe(200);
  }, 120_000);
});

describe('unlocking', () => {
  it('an administrator sees the lock and lifts it; other roles may not', async () => {
    const ip = '198.51.100.99';
    for (let i = 0; i <= MAX; i++) await loginFrom(app.url, ip, 'client@demo.lexflow', 'x');
    expect((await loginFrom(app.url, ip, 'client@demo.lexflow')).status).toBe(429);

    const lawyer = new HttpClient(app.url);
    await lawyer.request('POST', '/api/v1/auth/login', {
      json: { email: 'li.ming@demo.lexflow', password: RIGHT },
      headers: { 'x-forwarded-for': '192.0.2.200' },
    });
    expect((await lawyer.get('/api/v1/admin/sign-in-locks')).status).toBe(403);

    const admin = new HttpClient(app.url);
    await admin.request('POST', '/api/v1/auth/login', {
      json: { email: 'admin@demo.lexflow', password: RIGHT },
      headers: { 'x-forwarded-for': '192.0.2.201' },
    });
    const locks = await admin.get('/api/v1/admin/sign-in-locks');
    expect(locks.status).toBe(200);
    expect(locks.body.items).toContainEqual(expect.objectContaining({ email: 'client@demo.lexflow', ip, reason: 'address' }));
    expect((await admin.post('/api/v1/admin/sign-in-locks/unlock', { email: 'Client@Demo.LexFlow' })).status).toBe(204);
    expect((await admin.get('/api/v1/admin/sign-in-locks')).body.items).not.toContainEqual(
      expect.objectContaining({ email: 'client@demo.lexflow' }),
    );
    expect((await loginFrom(app.url, ip, 'client@demo.lexflow')).status).toBe(200);
  });
});
