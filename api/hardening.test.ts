import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HttpClient, startTestApp, type TestApp } from '../test/helpers/app';
import { openRestingCase, startApiStack, type ApiStack } from '../test/helpers/api-stack';

/**
 * Issue 13, findings 2, 3 and 6: the edge refuses what PostgreSQL cannot store (NUL, unpaired
 * surrogates) in every body, query and path; a refused or accepted change has exactly one audit row
 * with its request id, whatever it carried; the client's mistakes are 4xx problems, never 500.
 */

let stack: ApiStack;
let caseId: string;

const NUL = 'a\u0000b';
const LONE = 'settled \ud800';

beforeAll(async () => {
  stack = await startApiStack('hardening', { historical: 0 });
  ({ caseId } = await openRestingCase(stack, { client: '加固测试有限公司', title: '加固' }));
}, 60_000);
afterAll(() => stack?.close());

async function auditRows(requestId: string | null) {
  expect(requestId).toBeTruthy();
  return stack.tdb.db('audit_log').where({ request_id: requestId });
}

describe('text the database cannot store is refused at the edge', () => {
  const bad = [NUL, LONE, '\udc00 trailing low'];

  test.each(bad.map((v) => [JSON.stringify(v), v]))('close / advance / events refuse %s and the case still moves', async (_label, v) => {
    const lawyer = stack.as['li.ming'];
    for (const [p, body] of [
      [`/api/v1/cases/${caseId}/close`, { outcome: v }],
      [`/api/v1/cases/${caseId}/close`, { outcome: '调解结案', reason: v }],
      [`/api/v1/cases/${caseId}/advance`, { reason: v }],
      [`/api/v1/cases/${caseId}/events`, { name: 'judgmentServed', variables: { note: v } }],
      [`/api/v1/cases/${caseId}/events`, { name: 'judgmentServed', variables: { [v]: 'key' } }],
    ] as const) {
      const r = await lawyer.post(p, body);
      expect({ p, status: r.status, type: r.contentType }).toEqual({ p, status: 400, type: expect.stringContaining('problem+json') });
      expect(r.body.errors?.[0]?.message).toMatch(/NUL|surrogate/);
    }
    const progress = await lawyer.get(`/api/v1/cases/${caseId}/progress`);
    expect(progress.status).toBe(200);
  });

  test.each([
    '/api/v1/cases?court=a%00b',
    '/api/v1/clients?q=a%00b',
    '/api/v1/tasks?q=a%00b',
    '/api/v1/client-options?q=a%00b',
    '/api/v1/admin/audit-log?entity=a%00b',
  ])('query %s is a 400', async (url) => {
    const r = await stack.as.admin.get(url);
    expect([r.status, r.contentType]).toEqual([400, expect.stringContaining('problem+json')]);
  });
});

describe('every mutating request has exactly one audit row, written before its answer', () => {
  test('a refused close with a lone surrogate: 400, case still open, one audit row', async () => {
    const r = await stack.as['li.ming'].post(`/api/v1/cases/${caseId}/close`, { outcome: LONE });
    expect(r.status).toBe(400);
    const rows = await auditRows(r.headers.get('x-request-id'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 400, entity: 'case', entity_id: caseId });
    expect((await stack.tdb.db('cases').where({ id: caseId }).first('status')).status).toBe('active');
  });

  test('malformed JSON, an unknown route and a cross-origin POST are audited too', async () => {
    const lawyer = stack.as['li.ming'];
    const malformed = await lawyer.request('POST', `/api/v1/cases/${caseId}/close`, { raw: '{"outcome":' });
    const tooBig = await lawyer.request('POST', `/api/v1/cases/${caseId}/close`, {
      raw: JSON.stringify({ outcome: 'x'.repeat(2_000_000) }),
    });
    const unknown = await lawyer.post('/api/v1/no-such-thing', {});
    const crossSite = await lawyer.request('POST', `/api/v1/cases/${caseId}/close`, {
      json: { outcome: '调解结案' },
      headers: { origin: 'https://evil.example' },
    });
    for (const [r, status] of [
      [malformed, 400],
      [tooBig, 413],
      [unknown, 404],
      [crossSite, 403],
    ] as const) {
      expect(r.status).toBe(status);
      const rows = await auditRows(r.headers.get('x-request-id'));
      expect(rows).toHaveLength(1);
      expect(rows[0].status).toBe(status);
      expect(rows[0].actor_id).toBe(stack.ids['li.ming']);
    }
  });

  test('an accepted change with text in its details has its row once, with the final status', async () => {
    const r = await stack.as['li.ming'].post(`/api/v1/cases/${caseId}/advance`, { reason: '当事人要求 "quoted" \\ 反斜杠 😀' });
    expect(r.status).toBe(200);
    const rows = await auditRows(r.headers.get('x-request-id'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 200, entity: 'case', entity_id: caseId });
    expect(rows[0].details.reason).toBe('当事人要求 "quoted" \\ 反斜杠 😀');
  });
});

describe("the client's mistakes are 4xx problems, never 500", () => {
  test('a bad percent-escape in a path', async () => {
    for (const url of ['/api/v1/cases/%zz', '/api/v1/clients/%E0%A4%A', '/api/v1/cases/%00']) {
      const r = await stack.as.partner.get(url);
      expect([url, r.status, r.contentType]).toEqual([url, 400, expect.stringContaining('problem+json')]);
    }
  });

  test('Content-Encoding: gzip on a plain body', async () => {
    const r = await stack.as['li.ming'].request('POST', `/api/v1/cases/${caseId}/close`, {
      json: { outcome: '调解结案' },
      headers: { 'content-encoding': 'gzip' },
    });
    expect([r.status, r.contentType]).toEqual([400, expect.stringContaining('problem+json')]);
    expect((await stack.tdb.db('cases').where({ id: caseId }).first('status')).status).toBe('active');
  });

  test('an id out of range', async () => {
    const r = await stack.as.partner.post('/api/v1/notifications/read', { ids: ['99999999999999999999999'] });
    expect([r.status, r.contentType]).toEqual([400, expect.stringContaining('problem+json')]);
  });

  test('every API answer says no-store', async () => {
    const r = await stack.as.partner.get('/api/v1/cases');
    expect(r.headers.get('cache-control')).toBe('no-store');
  });
});

describe('the built UI', () => {
  let ui: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexflow-ui-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>LexFlow</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    ui = await startTestApp(stack.tdb.db, { uiDir: dir });
  });
  afterAll(async () => {
    await ui?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a missing asset is a 404, not a 500 and not index.html', async () => {
    const http = new HttpClient(ui.url);
    expect((await http.get('/assets/app.js')).status).toBe(200);
    for (const [url, status] of [
      ['/assets/does-not-exist.js', 404],
      ['/assets/..%2f..%2fetc%2fpasswd', 403],
      ['/assets/%zz.js', 400],
    ] as const) {
      const r = await http.get(url);
      expect([url, r.status]).toEqual([url, status]);
    }
    expect((await http.get('/cases/%zz')).status).toBe(200);
  });
});

describe('no template can hold the server', () => {
  const wrap = (inner: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">${inner}</bpmn:definitions>`;

  test('60,000 duplicate ids: refused within a second naming the limit, /health answers meanwhile', async () => {
    const partner = stack.as.partner;
    const started = Date.now();
    const validating = partner.request('POST', '/api/v1/process-templates/validate', {
      raw: wrap('<bpmn:message id="m"/>'.repeat(60_000)),
      contentType: 'application/xml',
    });
    const health = await new HttpClient(stack.app.url).get('/api/v1/health');
    const r = await validating;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(health.status).toBe(200);
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).toMatch(/1,000,000|xml-too-large/);
    const dup = await partner.request('POST', '/api/v1/process-templates/validate', {
      raw: wrap('<bpmn:message id="m"/>'.repeat(12_000)),
      contentType: 'application/xml',
    });
    expect(dup.status).toBe(200);
    expect(JSON.stringify(dup.body)).toContain('xml-duplicate-id');
  });
});
