import { createDb, type Db } from '../db/connection';
import { HttpClient, startTestApp, type TestApp } from '../test/helpers/app';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { tcpRelay, type TcpRelay } from '../test/helpers/tcp-relay';
import { seedDemo } from '../test/helpers/users';

/**
 * Issue 13, finding 9: while PostgreSQL is down every request that needs it answers 503
 * problem+json with Retry-After (never 500), and the API recovers by itself when it returns.
 * The outage is real: the app reaches the real database through a TCP relay that the test cuts
 * (every open connection reset, new ones refused) and restores.
 */

let tdb: TestDatabase;
let db: Db;
let app: TestApp;
let link: TcpRelay;
let partner: HttpClient;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  const url = new URL(tdb.url);
  link = tcpRelay({ host: url.hostname, port: Number(url.port) });
  url.hostname = '127.0.0.1';
  url.port = String(await link.listen());
  db = createDb(url.toString(), { poolMax: 4 });
  app = await startTestApp(db);
  partner = new HttpClient(app.url);
  expect((await partner.login('partner@demo.lexflow')).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await db?.destroy();
  await link?.close();
  await tdb?.drop();
});

test('503 with Retry-After while the database is down, and back by itself when it returns', async () => {
  expect((await partner.get('/api/v1/cases')).status).toBe(200);
  link.cut();
  const during = [];
  for (const [method, path, json] of [
    ['GET', '/api/v1/cases', undefined],
    ['GET', '/api/v1/clients?q=张', undefined],
    ['POST', '/api/v1/clients', { kind: 'person', name: '停机时' }],
    ['GET', '/api/v1/me', undefined],
    ['GET', '/api/v1/cases', undefined],
  ] as const) {
    const started = Date.now();
    const r = await partner.request(method, path, { json });
    during.push({ path, status: r.status, type: r.contentType, retryAfter: r.headers.get('retry-after'), ms: Date.now() - started });
  }
  for (const d of during) {
    expect(d).toEqual({
      path: d.path,
      status: 503,
      type: expect.stringContaining('problem+json'),
      retryAfter: expect.stringMatching(/^\d+$/),
      ms: d.ms,
    });
    expect(d.ms).toBeLessThan(5_000);
  }
  link.restore();
  const after = await partner.get('/api/v1/cases');
  expect(after.status).toBe(200);
  // Nothing was created while the database was away, and the refused POST left no half-written row.
  expect(await tdb.db('clients').where({ name: '停机时' }).count('* as n')).toEqual([{ n: '0' }]);
});
