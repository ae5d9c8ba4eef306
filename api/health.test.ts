import { createTemporalHandle } from './engine';
import { freePort } from '../cli/runtime/ports';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { HttpClient, startTestApp } from '../test/helpers/app';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.drop());

describe('GET /api/v1/health', () => {
  it('reports db and temporal ok against the real PostgreSQL and Temporal', async () => {
    const app = await startTestApp(tdb.db);
    try {
      const r = await new HttpClient(app.url).get('/api/v1/health');
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ status: 'ok', db: 'ok', temporal: 'ok' });
      expect(r.headers.get('cache-control')).toBe('no-store');
    } finally {
      await app.close();
    }
  });

  it('answers 503 naming temporal when Temporal is unreachable', async () => {
    const nobody = createTemporalHandle({ address: `127.0.0.1:${await freePort()}`, namespace: 'default', taskQueue: 'x' });
    const app = await startTestApp(tdb.db, { temporal: nobody });
    try {
      const r = await new HttpClient(app.url).get('/api/v1/health');
      expect(r.status).toBe(503);
      expect(r.body).toEqual({ status: 'error', db: 'ok', temporal: 'error' });
    } finally {
      await app.close();
    }
  });

  it('answers 503 naming db when the database is gone', async () => {
    const doomed = await createTestDatabase();
    const app = await startTestApp(doomed.db);
    try {
      await doomed.drop();
      const r = await new HttpClient(app.url).get('/api/v1/health');
      expect(r.status).toBe(503);
      expect(r.body).toEqual({ status: 'error', db: 'error', temporal: 'ok' });
    } finally {
      await app.close();
    }
  });
});

describe('unknown routes and documents', () => {
  it('answers an unknown API route with 404 problem+json', async () => {
    const app = await startTestApp(tdb.db);
    try {
      const c = new HttpClient(app.url);
      for (const path of ['/api/v1/nothing-here', '/api/v2/health', '/api/unknown']) {
        const r = await c.get(path);
        expect(r.status).toBe(404);
        expect(r.contentType).toContain('application/problem+json');
        expect(r.body.code).toBe('not-found');
      }
    } finally {
      await app.close();
    }
  });
});
