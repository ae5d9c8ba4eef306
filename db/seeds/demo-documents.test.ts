import mammoth from 'mammoth';
import { indexPending } from '../../activities/documents/indexer';
import { testStorage } from '../../test/helpers/app';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db';
import { seedDemo } from '../../test/helpers/users';
import { seedDemoCases } from './demo-cases';
import { seedDemoDocuments } from './demo-documents';

/** The demo firm's documents: real PDFs and DOCX with Chinese text on its cases, searchable once indexed. */
let tdb: TestDatabase;
const files = testStorage();

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  // The closed history alone: no workflow needed.
  await seedDemoCases(tdb.db, null, { historical: 6, active: 0, now: new Date('2026-11-29T00:00:00Z') });
}, 60_000);
afterAll(async () => {
  await tdb?.drop();
  files.remove();
});

it('files evidence, a draft and a generated 授权委托书 on each case, once, with text the indexer reads', async () => {
  const made = await seedDemoDocuments(tdb.db, files.storage, { cases: 4, today: '2026-12-03' });
  expect(made).toBeGreaterThanOrEqual(8);
  expect(await seedDemoDocuments(tdb.db, files.storage, { cases: 4, today: '2026-12-03' })).toBe(0);
  const docs = await tdb
    .db('documents as d')
    .join('document_versions as v', 'v.document_id', 'd.id')
    .select('d.name', 'd.source', 'v.mime', 'v.sha256');
  expect(docs.filter((d) => d.mime === 'application/pdf').length).toBe(4);
  for (const d of docs) expect(await files.storage.has(d.sha256)).toBe(true);
  const poa = docs.find((d) => d.source === 'generated')!;
  const parts: Buffer[] = [];
  for await (const p of await files.storage.get(poa.sha256)) parts.push(p as Buffer);
  expect((await mammoth.extractRawText({ buffer: Buffer.concat(parts) })).value).toContain('授权委托书');
  expect(await indexPending({ db: tdb.db, storage: files.storage })).toBe(docs.length);
  const statuses = await tdb.db('document_versions').distinct('text_status').pluck('text_status');
  expect(statuses).toEqual(['text']);
  const pages = await tdb.db('document_pages').count({ n: '*' });
  expect(Number(pages[0].n)).toBeGreaterThanOrEqual(4 * 3);
}, 120_000);
