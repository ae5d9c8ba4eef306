import pino from 'pino';
import { Readable } from 'node:stream';
import { insertDocument } from '../../db/repositories/documents';
import { testStorage } from '../../test/helpers/app';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db';
import { eventually, insertTestCase } from '../../test/helpers/engine';
import { chineseLegalText, makePdf } from '../../test/helpers/document-fixtures';
import { seedDemo } from '../../test/helpers/users';
import { startDocumentIndexer } from './indexer';

/** The worker's indexer stops within a document, not after the queue: a shutdown does not wait for a backlog. */
let tdb: TestDatabase;
const files = testStorage();
beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
}, 60_000);
afterAll(async () => {
  await tdb?.drop();
  files.remove();
});

it('stops after the document at hand, leaving the rest waiting (claims given back) for the next start', async () => {
  const { caseId, leadId } = await insertTestCase(tdb.db);
  const stored = await files.storage.put(Readable.from([await makePdf(chineseLegalText(5, 3))]), { maxBytes: 10_000_000 });
  for (let i = 0; i < 40; i++) {
    await tdb.db.transaction((trx) =>
      insertDocument(
        trx,
        {
          caseId,
          clientId: null,
          folderId: null,
          category: 'evidence',
          name: `积压${i}.pdf`,
          nameTsv: '',
          source: 'upload',
          createdBy: leadId,
        },
        { ...stored, mime: 'application/pdf', name: `积压${i}.pdf`, note: null, uploadedBy: leadId },
      ),
    );
  }
  const stop = startDocumentIndexer({ db: tdb.db, storage: files.storage, logger: pino({ level: 'silent' }) }, 50);
  await eventually(async () => (await tdb.db('document_versions').where({ text_status: 'text' }).first('id')) ?? false, 30_000);
  const t0 = Date.now();
  await stop();
  const stoppedIn = Date.now() - t0;
  const left = await tdb.db('document_versions').where({ text_status: 'pending' });
  expect(left.length).toBeGreaterThan(20);
  expect(stoppedIn).toBeLessThan(2_000);
  expect(left.every((v) => v.text_claimed_until === null)).toBe(true);
}, 60_000);
