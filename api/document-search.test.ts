import { indexPending } from '../activities/documents/indexer';
import { searchTokens, tsvectorLiteral } from '../domain/search/segment';
import { openRestingCase, startApiStack, type ApiStack } from '../test/helpers/api-stack';
import { chineseLegalText, makeDocx, makePdf, makeScannedPdf } from '../test/helpers/document-fixtures';

/**
 * Full-text search over documents (issue 15, item 4): the text is extracted by the background
 * indexer (not the upload), segmented with the case search's jieba path, and searched per page —
 * a snippet with highlights and the PDF pages that match — across what the viewer may see.
 */
let stack: ApiStack;
let caseId: string;
let otherCaseId: string;
const index = () => indexPending({ db: stack.tdb.db, storage: stack.app.storage });

beforeAll(async () => {
  stack = await startApiStack('document-search', { historical: 0 });
  ({ caseId } = await openRestingCase(stack, { client: '检索测试有限公司', title: '检索案件' }));
  // A case 张婷 leads and 李明 is not on.
  const zhang = stack.as['zhang.ting'];
  const client = (await zhang.post('/api/v1/clients', { kind: 'organisation', name: '另一客户有限公司' })).body;
  otherCaseId = (
    await zhang.post('/api/v1/cases', {
      title: '另一案件',
      clientId: client.id,
      practiceArea: 'civil',
      caseType: 'first_instance',
      leadLawyerId: stack.ids['zhang.ting'],
    })
  ).body.id;
}, 120_000);
afterAll(async () => stack?.close());

it('indexes in the background and finds a PDF by a Chinese word on its page 2, with a snippet and the page', async () => {
  const pages = chineseLegalText(7, 3, { plant: [{ page: 2, word: '鹦鹉螺号货轮' }] });
  const pdf = await makePdf(pages);
  const up = await stack.as['li.ming'].upload(`/api/v1/cases/${caseId}/documents`, [{ name: '货运证据.pdf', data: pdf }], {
    category: 'evidence',
  });
  expect(up.body.items[0].textStatus).toBe('pending');
  // Not found before the indexer ran: extraction is not part of the upload.
  expect((await stack.as['li.ming'].get('/api/v1/documents?q=鹦鹉螺号货轮')).body.total).toBe(0);
  expect(await index()).toBeGreaterThanOrEqual(1);
  const r = await stack.as['li.ming'].get(`/api/v1/documents?q=${encodeURIComponent('鹦鹉螺号货轮')}`);
  expect(r.status).toBe(200);
  expect(r.body.items.map((d: any) => [d.name, d.pages, d.textStatus])).toEqual([['货运证据.pdf', [2], 'text']]);
  const { snippet, highlights } = r.body.items[0];
  expect(highlights.length).toBeGreaterThan(0);
  expect(snippet.slice(highlights[0][0], highlights[0][1])).toMatch(/鹦鹉螺号|货轮/);
  const detail = (await stack.as['li.ming'].get(`/api/v1/documents/${up.body.items[0].id}`)).body;
  expect(detail.versions[0]).toMatchObject({ textStatus: 'text', pageCount: 3 });
});

it('reads DOCX text, marks a scan as having no text, and searches only what the viewer may see', async () => {
  const lawyer = stack.as['li.ming'];
  await lawyer.upload(
    `/api/v1/cases/${caseId}/documents`,
    [{ name: '答辩意见.docx', data: makeDocx(['关于股权代持协议效力的答辩意见']) }],
    {
      category: 'pleadings',
    },
  );
  const scan = await lawyer.upload(`/api/v1/cases/${caseId}/documents`, [{ name: '扫描件.pdf', data: await makeScannedPdf(2) }]);
  await stack.as['zhang.ting'].upload(`/api/v1/cases/${otherCaseId}/documents`, [
    { name: '另案.docx', data: makeDocx(['另案中的股权代持安排']) },
  ]);
  await index();
  const mine = (await lawyer.get(`/api/v1/documents?q=${encodeURIComponent('股权代持')}`)).body;
  expect(mine.items.map((d: any) => d.name)).toEqual(['答辩意见.docx']);
  expect(mine.items[0].pages).toEqual([]);
  const partner = (await stack.as.partner.get(`/api/v1/documents?q=${encodeURIComponent('股权代持')}`)).body;
  expect(partner.items.map((d: any) => d.name).sort()).toEqual(['另案.docx', '答辩意见.docx']);
  expect((await lawyer.get(`/api/v1/documents/${scan.body.items[0].id}`)).body.textStatus).toBe('no-text');
  // Filters: within one case, by type, by category; a case the viewer is not on is 404.
  expect((await lawyer.get(`/api/v1/documents?caseId=${caseId}&type=word`)).body.items.map((d: any) => d.name)).toEqual(['答辩意见.docx']);
  expect((await lawyer.get(`/api/v1/documents?category=evidence&q=${encodeURIComponent('鹦鹉螺号货轮')}`)).body.total).toBe(1);
  expect((await lawyer.get(`/api/v1/documents?caseId=${otherCaseId}`)).status).toBe(404);
});

it('finds a document by its name, and lists the most recent without a query', async () => {
  const r = (await stack.as['li.ming'].get(`/api/v1/documents?q=${encodeURIComponent('答辩意见')}`)).body;
  expect(r.items[0].name).toBe('答辩意见.docx');
  const recent = (await stack.as['li.ming'].get('/api/v1/documents?pageSize=2')).body;
  expect(recent.items).toHaveLength(2);
  expect(recent.total).toBeGreaterThanOrEqual(3);
});

it('shows a frequent word’s hits newest first and counts them only to the pages a reader can reach next (“100+”), a rarer one ranked and counted exactly', async () => {
  const { db } = stack.tdb;
  const lead = stack.ids['li.ming'];
  // 1,001 documents whose text holds 常见词 (bulk rows: the path a worker's indexer would write).
  const docs = await db('documents')
    .insert(
      Array.from({ length: 1001 }, (_, i) => ({
        case_id: caseId,
        category_key: 'evidence',
        name: `批量${i}.txt`,
        created_by: lead,
        updated_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      })),
    )
    .returning('id');
  const versions = await db('document_versions')
    .insert(
      docs.map((d: { id: string }) => ({
        document_id: d.id,
        number: 1,
        sha256: 'a'.repeat(64),
        size_bytes: 10,
        mime: 'text/plain',
        name: 'x.txt',
        uploaded_by: lead,
        text_status: 'text',
      })),
    )
    .returning('id');
  await db('document_pages').insert(
    versions.map((v: { id: string }) => ({
      version_id: v.id,
      page: 1,
      text: '常见词',
      tsv: db.raw('?::tsvector', [tsvectorLiteral({ D: searchTokens('常见词') })]),
    })),
  );
  const many = (await stack.as['li.ming'].get(`/api/v1/documents?q=${encodeURIComponent('常见词')}&pageSize=5`)).body;
  expect([many.total, many.totalIsLowerBound]).toEqual([100, true]);
  expect(many.items.map((d: any) => d.name)).toEqual(['批量1000.txt', '批量999.txt', '批量998.txt', '批量997.txt', '批量996.txt']);
  // Deeper in, the count runs four pages past the one asked for; at the end it is exact.
  const deep = (await stack.as['li.ming'].get(`/api/v1/documents?q=${encodeURIComponent('常见词')}&pageSize=50&page=4`)).body;
  expect([deep.total, deep.totalIsLowerBound, deep.items[0].name]).toEqual([400, true, '批量850.txt']);
  const last = (await stack.as['li.ming'].get(`/api/v1/documents?q=${encodeURIComponent('常见词')}&pageSize=100&page=10`)).body;
  expect([last.total, last.totalIsLowerBound, last.items.length]).toEqual([1001, false, 100]);
  const few = (await stack.as['li.ming'].get(`/api/v1/documents?q=${encodeURIComponent('鹦鹉螺号货轮')}`)).body;
  expect([few.total, few.totalIsLowerBound]).toEqual([1, false]);
});
