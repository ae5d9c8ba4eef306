import { AUDIT_SENTENCES, auditEventCode } from '../domain/audit/events';
import en from '../ui/src/i18n/en';
import zhCN from '../ui/src/i18n/zh-CN';
import { HttpClient, startTestApp, type TestApp } from './helpers/app';
import { createTestDatabase, type TestDatabase } from './helpers/db';

/**
 * Every action the API writes to the audit log reads as a sentence in both languages: each
 * changing route of /api/docs (its row's action is the route), and the named reads.
 */
let tdb: TestDatabase;
let app: TestApp;
beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await startTestApp(tdb.db);
});
afterAll(async () => {
  await app.close();
  await tdb.drop();
});

const READS = [
  'document.view',
  'document.download',
  'GET /api/v1/cases/:id',
  'GET /api/v1/cases/:id/parties',
  'GET /api/v1/cases/:id/documents',
  'GET /api/v1/documents/:id',
  'GET /api/v1/clients/:id',
  'GET /api/v1/admin/audit-log/export',
];

it('every audited route and read has a sentence in zh-CN and en, and the UI catalogues carry them', async () => {
  const doc = (await new HttpClient(app.url).get('/api/docs')).body as { paths: Record<string, Record<string, unknown>> };
  const actions = Object.entries(doc.paths).flatMap(([p, methods]) =>
    Object.keys(methods)
      .filter((m) => m !== 'get')
      .map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
  );
  expect(actions.length).toBeGreaterThan(100);
  const missing = [...actions, ...READS].filter(
    (a) => !AUDIT_SENTENCES['zh-CN'][auditEventCode(a)] || !AUDIT_SENTENCES.en[auditEventCode(a)],
  );
  expect(missing).toEqual([]);
  for (const a of [...actions, ...READS]) {
    const code = auditEventCode(a);
    expect(zhCN.audit.events[code]).toBe(AUDIT_SENTENCES['zh-CN'][code]);
    expect(en.audit.events[code]).toBe(AUDIT_SENTENCES.en[code]);
  }
});
