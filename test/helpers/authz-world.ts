import { grantMembership } from '../../db/repositories/portal-memberships';
import type { Role } from '../../domain/roles';
import { HttpClient } from './app';
import { makePng } from './document-fixtures';
import { eventually } from './engine';
import type { ApiStack, DemoPerson } from './api-stack';

/**
 * The eight viewers of the authorisation matrix. `member`: on the fixture case (and so on its
 * client) — the assistant is on the team, the second lawyer is not; the portal client acts for the
 * fixture case's client (a portal membership), which only portal actions look at.
 */
export const MATRIX_VIEWERS = {
  anonymous: { person: null, member: false },
  client: { person: 'client', member: true },
  finance: { person: 'finance', member: false },
  assistant: { person: 'assistant', member: true },
  lawyerOff: { person: 'zhang.ting', member: false },
  lawyerOn: { person: 'li.ming', member: true },
  partner: { person: 'partner', member: false },
  admin: { person: 'admin', member: false },
} as const satisfies Record<string, { person: DemoPerson | null; member: boolean }>;
export type MatrixViewer = keyof typeof MATRIX_VIEWERS;

async function ok<T = any>(what: string, r: Promise<{ status: number; body: T }>): Promise<T> {
  const res = await r;
  if (res.status >= 300) throw new Error(`fixture ${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * What the matrix fills path parameters with: one case led by the on-case lawyer (with the
 * assistant and a colleague who is no viewer on its team), its client, task, party, note, event,
 * a contact, a communication and a conflict check of that lawyer, a saved search, a tag, a
 * template copy with a published version and a migration run of it, a holiday override and year, and a calendar feed.
 * Things a DELETE (or an archive) consumes are made again by `renew` before each viewer.
 */
export async function buildAuthzWorld(stack: ApiStack) {
  const { db } = stack.tdb;
  const lawyer = stack.as['li.ming'];
  const { partner, admin } = stack.as;
  const hash = (await db('users').where({ email: 'li.ming@demo.lexflow' }).first('password_hash')).password_hash as string;
  const [extra] = await db('users')
    .insert({ email: 'extra@demo.lexflow', name: '额外律师', role: 'lawyer' satisfies Role, password_hash: hash })
    .returning('id');
  const extraId = extra.id as string;
  const client = await ok('client', lawyer.post('/api/v1/clients', { kind: 'organisation', name: '授权矩阵测试有限公司' }));
  // The demo portal user acts for the fixture client: the portal routes' fixtures are theirs.
  await grantMembership(db, { userId: stack.ids.client, clientId: client.id, grantedBy: stack.ids['li.ming'] });
  const team = [
    { userId: stack.ids.assistant, role: 'assistant' },
    { userId: extraId, role: 'lawyer' },
  ];
  const kase = await ok(
    'case',
    lawyer.post('/api/v1/cases', {
      title: '授权矩阵',
      clientId: client.id,
      practiceArea: 'civil',
      caseType: 'first_instance',
      leadLawyerId: stack.ids['li.ming'],
      team,
    }),
  );
  // The workflow creates the first task a moment after the case opens.
  const task = await eventually<{ id: string }>(() => db('tasks').where({ case_id: kase.id, status: 'open' }).first('id'));
  const template = (
    await db('process_template_versions as v')
      .join('process_templates as t', 't.id', 'v.template_id')
      .where('v.id', kase.templateVersionId)
      .first('t.key')
  ).key as string;
  const templateKey = 'authz-matrix';
  await ok('template', partner.post('/api/v1/process-templates', { key: templateKey, name: '授权矩阵', copyFrom: template }));
  await ok('publish', partner.post(`/api/v1/process-templates/${templateKey}/publish`, {}));
  // A bulk migration run of that template (the fixture case is not on it: the run refuses it and ends).
  const migration = await ok(
    'migration',
    partner.post(`/api/v1/process-templates/${templateKey}/migrate`, { toVersion: 1, caseIds: [kase.id] }),
  );
  const check = await ok('conflict check', lawyer.post('/api/v1/conflict-checks', { subjects: [{ name: '无关公司', role: 'opposing' }] }));
  const feedUser = new HttpClient(stack.app.url);
  await ok('extra login', feedUser.login('extra@demo.lexflow'));
  const feed = await ok('feed', feedUser.post('/api/v1/me/calendar-feed'));
  // A session of a user who is no viewer: ending it as a viewer ends nothing (not theirs).
  const session = await db('sessions').where({ user_id: extraId }).first('public_id');
  const year = 2031;
  const ids: Record<string, string> = {
    caseId: kase.id,
    clientId: client.id,
    taskId: task.id,
    extraId,
    // A staff profile: the on-case lawyer's own.
    personId: stack.ids['li.ming'],
    templateKey,
    migrationId: migration.id,
    checkId: check.id,
    feedFile: String(feed.url).split('/').pop()!,
    sessionId: session.public_id as string,
    date: `${year}-10-01`,
    year: String(year),
    version: '1',
  };
  // A contract of the case (a category finance sees), with a comment thread, and a folder.
  const pdf = Buffer.from('%PDF-1.4\n% 授权矩阵\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
  const upload = async () =>
    (
      await ok(
        'document',
        lawyer.upload(`/api/v1/cases/${kase.id}/documents`, [{ name: '委托合同.pdf', data: pdf }], { category: 'contracts' }),
      )
    ).items[0].id as string;
  const documentWithComment = async () => {
    ids.documentId = await upload();
    ids.commentId = (await ok('comment', lawyer.post(`/api/v1/documents/${ids.documentId}/comments`, { body: '请核对' }))).id;
  };
  await documentWithComment();
  // A portal user of the client (an accepted invitation: its spent token is the public link's fixture) and a pending invitation.
  const invitee = 'authz-portal@example.com';
  await ok('portal invitation', lawyer.post(`/api/v1/clients/${client.id}/portal-invitations`, { name: '门户用户', email: invitee }));
  const mail = await db('email_outbox').where({ to_address: invitee }).first('text_body');
  ids.invitationToken = /\/portal\/invite\/([A-Za-z0-9_-]{43})/.exec(mail.text_body)![1];
  const accepted = await ok(
    'accept',
    new HttpClient(stack.app.url).post(`/api/v1/portal/invitations/${ids.invitationToken}/accept`, { password: 'matrix-portal-2026' }),
  );
  ids.portalUserId = accepted.user.id;
  ids.invitationId = (
    await ok(
      'pending invitation',
      lawyer.post(`/api/v1/clients/${client.id}/portal-invitations`, { name: '待接受', email: 'authz-pending@example.com' }),
    )
  ).id;
  // People (issue 18): a colleague invited and accepted (the spent link is the public page's fixture), one pending
  // invitation, and a spent password-reset link of the new colleague (the people routes' {id} is the extra lawyer).
  const anonymous = new HttpClient(stack.app.url);
  await ok(
    'staff invitation',
    admin.post('/api/v1/users/invitations', { email: 'authz-staff@example.com', name: '新同事', role: 'lawyer' }),
  );
  const staffMail = await db('email_outbox').where({ to_address: 'authz-staff@example.com' }).first('text_body');
  ids.staffInvitationToken = /\/invite\/([A-Za-z0-9_-]{43})/.exec(staffMail.text_body)![1];
  await ok(
    'staff accept',
    anonymous.post(`/api/v1/staff-invitations/${ids.staffInvitationToken}/accept`, { password: 'matrix-staff-2026' }),
  );
  ids.staffInvitationId = (
    await ok(
      'pending staff invitation',
      admin.post('/api/v1/users/invitations', { email: 'authz-staff-pending@example.com', name: '待入职', role: 'assistant' }),
    )
  ).id;
  const newcomer = await db('users').where({ email: 'authz-staff@example.com' }).first('id');
  await ok('reset link', admin.post(`/api/v1/users/${newcomer.id}/password-reset`, {}));
  const resetMail = await db('email_outbox')
    .where({ to_address: 'authz-staff@example.com' })
    .whereLike('text_body', '%/reset-password/%')
    .first('text_body');
  ids.resetToken = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(resetMail.text_body)![1];
  await ok('reset', anonymous.post(`/api/v1/auth/password-reset/${ids.resetToken}`, { password: 'matrix-newcomer-2026' }));
  // A document shared with the client and an issued invoice, for the portal (never consumed: the portal only reads).
  ids.portalDocumentId = (
    await ok(
      'shared document',
      lawyer.upload(`/api/v1/cases/${kase.id}/documents`, [{ name: '起诉状.pdf', data: pdf }], { category: 'pleadings' }),
    )
  ).items[0].id as string;
  await ok('share', lawyer.patch(`/api/v1/documents/${ids.portalDocumentId}`, { clientVisible: true }));
  ids.categoryKey = 'other';
  // A shipped template: its sample is made; archiving it is refused (409), so nothing is used up.
  ids.documentTemplateKey = 'power-of-attorney';
  const start = new Date(Date.now() + 86_400_000);
  const renew: Record<string, () => Promise<void>> = {
    partyId: async () =>
      void (ids.partyId = (
        await ok('party', lawyer.post(`/api/v1/cases/${kase.id}/parties`, { role: 'opposing', kind: 'person', name: '对方' }))
      ).id),
    extraId: async () => void (await ok('team', lawyer.post(`/api/v1/cases/${kase.id}/team`, { userId: extraId, role: 'lawyer' }))),
    noteId: async () => void (ids.noteId = (await ok('note', lawyer.post(`/api/v1/cases/${kase.id}/notes`, { body: '矩阵' }))).id),
    contactId: async () =>
      void (ids.contactId = (await ok('contact', lawyer.post(`/api/v1/clients/${client.id}/contacts`, { name: '联系人' }))).id),
    communicationId: async () =>
      void (ids.communicationId = (
        await ok(
          'communication',
          lawyer.post(`/api/v1/clients/${client.id}/communications`, {
            kind: 'phone',
            occurredAt: new Date().toISOString(),
            summary: '电话',
          }),
        )
      ).id),
    eventId: async () =>
      void (ids.eventId = (
        await ok(
          'event',
          lawyer.post('/api/v1/calendar/events', {
            caseId: kase.id,
            kind: 'meeting',
            title: '会议',
            startsAt: start.toISOString(),
            endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
          }),
        )
      ).id),
    documentId: documentWithComment,
    folderId: async () =>
      void (ids.folderId = (
        await ok('folder', lawyer.post(`/api/v1/cases/${kase.id}/document-folders`, { name: `矩阵${Math.floor(Math.random() * 1e6)}` }))
      ).id),
    savedSearchId: async () =>
      void (ids.savedSearchId = (
        await ok('saved search', lawyer.post('/api/v1/saved-searches', { name: `矩阵${Math.random()}`, query: {} }))
      ).id),
    tagId: async () =>
      void (ids.tagId = (
        await ok('tag', admin.post('/api/v1/tags', { vocabulary: 'tag', name: `矩阵${Math.floor(Math.random() * 1e6)}` }))
      ).id),
    templateKey: async () => void (await db('process_templates').where({ key: templateKey }).update({ archived_at: null })),
    date: async () =>
      void (await ok('override', admin.put(`/api/v1/holidays/overrides/${ids.date}`, { kind: 'off', name: '国庆节', source: '通知' }))),
    // A year is marked complete only once it has a holiday: the override comes first.
    timeEntryId: async () =>
      void (ids.timeEntryId = (
        await ok(
          'time entry',
          lawyer.post('/api/v1/time-entries', { caseId: kase.id, workDate: '2026-12-01', minutes: 30, narrative: '矩阵' }),
        )
      ).id),
    expenseId: async () =>
      void (ids.expenseId = (
        await ok(
          'expense',
          lawyer.post(`/api/v1/cases/${kase.id}/expenses`, {
            category: 'courier',
            amountFen: 2_000,
            spentOn: '2026-12-01',
            paidBy: 'firm',
            rebillable: true,
          }),
        )
      ).id),
    // A draft invoice of a freshly approved time entry (a DELETE consumes it).
    invoiceId: async () => {
      const entry = await ok(
        'billed time',
        lawyer.post('/api/v1/time-entries', { caseId: kase.id, workDate: '2026-12-01', minutes: 6, narrative: '账单' }),
      );
      await ok('approval', partner.post(`/api/v1/time-entries/${entry.id}/approve`, {}));
      const line = (await ok('lines', stack.as.finance.get(`/api/v1/cases/${kase.id}/invoice-lines`))).items.find(
        (l: { sourceKey?: string; invoiceId: string | null; source: string; description: string }) =>
          !l.invoiceId && l.source === 'time_entry',
      );
      ids.invoiceId = (await ok('invoice', stack.as.finance.post('/api/v1/invoices', { caseId: kase.id, lineIds: [line.id] }))).id;
    },
    // A document request of the case, open (a cancel uses it up for the viewers after).
    documentRequestId: async () =>
      void (ids.documentRequestId = (
        await ok(
          'document request',
          lawyer.post(`/api/v1/cases/${kase.id}/document-requests`, {
            title: '矩阵材料',
            items: ['身份证复印件'],
            dueOn: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
          }),
        )
      ).id),
    year: async () => {
      await renew.date();
      await ok('year', admin.put(`/api/v1/holidays/years/${year}`, { source: '通知' }));
    },
  };
  for (const [name, make] of Object.entries(renew)) if (name !== 'documentId') await make();
  await renew.invoiceId();
  ids.portalInvoiceId = (await ok('issue', stack.as.finance.post(`/api/v1/invoices/${ids.invoiceId}/issue`, {}))).id;
  await renew.invoiceId();
  // The firm has a logo, so every signed-in viewer's GET /firm/logo finds one (it precedes the DELETE).
  const logo = await fetch(`${stack.app.url}/api/v1/firm/logo`, {
    method: 'PUT',
    headers: { cookie: admin.cookie, 'content-type': 'image/png' },
    body: makePng(),
  });
  if (logo.status !== 200) throw new Error(`authz world: the firm logo answered ${logo.status}`);
  return { ids, renew, ownerId: stack.ids['li.ming'] };
}
export type AuthzWorld = Awaited<ReturnType<typeof buildAuthzWorld>>;
