import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { indexPending } from '../activities/documents/indexer';
import { openRestingCase, startApiStack, type ApiStack } from '../test/helpers/api-stack';
import { eventually } from '../test/helpers/engine';

/**
 * Documents at their edges (a review of issue 15's first cut): bodies that end early or never,
 * refusals that must leave no bytes behind, what a confidential file must not leak through
 * another route, the recycle bin's purge when storage fails, idempotent retries, reads audited
 * whatever range they ask for, and text too big for one tsvector.
 */
let stack: ApiStack;
let caseId: string;
let clientId: string;
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const lawyer = () => stack.as['li.ming'];
const upload = (files: Array<{ name: string; data: Buffer }>, fields: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  lawyer().upload(`/api/v1/cases/${caseId}/documents`, files, fields, headers);

beforeAll(async () => {
  stack = await startApiStack('documents-hardening', { historical: 0 });
  ({ caseId, clientId } = await openRestingCase(stack, { client: '边界测试有限公司', title: '边界案件' }));
  await lawyer().post(`/api/v1/cases/${caseId}/team`, { userId: stack.ids.assistant, role: 'assistant' });
}, 120_000);
afterAll(async () => stack?.close());

/** A raw multipart request: answers the status, or the socket error. */
function rawPost(pathname: string, body: string | Buffer, opts: { boundary?: string; endEarly?: boolean } = {}): Promise<number | string> {
  const url = new URL(stack.app.url);
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: pathname,
        method: 'POST',
        headers: { cookie: lawyer().cookie, 'content-type': `multipart/form-data; boundary=${opts.boundary ?? 'BND'}` },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode!);
      },
    );
    req.on('error', (e) => resolve(e.message));
    if (opts.endEarly) {
      req.write(body);
      setTimeout(() => req.destroy(), 300);
    } else req.end(body);
  });
}

const tmpFiles = () => {
  const dir = path.join(stack.app.storageRoot!, 'tmp');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

describe('bodies that end early', () => {
  it('answers a body cut off inside a part that is not "file" with a 4xx, and the server lives on', async () => {
    const status = await rawPost(
      `/api/v1/clients/${clientId}/documents`,
      '--BND\r\nContent-Disposition: form-data; name="other"; filename="a.txt"\r\n\r\nhello\r\n',
    );
    expect(status).toBe(400);
    const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]);
    const after = await rawPost(
      `/api/v1/cases/${caseId}/documents`,
      Buffer.concat([
        Buffer.from('--BND\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n'),
        program,
        Buffer.from('\r\n--BND\r\nContent-Disposition: form-data; name="file"; filename="b.pdf"\r\n\r\n%PDF-1.4 cut'),
      ]),
    );
    expect([400, 415]).toContain(after);
    expect((await lawyer().get(`/api/v1/cases/${caseId}/documents`)).status).toBe(200);
  });

  it('keeps no temporary file of an upload whose client went away midway', async () => {
    const head = '--BND\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n\r\n%PDF-1.4\n';
    const status = await rawPost(`/api/v1/cases/${caseId}/documents`, head + 'x'.repeat(3 * 1024 * 1024), { endEarly: true });
    expect(typeof status).toBe('string');
    await eventually(async () => tmpFiles().length === 0, 5_000);
  });
});

describe('refusals keep nothing', () => {
  it('checks the form fields before storing a byte: an unknown category or folder stores no file', async () => {
    const a = pdf('未知分类');
    const b = pdf('未知文件夹');
    expect((await upload([{ name: 'a.pdf', data: a }], { category: 'no-such' })).status).toBe(400);
    expect((await upload([{ name: 'b.pdf', data: b }], { folderId: '00000000-0000-4000-8000-000000000000' })).status).toBe(400);
    expect(await stack.app.storage.has(sha(a))).toBe(false);
    expect(await stack.app.storage.has(sha(b))).toBe(false);
  });

  it('refuses a form field holding NUL before storing a byte (400, not a database error)', async () => {
    // (An unpaired surrogate cannot reach the server in a multipart field: UTF-8 has no encoding for it.)
    const a = pdf('备注含空字符');
    const nul = await upload([{ name: 'a.pdf', data: a }], { note: 'a\u0000b' });
    expect([nul.status, nul.body.code]).toEqual([400, 'validation-error']);
    expect(await stack.app.storage.has(sha(a))).toBe(false);
  });

  it('removes the files already stored of a multi-file upload refused at a later file', async () => {
    const first = pdf('多文件上传第一份');
    const r = await upload([
      { name: 'first.pdf', data: first },
      { name: 'empty.pdf', data: Buffer.alloc(0) },
    ]);
    expect(r.status).toBe(422);
    expect(await stack.app.storage.has(sha(first))).toBe(false);
  });

  it('keeps nothing of a template that was only checked', async () => {
    const bytes = Buffer.from('PK\u0003\u0004 not a docx at all');
    expect((await stack.as.admin.upload('/api/v1/document-templates/check', [{ name: 't.docx', data: bytes }])).status).toBe(422);
    expect(await stack.app.storage.has(sha(bytes))).toBe(false);
  });
});

describe('a confidential document leaks through no other route', () => {
  let secretId: string;
  const secret = pdf('合伙人内部意见 和解底价');
  beforeAll(async () => {
    secretId = (await upload([{ name: '合伙人内部意见.pdf', data: secret }], { category: 'contracts' })).body.items[0].id;
    await lawyer().patch(`/api/v1/documents/${secretId}`, { confidential: true });
  });

  it('does not name it as the duplicate of an upload by someone who may not see it', async () => {
    const r = await stack.as.assistant.upload(`/api/v1/cases/${caseId}/documents`, [{ name: '副本.pdf', data: secret }]);
    expect(r.status).toBe(201);
    expect(r.body.items[0].duplicateOf).toBeNull();
    expect((await upload([{ name: '副本2.pdf', data: secret }])).body.items[0].duplicateOf).toMatchObject({ id: secretId });
  });

  it('refuses to @mention a team member who may not see it', async () => {
    const r = await lawyer().post(`/api/v1/documents/${secretId}/comments`, { body: '底价80万', mentions: [stack.ids.assistant] });
    expect(r.status).toBe(400);
    expect(await stack.tdb.db('notifications').where({ user_id: stack.ids.assistant, kind: 'documentMention' })).toHaveLength(0);
  });

  it('counts only documents the viewer may see in a folder', async () => {
    const folder = (await lawyer().post(`/api/v1/cases/${caseId}/document-folders`, { name: '内部' })).body;
    await lawyer().patch(`/api/v1/documents/${secretId}`, { folderId: folder.id });
    const seen = async (who: 'assistant' | 'li.ming') =>
      (await stack.as[who].get(`/api/v1/cases/${caseId}/document-folders`)).body.items.find((f: any) => f.id === folder.id).documents;
    expect(await seen('li.ming')).toBe(1);
    expect(await seen('assistant')).toBe(0);
  });
});

describe('the recycle bin', () => {
  it('loses no file when a storage delete fails while it is emptied', async () => {
    const docs = [];
    for (const n of [1, 2, 3])
      docs.push({ data: pdf(`回收站 ${n}`), id: (await upload([{ name: `bin${n}.pdf`, data: pdf(`回收站 ${n}`) }])).body.items[0].id });
    for (const d of docs) await lawyer().del(`/api/v1/documents/${d.id}`);
    const storage = stack.app.storage;
    const realDelete = storage.delete.bind(storage);
    let calls = 0;
    storage.delete = async (h: string) => {
      if (++calls === 2) throw new Error('storage unavailable (test)');
      return realDelete(h);
    };
    try {
      const r = await stack.as.admin.del('/api/v1/recycle-bin/documents');
      // The rows are gone for good; a file that could not be deleted stays (an orphan), never the other way round.
      expect(r.status).toBe(200);
    } finally {
      storage.delete = realDelete;
    }
    for (const d of docs) expect(await stack.tdb.db('documents').where({ id: d.id }).first()).toBeUndefined();
  });
});

describe('idempotent retries', () => {
  it('answers a retried upload (same file, new multipart boundary) with the first result', async () => {
    const data = pdf('重试上传');
    const headers = { 'Idempotency-Key': `upload-${Date.now()}` };
    const first = await upload([{ name: '重试.pdf', data }], {}, headers);
    const again = await upload([{ name: '重试.pdf', data }], {}, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.items[0].id).toBe(first.body.items[0].id);
  });

  it('finishes an upload whose answer was lost with the documents it made', async () => {
    const data = pdf('答复丢失');
    const key = `lost-${Date.now()}`;
    const first = await upload([{ name: '丢失.pdf', data }], {}, { 'Idempotency-Key': key });
    // As if the API died after the commit, before the answer was kept.
    await stack.tdb
      .db('idempotency_keys')
      .where({ key })
      .update({ status: null, response: null, lease_until: new Date(0) });
    const again = await upload([{ name: '丢失.pdf', data }], {}, { 'Idempotency-Key': key });
    expect(again.status).toBe(201);
    expect(again.body.items.map((d: any) => d.id)).toEqual([first.body.items[0].id]);
    expect(await stack.tdb.db('documents').where({ case_id: caseId, name: '丢失.pdf' })).toHaveLength(1);
  });

  it('finishes a generate whose answer was lost with the document it made, and uses no second 函号', async () => {
    const key = `gen-${Date.now()}`;
    const body = { templateKey: 'firm-letter', form: { agentRole: 'agent', recipient: '北京市朝阳区人民法院' } };
    const first = await lawyer().request('POST', `/api/v1/cases/${caseId}/documents/generate`, {
      json: body,
      headers: { 'Idempotency-Key': key },
    });
    expect(first.status).toBe(201);
    await stack.tdb
      .db('idempotency_keys')
      .where({ key })
      .update({ status: null, response: null, lease_until: new Date(0) });
    const again = await lawyer().request('POST', `/api/v1/cases/${caseId}/documents/generate`, {
      json: body,
      headers: { 'Idempotency-Key': key },
    });
    expect(again.body.id).toBe(first.body.id);
    expect((await stack.tdb.db('document_counters').where({ scope: 'firm-letter' }).first()).last).toBe(1);
  });
});

describe('reads', () => {
  it('audits a read whatever range it asks for, once per viewing', async () => {
    const data = pdf('范围读取'.repeat(50));
    const id = (await upload([{ name: '范围.pdf', data }])).body.items[0].id;
    await stack.as.partner.download(`/api/v1/documents/${id}/content`, { range: 'bytes=1-' });
    await stack.as.partner.download(`/api/v1/documents/${id}/content`, { range: 'bytes=10-20' });
    const rows = await stack.tdb.db('audit_log').where({ entity: 'document', entity_id: id, actor_id: stack.ids.partner });
    expect(rows).toHaveLength(1);
  });

  it('serves an unsatisfiable-looking range that is merely invalid (bytes=5-2) whole', async () => {
    const data = pdf('无效范围');
    const id = (await upload([{ name: '无效范围.pdf', data }])).body.items[0].id;
    const r = await lawyer().download(`/api/v1/documents/${id}/content`, { range: 'bytes=5-2' });
    expect(r.status).toBe(200);
    expect(r.bytes.equals(data)).toBe(true);
  });
});

describe('names', () => {
  it('cleans a new name as it cleans an uploaded one, and keeps a long Chinese name’s extension', async () => {
    const id = (await upload([{ name: '改名.pdf', data: pdf('改名') }])).body.items[0].id;
    expect((await lawyer().patch(`/api/v1/documents/${id}`, { name: 'invoice\u202efdp.exe' })).body.name).toBe('invoicefdp.exe');
    expect((await lawyer().patch(`/api/v1/documents/${id}`, { name: '../../CON' })).body.name).not.toMatch(/\.\.|\//);
    const long = `${'证'.repeat(150)}.pdf`;
    const r = await upload([{ name: long, data: pdf('长文件名') }]);
    expect(r.body.items[0].name.endsWith('.pdf')).toBe(true);
  });
});

describe('text extraction', () => {
  it('marks as failed, after its attempts, a text too big for the search index, and does not retry for ever', async () => {
    const words = Array.from({ length: 160_000 }, (_, i) => `w${i.toString(36)}x`).join(' ');
    const r = await upload([{ name: 'huge.txt', data: Buffer.from(words) }]);
    const versionId = (await stack.tdb.db('document_versions').where({ document_id: r.body.items[0].id }).first()).id;
    for (let i = 0; i < 5; i++) {
      await indexPending({ db: stack.tdb.db, storage: stack.app.storage });
      await stack.tdb.db('document_versions').where({ id: versionId }).update({ text_claimed_until: null });
    }
    const v = await stack.tdb.db('document_versions').where({ id: versionId }).first();
    expect(v.text_status).not.toBe('pending');
  });
});
