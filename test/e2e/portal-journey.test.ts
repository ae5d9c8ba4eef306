import { HttpClient } from '../helpers/app';
import { makePdf } from '../helpers/document-fixtures';
import { screenshot, switchLocale } from '../helpers/browser';
import { eventually } from '../helpers/engine';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

/**
 * Issue 17's whole round trip on a phone (390×844): a client's contact accepts the invitation and
 * sets a password, sees the stage stepper with the current stage, downloads a shared document,
 * uploads a file the lawyer asked for and writes to the team; the lawyer finds the upload awaiting
 * acceptance and the message in the case's communication log, and replies; the client reads the reply.
 */
let stack: UiStack;
let lawyer: HttpClient;
let caseId: string;
let requestId: string;
let link: string;
let currentStage: string;
const EMAIL = 'zhou.min@hengfeng.example';
const CLIENT = '杭州恒丰纺织有限公司';
const ok = <T extends { status: number; body: unknown }>(r: T, status = 200): T => {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
};

beforeAll(async () => {
  stack = await startUiStack('portal-journey');
  lawyer = new HttpClient(stack.app.url);
  ok(await lawyer.login('li.ming@demo.lexflow'));
  const me = ok(await lawyer.get('/api/v1/auth/me')).body;
  const client = ok(await lawyer.post('/api/v1/clients', { kind: 'organisation', name: CLIENT }), 201).body;
  const contact = ok(await lawyer.post(`/api/v1/clients/${client.id}/contacts`, { name: '周敏', email: EMAIL, isPrimary: true }), 201).body;
  caseId = ok(
    await lawyer.post('/api/v1/cases', {
      title: '恒丰纺织诉宏达贸易买卖合同纠纷',
      clientId: client.id,
      practiceArea: 'civil',
      caseType: 'first_instance',
      leadLawyerId: me.id,
      parties: [{ role: 'opposing', kind: 'organisation', name: '宁波宏达贸易有限公司' }],
    }),
    201,
  ).body.id;
  await eventually(() => stack.tdb.db('tasks').where({ case_id: caseId, status: 'open' }).first('id'));
  const progress = ok(await lawyer.get(`/api/v1/cases/${caseId}/progress`)).body;
  const active = progress.stages.find((s: { status: string }) => s.status === 'active');
  const { model } = await stack.tdb
    .db('process_template_versions as v')
    .join('cases as c', 'c.template_version_id', 'v.id')
    .where('c.id', caseId)
    .first('v.model');
  currentStage = model.nodes[active.id]?.client?.label ?? active.name;

  const pleading = ok(
    await lawyer.upload(
      `/api/v1/cases/${caseId}/documents`,
      [{ name: '民事起诉状.pdf', data: await makePdf(['民事起诉状', '原告：杭州恒丰纺织有限公司']), type: 'application/pdf' }],
      { category: 'pleadings' },
    ),
    201,
  ).body.items[0];
  ok(await lawyer.patch(`/api/v1/documents/${pleading.id}`, { clientVisible: true }));
  const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  requestId = ok(
    await lawyer.post(`/api/v1/cases/${caseId}/document-requests`, {
      title: '起诉所需材料',
      items: ['营业执照复印件', '送货单照片'],
      dueOn: due,
    }),
    201,
  ).body.id;
  ok(await lawyer.post(`/api/v1/clients/${client.id}/portal-invitations`, { contactId: contact.id, name: '周敏', email: EMAIL }), 201);
  const mail = await stack.tdb.db('email_outbox').where({ to_address: EMAIL }).orderBy('id').first('text_body');
  link = /\S+\/portal\/invite\/[A-Za-z0-9_-]{43}/.exec(mail.text_body)![0];
}, 180_000);
afterAll(async () => stack?.close());

it('the client accepts, follows the case, downloads, uploads and writes; the lawyer accepts and replies; the client reads it', async () => {
  const { page: phone, errors: phoneErrors } = await stack.newPage({ width: 390, height: 844 });
  await phone.goto(link);
  await phone.locator('[data-test=accept-password] input').fill('Hengfeng#Portal2026');
  await phone.locator('[data-test=accept-repeat] input').fill('Hengfeng#Portal2026');
  await phone.locator('[data-test=accept-submit]').click();
  await phone.waitForURL((u) => u.pathname === '/portal', { timeout: 20_000 });

  // The stepper: the workflow's current stage under the name the client reads.
  const card = phone.locator(`[data-test=portal-case-card][data-id="${caseId}"]`);
  await card.locator('[data-test=portal-case-stage]', { hasText: currentStage }).waitFor();
  await screenshot(phone, 'journey-01-home-zh-390');
  await card.click();
  const stepper = phone.locator('[data-test=portal-stepper]');
  await stepper.locator('[data-test=stage-current]', { hasText: currentStage }).waitFor();
  await screenshot(phone, 'journey-02-stepper-zh-390');

  // The shared document downloads as the PDF it is.
  await phone.locator('[data-test=portal-tab-documents]').click();
  const doc = phone.locator('[data-test=portal-document]', { hasText: '民事起诉状.pdf' });
  const [download] = await Promise.all([phone.waitForEvent('download'), doc.locator('[data-test=portal-document-download]').click()]);
  expect(download.suggestedFilename()).toBe('民事起诉状.pdf');
  const chunks: Buffer[] = [];
  for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
  expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');

  // The requested file goes up from the phone and waits for the lawyer.
  await phone.locator('[data-test=portal-tab-requests]').click();
  const request = phone.locator(`[data-test=portal-request-${requestId}]`);
  await request.getByText('送货单照片').waitFor();
  await phone
    .locator(`[data-test=portal-upload-input-${requestId}]`)
    .setInputFiles({ name: '送货单.pdf', mimeType: 'application/pdf', buffer: await makePdf(['送货单', '宁波宏达贸易有限公司 签收']) });
  await request.getByText('送货单.pdf').waitFor();
  const upload = await eventually<{ id: string; name: string }>(() =>
    stack.tdb.db('documents').where({ request_id: requestId, review_status: 'pending' }).first('id', 'name'),
  );
  await screenshot(phone, 'journey-03-request-uploaded-zh-390');

  // A message to the team.
  await phone.locator('[data-test=portal-tab-messages]').click();
  await phone.locator('[data-test=portal-message-draft] textarea').fill('李律师，送货单已上传，营业执照复印件明天补上。');
  await phone.locator('[data-test=portal-message-send]').click();
  await phone.locator('[data-test=portal-message-body]', { hasText: '送货单已上传' }).waitFor();
  await screenshot(phone, 'journey-04-message-sent-zh-390');

  // The lawyer: the upload awaits acceptance, the message is in the thread and in the communication log.
  const { page: desk, errors: deskErrors } = await stack.newPage({ width: 1280, height: 900 });
  await desk.goto(`${stack.app.url}/login`);
  await signInOk(desk, 'li.ming@demo.lexflow', stack.debugLog);
  await desk.goto(`${stack.app.url}/cases/${caseId}`);
  await desk.locator('[data-test=tab-communication]').click();
  const pending = desk.locator(`[data-test=pending-${upload.id}]`);
  await pending.waitFor();
  const thread = desk.locator('[data-test=message-thread]');
  await thread.locator('[data-test=message-body]', { hasText: '送货单已上传' }).waitFor();
  await desk.locator('[data-test=communication-log] [data-test=log-summary-text]', { hasText: '送货单已上传' }).waitFor();
  await screenshot(desk, 'journey-05-lawyer-sees-upload-and-message-zh-1280');
  await pending.locator('[data-test=pending-accept]').click();
  await pending.waitFor({ state: 'detached' });
  await thread.locator('[data-test=message-draft] textarea').fill('收到，送货单清晰可用。营业执照请上传加盖公章的复印件。');
  await thread.locator('[data-test=message-send]').click();
  await thread.locator('[data-test=message-body]', { hasText: '加盖公章' }).waitFor();
  expect((await stack.tdb.db('documents').where({ id: upload.id }).first('review_status')).review_status).toBe('accepted');

  // The client reads the reply (and the lawyer's message was mailed with no content).
  await phone.reload();
  await phone.locator('[data-test=portal-tab-messages]').click();
  await phone.locator('[data-test=portal-message-body]', { hasText: '加盖公章' }).waitFor();
  const notice = await stack.tdb.db('email_outbox').where({ to_address: EMAIL }).orderBy('id', 'desc').first('text_body', 'subject');
  expect(`${notice.subject}\n${notice.text_body}`).not.toContain('加盖公章');
  await screenshot(phone, 'journey-06-reply-zh-390');
  await switchLocale(phone, 'en');
  await phone.locator('[data-test=portal-message-body]', { hasText: '加盖公章' }).waitFor();
  await screenshot(phone, 'journey-07-reply-en-390');
  expect([...phoneErrors, ...deskErrors]).toEqual([]);
}, 240_000);
