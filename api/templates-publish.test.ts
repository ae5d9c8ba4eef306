import { eventually } from '../test/helpers/engine';
import { startApiStack, type ApiStack } from '../test/helpers/api-stack';
import type { HttpClient } from '../test/helpers/app';
import { bpmn, chain } from '../process-templates/model/test-support/bpmn';

/**
 * Publishing through the API (issue 14, item 7): the template serves the cases its published model
 * declares (`lexflow:practiceArea` / `lexflow:caseTypes`), the draft is gone once it is published,
 * and a version that serves no case says so in the answer.
 */
let stack: ApiStack;
let partner: HttpClient;

beforeAll(async () => {
  stack = await startApiStack('tpl-publish', { historical: 0 });
  partner = stack.as.partner;
});
afterAll(async () => {
  await stack.close();
});

const flow = (attrs: string, task = '任务') =>
  bpmn(`<bpmn:startEvent id="S"/><bpmn:userTask id="T" name="${task}"/><bpmn:endEvent id="E"/>${chain('S', 'T', 'E')}`, attrs);

/** Creates `key` blank, saves `xml` as its draft and publishes it; answers the publish response. */
async function publishNew(key: string, xml: string) {
  expect((await partner.post('/api/v1/process-templates', { key, name: key })).status).toBe(201);
  return publishDraft(key, xml);
}

async function publishDraft(key: string, xml: string) {
  const draft = await partner.request('PUT', `/api/v1/process-templates/${key}/draft`, { raw: xml, contentType: 'application/xml' });
  expect(draft.body.valid).toBe(true);
  const published = await partner.post(`/api/v1/process-templates/${key}/publish`, { changeNote: 'v' });
  expect(published.status).toBe(201);
  return published.body;
}

const detail = async (key: string) => (await partner.get(`/api/v1/process-templates/${key}`)).body;

describe('POST /api/v1/process-templates/:key/publish', () => {
  it('takes the matching from the published model, clears the draft, and new cases of that area and type open on it', async () => {
    const v1 = await publishNew('civil-retrial-api', flow('lexflow:practiceArea="civil" lexflow:caseTypes="retrial, reopened"'));
    expect(v1).toMatchObject({ version: 1, serves: { practiceArea: 'civil', caseTypes: ['retrial', 'reopened'] }, conflicts: [] });

    const t = await detail('civil-retrial-api');
    expect(t).toMatchObject({
      practiceArea: 'civil',
      caseTypes: ['retrial', 'reopened'],
      hasDraft: false,
      draftXml: null,
      latestVersion: 1,
    });
    const listed = (await partner.get('/api/v1/process-templates')).body.items.find((x: { key: string }) => x.key === 'civil-retrial-api');
    expect(listed.hasDraft).toBe(false);

    const lawyer = stack.as['li.ming'];
    const client = (await lawyer.post('/api/v1/clients', { kind: 'organisation', name: '再审申请有限公司' })).body;
    const opened = await lawyer.post('/api/v1/cases', {
      title: '再审申请',
      clientId: client.id,
      practiceArea: 'civil',
      caseType: 'retrial',
      leadLawyerId: stack.ids['li.ming'],
      parties: [{ role: 'opposing', kind: 'person', name: '对方' }],
    });
    expect(opened.status).toBe(201);
    expect(opened.body.templateVersionId).toBe(v1.id);
    const task = await eventually<{ title: string }>(() =>
      stack.tdb.db('tasks').where({ case_id: opened.body.id, status: 'open' }).first('title'),
    );
    expect(task.title).toBe('任务');
  });

  it('says a version serves no case when neither the model nor the app sets its matching', async () => {
    const v1 = await publishNew('no-matching', flow(''));
    expect(v1).toMatchObject({ version: 1, serves: null, conflicts: [] });
    expect(await detail('no-matching')).toMatchObject({ practiceArea: null, caseTypes: [], hasDraft: false });
  });

  it('publishes a copy whose model names what another template serves, leaves that matching to the other and says so', async () => {
    expect(
      (await partner.post('/api/v1/process-templates', { key: 'civil-copy', name: '副本', copyFrom: 'civil-first-instance' })).status,
    ).toBe(201);
    const published = await partner.post('/api/v1/process-templates/civil-copy/publish', {});
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ serves: null, conflicts: [{ caseType: 'first_instance', key: 'civil-first-instance' }] });
    expect(await detail('civil-copy')).toMatchObject({ practiceArea: null, caseTypes: [], hasDraft: false });
    const match = await partner.get('/api/v1/process-templates/match?practiceArea=civil&caseType=first_instance');
    expect(match.body.templateKey).toBe('civil-first-instance');
  });

  it('follows the model from version to version, but matching set in the app stands', async () => {
    await publishNew('follows-model', flow('lexflow:practiceArea="criminal" lexflow:caseTypes="appeal"'));
    const v2 = await publishDraft('follows-model', flow('lexflow:practiceArea="criminal" lexflow:caseTypes="appeal, review"', '任务二'));
    expect(v2.serves).toEqual({ practiceArea: 'criminal', caseTypes: ['appeal', 'review'] });
    // What the answer says is what the template now serves.
    expect(await detail('follows-model')).toMatchObject({ practiceArea: 'criminal', caseTypes: ['appeal', 'review'], hasDraft: false });

    await publishNew('set-in-app', flow('lexflow:practiceArea="arbitration" lexflow:caseTypes="labour"'));
    const patched = await partner.patch('/api/v1/process-templates/set-in-app', {
      practiceArea: 'arbitration',
      caseTypes: ['labour', 'sports'],
    });
    expect(patched.status).toBe(200);
    const again = await publishDraft('set-in-app', flow('lexflow:practiceArea="arbitration" lexflow:caseTypes="labour"', '任务二'));
    expect(again).toMatchObject({ version: 2, serves: { practiceArea: 'arbitration', caseTypes: ['labour', 'sports'] }, conflicts: [] });
    expect(await detail('set-in-app')).toMatchObject({ practiceArea: 'arbitration', caseTypes: ['labour', 'sports'] });
  });

  it('documents what the answer says about matching in /api/docs', async () => {
    const doc = (await partner.get('/api/docs')).body;
    const answer = doc.paths['/api/v1/process-templates/{key}/publish'].post.responses['201'].content['application/json'].schema;
    expect(answer.$ref).toBe('#/components/schemas/PublishedVersion');
    const schema = doc.components.schemas.PublishedVersion;
    expect(schema.required).toEqual(expect.arrayContaining(['serves', 'conflicts']));
    expect(schema.properties.serves.description).toContain('null: it serves no new case');
    expect(schema.properties.conflicts.description).toContain('another template already serves');
  });
});
