import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { HttpClient, startTestApp, type TestApp } from '../test/helpers/app';
import { seedDemo } from '../test/helpers/users';
import { bpmn, chain } from '../process-templates/model/test-support/bpmn';
import { shippedTemplatesDir } from '../cli/runtime/paths';

let tdb: TestDatabase;
let app: TestApp;
let partner: HttpClient;
let lawyer: HttpClient;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  app = await startTestApp(tdb.db);
  partner = new HttpClient(app.url);
  await partner.login('partner@demo.lexflow');
  lawyer = new HttpClient(app.url);
  await lawyer.login('li.ming@demo.lexflow');
});
afterAll(async () => {
  await app.close();
  await tdb.drop();
});

const xmlPost = (c: HttpClient, p: string, body: string, method = 'POST') =>
  c.request(method, p, { raw: body, contentType: 'application/xml' });
const valid = bpmn(
  `<bpmn:startEvent id="S"/><bpmn:userTask id="T" name="任务"/><bpmn:endEvent id="E"/>${chain('S', 'T', 'E')}`,
  'lexflow:practiceArea="civil" lexflow:caseTypes="retrial"',
);

describe('POST /api/v1/process-templates/validate', () => {
  it('answers valid with the model, or every error with its element id', async () => {
    const ok = await xmlPost(lawyer, '/api/v1/process-templates/validate', valid);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ valid: true, errors: [], model: { processId: 'P', practiceArea: 'civil' } });
    const bad = await xmlPost(
      lawyer,
      '/api/v1/process-templates/validate',
      valid.replace('<bpmn:userTask id="T" name="任务"/>', '<bpmn:scriptTask id="T"/>'),
    );
    expect(bad.body.valid).toBe(false);
    expect(bad.body.errors).toContainEqual({ elementId: 'T', code: 'unsupported-element', message: 'ScriptTask is not supported' });
    expect(bad.body.model).toBeUndefined();
  });

  it.each([
    ['malformed XML', '<bpmn:definitions xmlns:bpmn="x"><unclosed>'],
    ['plain text', 'hello'],
    ['an empty body', ''],
    [
      'a billion laughs',
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>',
    ],
    ['deep nesting', '<a>'.repeat(5000) + '</a>'.repeat(5000)],
    ['non-BPMN XML', '<?xml version="1.0"?><note><to>x</to></note>'],
  ])('%s gets a 200 with valid:false, never a 500', async (_n, body) => {
    const r = await xmlPost(lawyer, '/api/v1/process-templates/validate', body);
    expect(r.status).toBe(200);
    expect(r.body.valid).toBe(false);
    expect(r.body.errors.length).toBeGreaterThan(0);
  });

  it('answers 415 to JSON and 413 to a body over 2 MB, as problem+json', async () => {
    const json = await lawyer.post('/api/v1/process-templates/validate', { xml: valid });
    expect(json.status).toBe(415);
    expect(json.contentType).toContain('application/problem+json');
    const huge = await xmlPost(lawyer, '/api/v1/process-templates/validate', `<x>${'a'.repeat(2.2 * 1024 * 1024)}</x>`);
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('payload-too-large');
  });
});

describe('template storage', () => {
  it('lists the shipped templates as published version 1', async () => {
    const r = await lawyer.get('/api/v1/process-templates');
    const shipped = fs
      .readdirSync(shippedTemplatesDir())
      .filter((f) => f.endsWith('.bpmn'))
      .map((f) => path.basename(f, '.bpmn'));
    expect(r.body.items.map((t: { key: string }) => t.key).sort()).toEqual(shipped.sort());
    expect(r.body.items.every((t: { latestVersion: number }) => t.latestVersion === 1)).toBe(true);
    expect(r.body.items.find((t: { key: string }) => t.key === 'civil-first-instance')).toMatchObject({
      practiceArea: 'civil',
      caseTypes: ['first_instance'],
      name: '民事诉讼一审',
    });
  });

  it('drafts, refuses to publish with errors, publishes immutable versions, and matches by area and type', async () => {
    const created = await partner.post('/api/v1/process-templates', { key: 'civil-retrial', name: '再审' });
    expect(created.status).toBe(201);
    expect((await partner.post('/api/v1/process-templates/civil-retrial/publish', {})).status).toBe(409);

    const broken = valid.replace('<bpmn:userTask id="T" name="任务"/>', '<bpmn:userTask id="T" lexflow:duePeriod="civil.nothing"/>');
    const draft = await xmlPost(partner, '/api/v1/process-templates/civil-retrial/draft', broken, 'PUT');
    expect(draft.body).toMatchObject({ valid: false, errors: [{ elementId: 'T', code: 'unknown-period' }] });
    const refused = await partner.post('/api/v1/process-templates/civil-retrial/publish', { changeNote: 'v1' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'template-invalid',
      errors: [{ path: 'T', message: expect.stringContaining('civil.nothing') }],
    });

    await xmlPost(partner, '/api/v1/process-templates/civil-retrial/draft', valid, 'PUT');
    const v1 = await partner.post('/api/v1/process-templates/civil-retrial/publish', { changeNote: '首版' });
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ version: 1, changeNote: '首版', serves: { practiceArea: 'civil', caseTypes: ['retrial'] } });
    // The published draft is gone: publishing again needs a new one.
    expect((await partner.post('/api/v1/process-templates/civil-retrial/publish', { changeNote: '第二版' })).status).toBe(409);
    await xmlPost(partner, '/api/v1/process-templates/civil-retrial/draft', valid, 'PUT');
    const v2 = await partner.post('/api/v1/process-templates/civil-retrial/publish', { changeNote: '第二版' });
    expect(v2.body.version).toBe(2);
    // Which cases a template serves is taken from the published model (lexflow:practiceArea/caseTypes), and can be set in the app.
    const match = await lawyer.get('/api/v1/process-templates/match?practiceArea=civil&caseType=retrial');
    expect(match.body).toEqual({ templateKey: 'civil-retrial', versionId: v2.body.id, version: 2 });
    await partner.patch('/api/v1/process-templates/civil-retrial', { practiceArea: 'civil', caseTypes: ['retrial', 'reopened'] });
    const reopened = await lawyer.get('/api/v1/process-templates/match?practiceArea=civil&caseType=reopened');
    expect(reopened.body).toEqual({ templateKey: 'civil-retrial', versionId: v2.body.id, version: 2 });
    expect((await lawyer.get('/api/v1/process-templates/match?practiceArea=civil&caseType=nothing')).status).toBe(422);

    await expect(tdb.db('process_template_versions').where({ id: v1.body.id }).update({ change_note: 'rewritten' })).rejects.toThrow(
      /immutable/,
    );
    await expect(tdb.db('process_template_versions').where({ id: v1.body.id }).delete()).rejects.toThrow(/immutable/);
    const detail = await lawyer.get('/api/v1/process-templates/civil-retrial');
    expect(detail.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await lawyer.get('/api/v1/process-templates/civil-retrial/versions/1')).body.model.processId).toBe('P');
  });

  it('copies a template from its latest published version', async () => {
    const r = await partner.post('/api/v1/process-templates', {
      key: 'civil-copy',
      name: '民事（本所版）',
      copyFrom: 'civil-first-instance',
    });
    expect(r.status).toBe(201);
    expect(r.body.draftXml).toContain('Stage_Filing');
    expect((await partner.post('/api/v1/process-templates', { key: 'civil-copy', name: 'again' })).status).toBe(409);
  });

  it('lets lawyers read but only partners and administrators change templates', async () => {
    expect((await lawyer.post('/api/v1/process-templates', { key: 'mine', name: 'x' })).status).toBe(403);
    expect((await xmlPost(lawyer, '/api/v1/process-templates/civil-first-instance/draft', valid, 'PUT')).status).toBe(403);
    expect((await lawyer.post('/api/v1/process-templates/civil-first-instance/publish', {})).status).toBe(403);
    const client = new HttpClient(app.url);
    await client.login('client@demo.lexflow');
    expect((await client.get('/api/v1/process-templates')).status).toBe(403);
  });
});
