import { createHash, randomUUID } from 'node:crypto';
import { makeDocx } from '../test/helpers/document-fixtures';
import { openRestingCase, startApiStack, type ApiStack } from '../test/helpers/api-stack';
import { HttpClient } from '../test/helpers/app';

/**
 * Documents through the API (issue 15): uploads streamed into real storage with the type told
 * from the bytes, versions and restore, the recycle bin, comments with @mentions, and who may see
 * what — a lawyer off the case, finance outside its categories and on a confidential file, a
 * client, a forged document id, an ended session. Every read is audited.
 */
let stack: ApiStack;
let caseId: string;
let clientId: string;

const MIB = 1024 * 1024;
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  stack = await startApiStack('documents', { historical: 0 });
  ({ caseId, clientId } = await openRestingCase(stack, { client: '文档测试有限公司', title: '文档案件' }));
  await stack.as['li.ming'].post(`/api/v1/cases/${caseId}/team`, { userId: stack.ids.assistant, role: 'assistant' });
}, 120_000);
afterAll(async () => stack?.close());

const lawyer = () => stack.as['li.ming'];
const upload = (who: HttpClient, files: Array<{ name: string; data: Buffer }>, fields: Record<string, string> = {}) =>
  who.upload(`/api/v1/cases/${caseId}/documents`, files, fields);

describe('uploading', () => {
  it('stores several files at once, each with the type told from its bytes, and serves them back', async () => {
    const a = pdf('起诉状');
    const b = makeDocx(['证据目录']);
    const r = await upload(
      lawyer(),
      [
        { name: '起诉状.pdf', data: a },
        { name: '证据目录.docx', data: b },
      ],
      { category: 'pleadings', note: '初稿' },
    );
    expect(r.status).toBe(201);
    expect(r.body.items.map((d: any) => [d.name, d.mime, d.size, d.version, d.category])).toEqual([
      ['起诉状.pdf', 'application/pdf', a.length, 1, 'pleadings'],
      ['证据目录.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', b.length, 1, 'pleadings'],
    ]);
    expect(await stack.app.storage.has(sha(a))).toBe(true);
    const got = await lawyer().download(`/api/v1/documents/${r.body.items[0].id}/content`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toContain("filename*=UTF-8''%E8%B5%B7%E8%AF%89%E7%8A%B6.pdf");
    expect(got.bytes.equals(a)).toBe(true);
    // A DOCX is never shown inline by the browser: it is an attachment, in a sandbox.
    const word = await lawyer().download(`/api/v1/documents/${r.body.items[1].id}/content`);
    expect(word.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(word.headers.get('content-security-policy')).toContain('sandbox');
    const list = await lawyer().get(`/api/v1/cases/${caseId}/documents?category=pleadings`);
    expect(list.body.total).toBe(2);
  });

  it('serves byte ranges (a large PDF is read page by page) and refuses one past the end', async () => {
    const data = Buffer.from('%PDF-1.4\n' + 'x'.repeat(5000));
    const id = (await upload(lawyer(), [{ name: 'range.pdf', data }])).body.items[0].id;
    const part = await lawyer().download(`/api/v1/documents/${id}/content`, { range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${data.length}`);
    expect(part.bytes.equals(data.subarray(100, 200))).toBe(true);
    const past = await lawyer().download(`/api/v1/documents/${id}/content`, { range: `bytes=${data.length}-` });
    expect(past.status).toBe(416);
  });

  it('says when the same bytes are already in the case', async () => {
    const data = pdf('重复的证据');
    const first = await upload(lawyer(), [{ name: '借条.pdf', data }], { category: 'evidence' });
    const again = await upload(lawyer(), [{ name: '借条-副本.pdf', data }], { category: 'evidence' });
    expect(again.status).toBe(201);
    expect(again.body.items[0].duplicateOf).toEqual({ id: first.body.items[0].id, name: '借条.pdf', caseId });
  });

  it('refuses an empty file, a program renamed .pdf, a body that is no multipart, an unknown category — storing nothing', async () => {
    const before = await stack.tdb.db('document_versions').count({ n: '*' });
    const empty = await upload(lawyer(), [{ name: 'empty.pdf', data: Buffer.alloc(0) }]);
    expect([empty.status, empty.body.code]).toEqual([422, 'empty-file']);
    const exe = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(58),
      Buffer.from([0x80, 0, 0, 0]),
      Buffer.alloc(64),
      Buffer.from('PE\0\0'),
      Buffer.alloc(200),
    ]);
    const program = await upload(lawyer(), [{ name: '判决书.pdf', data: exe }]);
    expect([program.status, program.body.code]).toEqual([415, 'file-type-refused']);
    expect(await stack.app.storage.has(sha(exe))).toBe(false);
    const json = await lawyer().post(`/api/v1/cases/${caseId}/documents`, { file: 'x' });
    expect([json.status, json.body.code]).toEqual([415, 'unsupported-media-type']);
    const category = await upload(lawyer(), [{ name: 'a.pdf', data: pdf('a') }], { category: 'no-such' });
    expect(category.status).toBe(400);
    expect(await stack.tdb.db('document_versions').count({ n: '*' })).toEqual(before);
  });

  it('keeps only the last part of a path-traversal file name, cleaned', async () => {
    const r = await upload(lawyer(), [{ name: '../../../etc/passwd', data: Buffer.from('root:x:0:0\n') }]);
    expect(r.status).toBe(201);
    expect(r.body.items[0].name).toBe('passwd');
    expect(r.body.items[0].mime).toBe('text/plain');
    const odd = await upload(lawyer(), [{ name: '..\\..\\证据\u202e.txt', data: Buffer.from('证据') }]);
    expect(odd.body.items[0].name).toBe('证据.txt');
  });

  it('refuses a 201 MB file without storing any of it, and the API stays usable', async () => {
    const size = 201 * MIB;
    const boundary = `----lexflow${randomUUID()}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const chunk = Buffer.alloc(MIB, 0x20);
    async function* body() {
      yield head;
      for (let sent = 0; sent < size; sent += MIB) yield chunk;
      yield tail;
    }
    const res = await fetch(`${stack.app.url}/api/v1/cases/${caseId}/documents`, {
      method: 'POST',
      headers: { cookie: lawyer().cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: ReadableStream.from(body()),
      duplex: 'half',
    } as RequestInit);
    const problem = (await res.json()) as { code: string; detail: string };
    expect([res.status, problem.code]).toEqual([413, 'file-too-large']);
    expect(problem.detail).toContain('200 MB');
    const tmp = await stack.tdb
      .db('document_versions')
      .where('size_bytes', '>', 200 * MIB)
      .count({ n: '*' });
    expect(Number(tmp[0].n)).toBe(0);
    expect((await lawyer().get(`/api/v1/cases/${caseId}/documents`)).status).toBe(200);
  }, 120_000);
});

describe('versions and the recycle bin', () => {
  it('keeps every version, restores an earlier one as the newest, and deletes to a bin an admin empties', async () => {
    const v1 = pdf('代理词 第一稿');
    const v2 = pdf('代理词 第二稿');
    const id = (await upload(lawyer(), [{ name: '代理词.pdf', data: v1 }])).body.items[0].id;
    const second = await lawyer().upload(`/api/v1/documents/${id}/versions`, [{ name: '代理词-改.pdf', data: v2 }], {
      note: '按合伙人意见修改',
    });
    expect([second.status, second.body.version]).toEqual([201, 2]);
    const restored = await lawyer().post(`/api/v1/documents/${id}/versions/1/restore`);
    expect([restored.status, restored.body.version]).toEqual([201, 3]);
    const detail = (await lawyer().get(`/api/v1/documents/${id}`)).body;
    expect(detail.versions.map((v: any) => [v.number, v.note, v.restoredFrom, v.sha256])).toEqual([
      [3, null, 1, sha(v1)],
      [2, '按合伙人意见修改', null, sha(v2)],
      [1, null, null, sha(v1)],
    ]);
    expect((await lawyer().download(`/api/v1/documents/${id}/content`)).bytes.equals(v1)).toBe(true);
    expect((await lawyer().download(`/api/v1/documents/${id}/content?version=2`)).bytes.equals(v2)).toBe(true);

    expect((await lawyer().del(`/api/v1/documents/${id}`)).status).toBe(204);
    expect((await lawyer().get(`/api/v1/documents/${id}`)).status).toBe(404);
    const bin = (await stack.as.partner.get('/api/v1/recycle-bin/documents')).body;
    expect(bin.items.map((d: any) => d.id)).toContain(id);
    expect((await lawyer().get('/api/v1/recycle-bin/documents')).status).toBe(403);
    expect((await stack.as.partner.del('/api/v1/recycle-bin/documents')).status).toBe(403);
    expect((await lawyer().post(`/api/v1/documents/${id}/undelete`)).body.deletedAt).toBeNull();
    await lawyer().del(`/api/v1/documents/${id}`);
    const purge = await stack.as.admin.del('/api/v1/recycle-bin/documents');
    expect(purge.status).toBe(200);
    expect(purge.body.purged).toBeGreaterThanOrEqual(1);
    // v2's bytes were this document's alone; v1's too (its other copy was this document's) — both gone.
    expect(await stack.app.storage.has(sha(v2))).toBe(false);
    expect(await stack.tdb.db('documents').where({ id }).first()).toBeUndefined();
  });
});

describe('comments', () => {
  it('anchors a comment to a PDF page, notifies the @mentioned colleague once, refuses a stranger, resolves and reopens', async () => {
    const id = (await upload(lawyer(), [{ name: '证据清单.pdf', data: pdf('证据清单') }])).body.items[0].id;
    const c = await lawyer().post(`/api/v1/documents/${id}/comments`, {
      body: '第2页金额有误',
      anchor: { page: 2, x: 0.4, y: 0.3 },
      mentions: [stack.ids.assistant],
    });
    expect(c.status).toBe(201);
    expect(c.body.anchor).toEqual({ page: 2, x: 0.4, y: 0.3 });
    expect(c.body.mentions).toEqual([{ id: stack.ids.assistant, name: expect.any(String) }]);
    const notices = await stack.tdb.db('notifications').where({ user_id: stack.ids.assistant, kind: 'documentMention' });
    expect(notices).toHaveLength(1);
    expect(notices[0].title).toContain('证据清单.pdf');
    const stranger = await lawyer().post(`/api/v1/documents/${id}/comments`, { body: '看一下', mentions: [stack.ids['zhang.ting']] });
    expect(stranger.status).toBe(400);
    const reply = await stack.as.assistant.post(`/api/v1/documents/${id}/comments`, { body: '已改', parentId: c.body.id });
    expect(reply.body.parentId).toBe(c.body.id);
    expect((await lawyer().post(`/api/v1/documents/${id}/comments/${c.body.id}/resolve`)).body.resolvedBy.id).toBe(stack.ids['li.ming']);
    expect((await lawyer().post(`/api/v1/documents/${id}/comments/${c.body.id}/reopen`)).body.resolvedAt).toBeNull();
    expect((await lawyer().get(`/api/v1/documents/${id}/comments`)).body.items).toHaveLength(2);
  });
});

describe('who sees what', () => {
  let evidence: string;
  let contract: string;
  let secret: string;
  beforeAll(async () => {
    evidence = (await upload(lawyer(), [{ name: '转账记录.pdf', data: pdf('转账记录') }], { category: 'evidence' })).body.items[0].id;
    contract = (await upload(lawyer(), [{ name: '委托代理合同.pdf', data: pdf('委托代理合同') }], { category: 'contracts' })).body.items[0]
      .id;
    secret = (await upload(lawyer(), [{ name: '内部意见.pdf', data: pdf('内部意见') }], { category: 'contracts' })).body.items[0].id;
    expect((await lawyer().patch(`/api/v1/documents/${secret}`, { confidential: true })).body.confidential).toBe(true);
  });

  it('hides a case’s documents from a lawyer off the case (404 on list, content, upload)', async () => {
    const off = stack.as['zhang.ting'];
    expect((await off.get(`/api/v1/cases/${caseId}/documents`)).status).toBe(404);
    expect((await off.download(`/api/v1/documents/${evidence}/content`)).status).toBe(404);
    expect((await off.upload(`/api/v1/cases/${caseId}/documents`, [{ name: 'x.pdf', data: pdf('x') }])).status).toBe(404);
  });

  it('shows finance the finance categories only, and never a confidential file', async () => {
    const finance = stack.as.finance;
    expect((await finance.download(`/api/v1/documents/${contract}/content`)).status).toBe(200);
    expect((await finance.download(`/api/v1/documents/${evidence}/content`)).status).toBe(404);
    expect((await finance.download(`/api/v1/documents/${secret}/content`)).status).toBe(404);
    const seen = (await finance.get(`/api/v1/cases/${caseId}/documents?pageSize=200`)).body.items.map((d: any) => d.id);
    expect(seen).toContain(contract);
    expect(seen).not.toContain(evidence);
    expect(seen).not.toContain(secret);
  });

  it('shows a confidential file to the lead lawyer and partners only, not the assistant on the team or an admin', async () => {
    expect((await lawyer().get(`/api/v1/documents/${secret}`)).status).toBe(200);
    expect((await stack.as.partner.get(`/api/v1/documents/${secret}`)).status).toBe(200);
    expect((await stack.as.assistant.get(`/api/v1/documents/${secret}`)).status).toBe(404);
    expect((await stack.as.admin.get(`/api/v1/documents/${secret}`)).status).toBe(404);
    expect((await stack.as.assistant.get(`/api/v1/documents/${evidence}`)).status).toBe(200);
  });

  it('gives a client no staff document route (the portal shows shared files), a forged id 404, an ended session 401', async () => {
    expect((await stack.as.client.download(`/api/v1/documents/${evidence}/content`)).status).toBe(403);
    expect((await lawyer().download(`/api/v1/documents/${randomUUID()}/content`)).status).toBe(404);
    expect((await lawyer().download(`/api/v1/documents/not-a-uuid/content`)).status).toBe(400);
    const gone = new HttpClient(stack.app.url);
    await gone.login('li.ming@demo.lexflow');
    await gone.post('/api/v1/auth/logout');
    expect((await gone.download(`/api/v1/documents/${evidence}/content`)).status).toBe(401);
  });

  it('audits every read of a file and every change', async () => {
    await stack.as.partner.download(`/api/v1/documents/${evidence}/content?download=1`);
    const reads = await stack.tdb
      .db('audit_log')
      .where({ entity: 'document', entity_id: evidence, action: 'document.download', actor_id: stack.ids.partner });
    expect(reads).toHaveLength(1);
    const changes = await stack.tdb.db('audit_log').where({ entity: 'document', entity_id: secret }).whereLike('action', 'PATCH%');
    expect(changes).toHaveLength(1);
  });

  it('keeps a client’s own documents on the client profile', async () => {
    const r = await lawyer().upload(`/api/v1/clients/${clientId}/documents`, [{ name: '营业执照.pdf', data: pdf('营业执照') }], {
      category: 'identity',
    });
    expect(r.status).toBe(201);
    expect(r.body.items[0].clientId).toBe(clientId);
    expect((await lawyer().get(`/api/v1/clients/${clientId}/documents`)).body.total).toBe(1);
    expect((await stack.as['zhang.ting'].get(`/api/v1/clients/${clientId}/documents`)).status).toBe(404);
  });
});

describe('folders and categories', () => {
  it('makes folders in a case, refuses a second of one name and deleting one that holds documents', async () => {
    const f = await lawyer().post(`/api/v1/cases/${caseId}/document-folders`, { name: '一审证据', category: 'evidence' });
    expect(f.status).toBe(201);
    expect((await lawyer().post(`/api/v1/cases/${caseId}/document-folders`, { name: '一审证据', category: 'evidence' })).status).toBe(409);
    await upload(lawyer(), [{ name: '合同.pdf', data: pdf('合同 文件夹') }], { category: 'evidence', folderId: f.body.id });
    expect((await lawyer().get(`/api/v1/cases/${caseId}/document-folders`)).body.items[0].documents).toBe(1);
    expect((await lawyer().del(`/api/v1/cases/${caseId}/document-folders/${f.body.id}`)).status).toBe(409);
  });

  it('lets admins (only) add and archive categories', async () => {
    expect(
      (await lawyer().post('/api/v1/document-categories', { key: 'expert', nameZh: '鉴定材料', nameEn: 'Expert reports' })).status,
    ).toBe(403);
    expect(
      (await stack.as.admin.post('/api/v1/document-categories', { key: 'expert', nameZh: '鉴定材料', nameEn: 'Expert reports' })).status,
    ).toBe(201);
    expect((await stack.as.admin.patch('/api/v1/document-categories/expert', { archived: true })).body.archived).toBe(true);
    const cats = (await lawyer().get('/api/v1/document-categories')).body.items.map((c: any) => c.key);
    expect(cats.slice(0, 3)).toEqual(['evidence', 'pleadings', 'contracts']);
    expect((await upload(lawyer(), [{ name: 'a.pdf', data: pdf('archived') }], { category: 'expert' })).status).toBe(400);
  });
});
