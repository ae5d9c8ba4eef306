import { createActivities } from '.';
import { grantMembership, revokeMembership } from '../db/repositories/portal-memberships';
import { insertUser } from '../db/repositories/users';
import { bpmn, chain } from '../process-templates/model/test-support/bpmn';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { insertTestCase, storeTemplate } from '../test/helpers/engine';
import { seedDemo } from '../test/helpers/users';

/**
 * Entering a stage the template marks notifyClient tells the client's portal users, once per stage
 * entry, however often Temporal retries recordStageEntry; other stages and clients without a portal
 * account are told nothing, and nothing fails.
 */
let tdb: TestDatabase;
let acts: ReturnType<typeof createActivities>;
let versionId: string;

const stage = (id: string, attrs: string) =>
  `<bpmn:subProcess id="${id}" name="${id}" ${attrs}><bpmn:startEvent id="${id}s"/><bpmn:userTask id="${id}T"/><bpmn:endEvent id="${id}e"/>${chain(`${id}s`, `${id}T`, `${id}e`)}</bpmn:subProcess>`;
const TEMPLATE = bpmn(
  `<bpmn:startEvent id="S"/>
   ${stage('Filing', 'lexflow:clientLabel="法院立案"')}
   ${stage('Trial', 'lexflow:clientLabel="开庭审理" lexflow:clientLabelEn="Court hearing" lexflow:notifyClient="true"')}
   ${stage('Internal', '')}
   <bpmn:endEvent id="E"/>${chain('S', 'Filing', 'Trial', 'Internal', 'E')}`,
);

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  acts = createActivities({ db: tdb.db, publicUrl: 'http://lexflow.test' });
  [{ id: versionId }] = await storeTemplate(tdb.db, 'stage-client', TEMPLATE);
});
afterAll(() => tdb.drop());

let n = 0;
async function portalUser(clientId: string, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const u = await insertUser(tdb.db, { email: `portal${++n}@client.test`, name: `客户${n}`, role: 'client', passwordHash: 'x', locale });
  await grantMembership(tdb.db, { userId: u.id, clientId, grantedBy: null });
  return u;
}
async function caseWithoutPortalUsers() {
  const { caseId } = await insertTestCase(tdb.db, versionId);
  const c = await tdb.db('cases').where({ id: caseId }).first();
  await tdb.db('portal_memberships').where({ client_id: c.client_id }).delete();
  return { caseId, clientId: c.client_id as string };
}
const entry = (caseId: string, stageId: string, stageInstanceId = `si-${stageId}`) => ({
  caseId,
  stageInstanceId,
  stageId,
  stageName: stageId,
  at: Date.parse('2026-09-05T02:00:00Z'),
});
const mails = (caseId: string) =>
  tdb.db('email_outbox').where('key', 'like', `stageClient:${caseId}:%`).orderBy('to_address').select('to_address', 'subject', 'text_body');
const notices = (caseId: string) =>
  tdb.db('notifications').where({ case_id: caseId, kind: 'stageClient' }).orderBy('user_id').select('user_id', 'title', 'link');

describe('recordStageEntry tells the client of a stage marked notifyClient', () => {
  it('one notice and one mail per portal user, in their language, however often the activity is retried', async () => {
    const { caseId, clientId } = await caseWithoutPortalUsers();
    const zh = await portalUser(clientId);
    const en = await portalUser(clientId, 'en');
    await acts.recordStageEntry(entry(caseId, 'Trial'));
    await acts.recordStageEntry(entry(caseId, 'Trial'));
    await acts.recordStageEntry(entry(caseId, 'Trial'));
    const m = await mails(caseId);
    expect(m.map((x) => [x.to_address, x.subject])).toEqual([
      [zh.email, '您的案件有新进展：开庭审理'],
      [en.email, 'Your case has moved on: Court hearing'],
    ]);
    for (const x of m) expect(x.text_body).toContain(`http://lexflow.test/portal/cases/${caseId}`);
    // Nothing internal: neither the firm's case number nor its title.
    const c = await tdb.db('cases').where({ id: caseId }).first();
    for (const x of m) expect(`${x.subject}${x.text_body}`).not.toMatch(new RegExp(`${c.number}|${c.title}`));
    expect((await notices(caseId)).map((x) => [x.user_id, x.title, x.link]).sort()).toEqual(
      [
        [zh.id, '您的案件有新进展：开庭审理', `http://lexflow.test/portal/cases/${caseId}`],
        [en.id, 'Your case has moved on: Court hearing', `http://lexflow.test/portal/cases/${caseId}`],
      ].sort(),
    );
    expect(c.current_stage_id).toBe('Trial');
  });

  it('a stage entered again is news again (a new stage instance)', async () => {
    const { caseId, clientId } = await caseWithoutPortalUsers();
    await portalUser(clientId);
    await acts.recordStageEntry(entry(caseId, 'Trial', 'si-1'));
    await acts.recordStageEntry(entry(caseId, 'Trial', 'si-2'));
    await acts.recordStageEntry(entry(caseId, 'Trial', 'si-2'));
    expect(await mails(caseId)).toHaveLength(2);
    expect(await notices(caseId)).toHaveLength(2);
  });

  it('stages shown but not marked, and stages not shown, tell nobody', async () => {
    const { caseId, clientId } = await caseWithoutPortalUsers();
    await portalUser(clientId);
    await acts.recordStageEntry(entry(caseId, 'Filing'));
    await acts.recordStageEntry(entry(caseId, 'Internal'));
    expect(await mails(caseId)).toEqual([]);
    expect(await notices(caseId)).toEqual([]);
  });

  it('a client without a portal account, or whose access was revoked, is told nothing, and the stage is still recorded', async () => {
    const { caseId, clientId } = await caseWithoutPortalUsers();
    await acts.recordStageEntry(entry(caseId, 'Trial', 'si-a'));
    const revoked = await portalUser(clientId);
    await revokeMembership(tdb.db, { userId: revoked.id, clientId, revokedBy: revoked.id });
    await acts.recordStageEntry(entry(caseId, 'Trial', 'si-b'));
    expect(await mails(caseId)).toEqual([]);
    expect(await notices(caseId)).toEqual([]);
    expect(await tdb.db('stage_history').where({ case_id: caseId }).pluck('stage_instance_id')).toEqual(['si-a', 'si-b']);
  });

  it('a case without a pinned version (or a stage the version does not know) tells nobody and does not fail', async () => {
    const { caseId } = await insertTestCase(tdb.db);
    await expect(acts.recordStageEntry(entry(caseId, 'Trial'))).resolves.toBeUndefined();
    const other = await caseWithoutPortalUsers();
    await portalUser(other.clientId);
    await expect(acts.recordStageEntry(entry(other.caseId, 'Nowhere'))).resolves.toBeUndefined();
    expect(await mails(caseId)).toEqual([]);
    expect(await mails(other.caseId)).toEqual([]);
  });
});
