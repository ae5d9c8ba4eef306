import * as OTPAuth from 'otpauth';
import { HttpClient } from '../test/helpers/app';
import { openRestingCase, startApiStack, type ApiStack } from '../test/helpers/api-stack';
import { hashToken } from './middleware/session';

/**
 * People and accounts (issue 18, point 1) over HTTP on a real PostgreSQL and Temporal: an admin
 * invites a colleague (the mail is in the outbox, only the token's sha256 is stored), who accepts
 * and is signed in; roles change but the last admin stays; deactivating ends the leaver's sessions
 * at once and hands their open work to a colleague; reset links expire and are spent once; the
 * password policy refuses short, common and e-mail-derived passwords; TOTP enrolment, the second
 * sign-in step and recovery codes; the firm's "two-factor required" makes an admin enrol; and
 * everyone but an admin is refused the people page.
 */
let stack: ApiStack;
beforeAll(async () => {
  stack = await startApiStack('users-admin', { historical: 0 });
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

const db = () => stack.tdb.db;
const anonymous = () => new HttpClient(stack.app.url);

async function mailTo(address: string, linkPath: string): Promise<{ subject: string; body: string; token: string }> {
  const mail = await db()('email_outbox').where({ to_address: address }).orderBy('created_at', 'desc').orderBy('id', 'desc').first();
  expect(mail).toBeDefined();
  const token = new RegExp(`${linkPath}/([A-Za-z0-9_-]{43})`).exec(mail.text_body)![1];
  return { subject: mail.subject, body: mail.text_body, token };
}

function codeFor(secret: string, at = Date.now()): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: at,
  });
}

async function auditText(): Promise<string> {
  const rows = await db()('audit_log').select('*');
  return JSON.stringify(rows);
}

describe('who may administer people', () => {
  it('refuses everyone but an admin: anonymous 401, staff and the portal 403', async () => {
    const invite = { email: 'nobody@example.com', name: '某人', role: 'lawyer' };
    expect((await anonymous().get('/api/v1/users')).status).toBe(401);
    for (const who of ['partner', 'li.ming', 'assistant', 'finance', 'client'] as const) {
      expect((await stack.as[who].get('/api/v1/users')).status).toBe(403);
      expect((await stack.as[who].post('/api/v1/users/invitations', invite)).status).toBe(403);
      expect((await stack.as[who].patch(`/api/v1/users/${stack.ids['zhang.ting']}`, { role: 'partner' })).status).toBe(403);
      expect((await stack.as[who].post(`/api/v1/users/${stack.ids['zhang.ting']}/deactivate`, { reassignTo: null })).status).toBe(403);
      expect((await stack.as[who].put('/api/v1/users/settings/security', { twoFactorRequired: true })).status).toBe(403);
    }
    // The colleagues picker stays open to all staff (moved to /colleagues).
    const picker = await stack.as.assistant.get('/api/v1/colleagues');
    expect(picker.status).toBe(200);
    expect(picker.body.items.map((u: { name: string }) => u.name)).toContain('李明');
    expect((await stack.as.client.get('/api/v1/colleagues')).status).toBe(403);
  });
});

describe('inviting a colleague', () => {
  it('queues a bilingual mail, keeps only the sha256 of the token, and the invitee signs in by setting a password (once)', async () => {
    const admin = stack.as.admin;
    const r = await admin.post('/api/v1/users/invitations', { email: 'Sun.Li@example.com', name: '孙丽', role: 'lawyer' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ email: 'Sun.Li@example.com', name: '孙丽', role: 'lawyer', status: 'pending', locale: 'zh-CN' });
    const hours = (Date.parse(r.body.expiresAt) - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);
    const zh = await mailTo('Sun.Li@example.com', '/invite');
    expect(zh.subject).toContain('邀请您加入律程');
    expect(zh.body).toContain('「律师」');
    expect(zh.body).toContain('72 小时内有效');
    const row = await db()('staff_invitations').where({ id: r.body.id }).first();
    expect(row.token_hash).toBe(hashToken(zh.token));
    expect(JSON.stringify(row)).not.toContain(zh.token);

    const en = await admin.post('/api/v1/users/invitations', {
      email: 'grace@example.com',
      name: 'Grace Ho',
      role: 'finance',
      locale: 'en',
    });
    expect(en.status).toBe(201);
    const enMail = await mailTo('grace@example.com', '/invite');
    expect(enMail.subject).toBe('律程示范律师事务所: your LexFlow account');
    expect(enMail.body).toContain('as finance');

    // Invited, not yet accepted: listed as invited.
    const invited = await admin.get('/api/v1/users?status=invited');
    expect(invited.body.items.map((p: { email: string }) => p.email).sort()).toEqual(['Sun.Li@example.com', 'grace@example.com']);

    const preview = await anonymous().get(`/api/v1/staff-invitations/${zh.token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ name: '孙丽', role: 'lawyer', firmName: '律程示范律师事务所' });

    const invitee = anonymous();
    const accept = (password: string) => invitee.post(`/api/v1/staff-invitations/${zh.token}/accept`, { password });
    for (const [password, reason] of [
      ['short-1', 'too-short'],
      ['woaini1314', 'common'],
      ['123456789a', 'common'],
      ['QwertyUIOP', 'common'],
      ['my-sun.li-password', 'contains-email'],
    ]) {
      const refused = await accept(password);
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'weak-password', errors: [{ path: 'body.password', message: reason }] });
    }
    const accepted = await accept('Jade river 2026');
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ email: 'Sun.Li@example.com', name: '孙丽', role: 'lawyer' });
    expect((await invitee.get('/api/v1/auth/me')).body.email).toBe('Sun.Li@example.com');
    expect((await anonymous().post(`/api/v1/staff-invitations/${zh.token}/accept`, { password: 'Jade river 2027' })).body.code).toBe(
      'invitation-used',
    );
    expect((await anonymous().get(`/api/v1/staff-invitations/${zh.token}`)).status).toBe(410);

    // Listed as active now; an address with an account cannot be invited again.
    const listed = await admin.get('/api/v1/users?q=sun.li');
    expect(listed.body.items).toEqual([expect.objectContaining({ kind: 'user', status: 'active', role: 'lawyer' })]);
    expect((await admin.post('/api/v1/users/invitations', { email: 'sun.li@example.com', name: '孙丽', role: 'lawyer' })).status).toBe(409);

    // Withdrawn: the link is dead.
    expect((await admin.post(`/api/v1/users/invitations/${en.body.id}/revoke`, {})).body.status).toBe('revoked');
    expect((await anonymous().get(`/api/v1/staff-invitations/${enMail.token}`)).body.code).toBe('invitation-expired');
    // Never a client role.
    expect((await admin.post('/api/v1/users/invitations', { email: 'c@example.com', name: 'C', role: 'client' })).status).toBe(400);

    // No token in the audit log, neither in a path nor in details.
    const audit = await auditText();
    expect(audit).not.toContain(zh.token);
    expect(audit).not.toContain(enMail.token);
    expect(audit).not.toContain('Jade river');
  });

  it('pages and filters the list by role and status', async () => {
    const all = await stack.as.admin.get('/api/v1/users?pageSize=3');
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(3);
    expect(all.body.total).toBeGreaterThanOrEqual(7);
    const second = await stack.as.admin.get('/api/v1/users?pageSize=3&page=2');
    expect(second.body.items[0].id).not.toBe(all.body.items[0].id);
    const lawyers = await stack.as.admin.get('/api/v1/users?role=lawyer&status=active');
    expect(lawyers.body.items.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['李明', '张婷', '孙丽']));
    expect(lawyers.body.items.every((p: { role: string }) => p.role === 'lawyer')).toBe(true);
    // Portal users are not the firm's people.
    expect((await stack.as.admin.get('/api/v1/users?q=client@demo')).body.items).toEqual([]);
  });
});

describe('roles', () => {
  it('changes a role, and never demotes or deactivates the last active admin', async () => {
    const admin = stack.as.admin;
    const changed = await admin.patch(`/api/v1/users/${stack.ids.assistant}`, { role: 'lawyer' });
    expect(changed.status).toBe(200);
    expect(changed.body.role).toBe('lawyer');
    expect((await admin.patch(`/api/v1/users/${stack.ids.assistant}`, { role: 'assistant' })).body.role).toBe('assistant');
    const demote = await admin.patch(`/api/v1/users/${stack.ids.admin}`, { role: 'partner' });
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('last-admin');
    expect((await admin.post(`/api/v1/users/${stack.ids.admin}/deactivate`, { reassignTo: null })).status).toBe(409);
    expect((await db()('users').where({ id: stack.ids.admin }).first('role')).role).toBe('admin');
  });
});

describe('password reset links', () => {
  it('an admin sends one: valid 1 h, spent once, ends every session; a newer link replaces an older one', async () => {
    const email = 'zhang.ting@demo.lexflow';
    const zhang = new HttpClient(stack.app.url);
    expect((await zhang.login(email)).status).toBe(200);
    expect((await stack.as.admin.post(`/api/v1/users/${stack.ids['zhang.ting']}/password-reset`, {})).status).toBe(204);
    const first = await mailTo(email, '/reset-password');
    expect((await stack.as.admin.post(`/api/v1/users/${stack.ids['zhang.ting']}/password-reset`, {})).status).toBe(204);
    const link = await mailTo(email, '/reset-password');
    expect(link.token).not.toBe(first.token);
    expect(link.body).toContain('60 分钟内有效');
    expect((await anonymous().get(`/api/v1/auth/password-reset/${first.token}`)).body.code).toBe('reset-link-used');
    const preview = await anonymous().get(`/api/v1/auth/password-reset/${link.token}`);
    expect(preview.status).toBe(200);
    const minutes = (Date.parse(preview.body.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(59);
    expect(minutes).toBeLessThanOrEqual(60);
    const weak = await anonymous().post(`/api/v1/auth/password-reset/${link.token}`, { password: 'zhang.ting-2026' });
    expect(weak.body.errors).toEqual([{ path: 'body.password', message: 'contains-email' }]);
    expect((await anonymous().post(`/api/v1/auth/password-reset/${link.token}`, { password: 'Autumn lantern 88' })).status).toBe(204);
    expect((await zhang.get('/api/v1/auth/me')).status).toBe(401);
    expect((await stack.as['zhang.ting'].get('/api/v1/auth/me')).status).toBe(401);
    const reuse = await anonymous().post(`/api/v1/auth/password-reset/${link.token}`, { password: 'Another lantern 99' });
    expect(reuse.status).toBe(410);
    expect(reuse.body.code).toBe('reset-link-used');
    expect((await anonymous().login(email)).status).toBe(401);
    expect((await zhang.login(email, 'Autumn lantern 88')).status).toBe(200);
    stack.as['zhang.ting'] = zhang;
    expect(await auditText()).not.toContain(link.token);
  });

  it('"forgot password" answers the same for any address, and an expired link is refused', async () => {
    const before = await db()('email_outbox').count<{ count: string }[]>('* as count').first();
    const unknown = await anonymous().post('/api/v1/auth/password-reset', { email: 'nobody@nowhere.example' });
    expect(unknown.status).toBe(204);
    const portal = await anonymous().post('/api/v1/auth/password-reset', { email: 'client@demo.lexflow' });
    expect(portal.status).toBe(204);
    expect(await db()('email_outbox').count<{ count: string }[]>('* as count').first()).toEqual(before);
    const known = await anonymous().post('/api/v1/auth/password-reset', { email: 'FINANCE@demo.lexflow' });
    expect(known.status).toBe(204);
    expect(known.body).toEqual(unknown.body);
    const link = await mailTo('finance@demo.lexflow', '/reset-password');
    expect(link.body).toContain('有人（希望是您本人）申请重置您的密码');
    await db()('password_resets')
      .where({ token_hash: hashToken(link.token) })
      .update({ expires_at: new Date(Date.now() - 1000) });
    expect((await anonymous().get(`/api/v1/auth/password-reset/${link.token}`)).body.code).toBe('reset-link-expired');
    const spend = await anonymous().post(`/api/v1/auth/password-reset/${link.token}`, { password: 'Winter harbour 71' });
    expect(spend.status).toBe(410);
    expect(spend.body.code).toBe('reset-link-expired');
    expect((await stack.as.finance.get('/api/v1/auth/me')).status).toBe(200);
  });

  it("changing one's own password checks the current one and the policy, and ends one's other sessions", async () => {
    const other = new HttpClient(stack.app.url);
    expect((await other.login('finance@demo.lexflow')).status).toBe(200);
    const finance = stack.as.finance;
    expect((await finance.post('/api/v1/auth/me/password', { currentPassword: 'wrong', newPassword: 'Summer meadow 55' })).status).toBe(
      400,
    );
    expect(
      (await finance.post('/api/v1/auth/me/password', { currentPassword: 'lexflow-demo', newPassword: 'qwertyuiop' })).body.errors,
    ).toEqual([{ path: 'body.newPassword', message: 'common' }]);
    expect(
      (await finance.post('/api/v1/auth/me/password', { currentPassword: 'lexflow-demo', newPassword: 'Summer meadow 55' })).status,
    ).toBe(204);
    expect((await finance.get('/api/v1/auth/me')).status).toBe(200);
    expect((await other.get('/api/v1/auth/me')).status).toBe(401);
  });
});

describe('two-factor sign-in', () => {
  it('enrols with a first code, then asks for a code after the password; a recovery code works once', async () => {
    const partner = stack.as.partner;
    expect((await partner.get('/api/v1/auth/me/security')).body).toEqual({
      totpEnabled: false,
      recoveryCodesLeft: 0,
      twoFactorRequired: false,
    });
    const enrol = await partner.post('/api/v1/auth/me/totp', {});
    expect(enrol.status).toBe(200);
    expect(enrol.body.uri).toMatch(/^otpauth:\/\/totp\/LexFlow:partner%40demo\.lexflow\?/);
    const secret: string = enrol.body.secret;
    const wrong = await partner.post('/api/v1/auth/me/totp/confirm', { code: codeFor(secret, Date.now() - 10 * 60_000) });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('totp-invalid');
    const confirmed = await partner.post('/api/v1/auth/me/totp/confirm', { code: codeFor(secret) });
    expect(confirmed.status).toBe(200);
    const recovery: string[] = confirmed.body.recoveryCodes;
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    expect((await partner.get('/api/v1/auth/me/security')).body).toMatchObject({ totpEnabled: true, recoveryCodesLeft: 10 });
    const stored = await db()('totp_recovery_codes').where({ user_id: stack.ids.partner }).pluck('code_hash');
    expect(stored.some((h: string) => recovery.some((c) => h.includes(c.replace('-', ''))))).toBe(false);

    // Password first: no session yet, a pending token.
    const browser = new HttpClient(stack.app.url);
    const first = await browser.login('partner@demo.lexflow');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ step: 'totp', enrolment: null });
    expect(browser.cookie).toBe('');
    expect((await browser.get('/api/v1/auth/me')).status).toBe(401);
    const bad = await browser.post('/api/v1/auth/login/totp', {
      pendingToken: first.body.pendingToken,
      code: codeFor(secret, Date.now() - 600_000),
    });
    expect(bad.status).toBe(401);
    // The code that confirmed the enrolment is spent: the next period's code signs in.
    const ok = await browser.post('/api/v1/auth/login/totp', {
      pendingToken: first.body.pendingToken,
      code: codeFor(secret, Date.now() + 30_000),
    });
    expect(ok.status).toBe(200);
    expect(ok.body.email).toBe('partner@demo.lexflow');
    expect((await browser.get('/api/v1/auth/me')).status).toBe(200);
    // The pending token is spent.
    expect(
      (await anonymous().post('/api/v1/auth/login/totp', { pendingToken: first.body.pendingToken, code: codeFor(secret) })).status,
    ).toBe(401);

    // A recovery code instead of a code, once.
    const again = await new HttpClient(stack.app.url).login('partner@demo.lexflow');
    const byRecovery = await anonymous().post('/api/v1/auth/login/totp', {
      pendingToken: again.body.pendingToken,
      recoveryCode: recovery[0].toUpperCase(),
    });
    expect(byRecovery.status).toBe(200);
    const third = await new HttpClient(stack.app.url).login('partner@demo.lexflow');
    expect(
      (await anonymous().post('/api/v1/auth/login/totp', { pendingToken: third.body.pendingToken, recoveryCode: recovery[0] })).status,
    ).toBe(401);
    expect((await partner.get('/api/v1/auth/me/security')).body.recoveryCodesLeft).toBe(9);

    // Wrong codes count against the sign-in limits like wrong passwords (3 in tests): then 429, even for the right code.
    const fourth = await new HttpClient(stack.app.url).login('partner@demo.lexflow');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await anonymous().post('/api/v1/auth/login/totp', { pendingToken: fourth.body.pendingToken, code: '000000' })).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    const locked = await anonymous().post('/api/v1/auth/login/totp', { pendingToken: fourth.body.pendingToken, code: codeFor(secret) });
    expect([401, 429]).toContain(locked.status);
    expect(locked.body.code).not.toBe(undefined);
    await db()('login_locks').delete();
    await db()('login_counters').delete();

    // Secrets never reach the audit log.
    const audit = await auditText();
    expect(audit).not.toContain(secret);
    for (const c of recovery) expect(audit).not.toContain(c);
    expect(audit).not.toContain(first.body.pendingToken);

    // Off again (password checked).
    expect((await partner.post('/api/v1/auth/me/totp/disable', { password: 'wrong' })).status).toBe(400);
    expect((await partner.post('/api/v1/auth/me/totp/disable', { password: 'lexflow-demo' })).status).toBe(204);
    expect((await new HttpClient(stack.app.url).login('partner@demo.lexflow')).body.email).toBe('partner@demo.lexflow');
  });

  it('a code signs in once: the same code again, even within its 30 s, is refused; the secret is stored sealed', async () => {
    const lawyer = stack.as['li.ming'];
    const enrol = await lawyer.post('/api/v1/auth/me/totp', {});
    const secret: string = enrol.body.secret;
    const now = Date.now();
    expect((await lawyer.post('/api/v1/auth/me/totp/confirm', { code: codeFor(secret, now) })).status).toBe(200);
    // Neither the pending nor the confirmed secret is readable from the database.
    const row = await db()('users').where({ id: stack.ids['li.ming'] }).first();
    expect(JSON.stringify(row)).not.toContain(secret);

    const signIn = async (code: string) => {
      const first = await new HttpClient(stack.app.url).login('li.ming@demo.lexflow');
      expect(first.body.step).toBe('totp');
      return anonymous().post('/api/v1/auth/login/totp', { pendingToken: first.body.pendingToken, code });
    };
    // The code that confirmed the enrolment is spent.
    const replayed = await signIn(codeFor(secret, now));
    expect(replayed.status).toBe(401);
    expect(replayed.body.code).toBe('totp-invalid');
    // The next period's code (the clock window allows one step ahead) signs in, once.
    const next = codeFor(secret, now + 30_000);
    expect((await signIn(next)).status).toBe(200);
    expect((await signIn(next)).status).toBe(401);
    // An older code than the last one used is refused too.
    expect((await signIn(codeFor(secret, now))).status).toBe(401);
    await db()('login_locks').delete();
    await db()('login_counters').delete();
    expect((await lawyer.post('/api/v1/auth/me/totp/disable', { password: 'lexflow-demo' })).status).toBe(204);
  });

  it('the firm setting makes an admin without TOTP enrol at the next sign-in', async () => {
    expect((await stack.as.admin.put('/api/v1/users/settings/security', { twoFactorRequired: true })).status).toBe(200);
    expect((await stack.as.admin.get('/api/v1/users')).body.security).toEqual({ twoFactorRequired: true });
    // A lawyer is not concerned.
    expect((await new HttpClient(stack.app.url).login('li.ming@demo.lexflow')).body.email).toBe('li.ming@demo.lexflow');
    const browser = new HttpClient(stack.app.url);
    const step = await browser.login('admin@demo.lexflow');
    expect(step.body).toMatchObject({ step: 'enrol', enrolment: { secret: expect.any(String), uri: expect.stringMatching(/^otpauth:/) } });
    const done = await browser.post('/api/v1/auth/login/totp', {
      pendingToken: step.body.pendingToken,
      code: codeFor(step.body.enrolment.secret),
    });
    expect(done.status).toBe(200);
    expect(done.body.recoveryCodes).toHaveLength(10);
    expect((await browser.get('/api/v1/auth/me/security')).body).toMatchObject({ totpEnabled: true, twoFactorRequired: true });
    // Required: it cannot be turned off.
    expect((await browser.post('/api/v1/auth/me/totp/disable', { password: 'lexflow-demo' })).status).toBe(409);
    expect((await new HttpClient(stack.app.url).login('admin@demo.lexflow')).body.step).toBe('totp');
    stack.as.admin = browser;
    expect((await browser.put('/api/v1/users/settings/security', { twoFactorRequired: false })).status).toBe(200);
  });
});

describe('deactivating a leaver', () => {
  it('lists their open work, hands it to a colleague in one action and ends their sessions at once; reactivating lets them back', async () => {
    const kase = await openRestingCase(stack, { client: '离职交接测试有限公司', title: '交接案件' });
    const admin = stack.as.admin;
    const leaver = stack.ids['li.ming'];
    const work = await admin.get(`/api/v1/users/${leaver}/open-work`);
    expect(work.status).toBe(200);
    expect(work.body.cases.map((c: { id: string }) => c.id)).toContain(kase.caseId);
    expect(work.body.tasks.some((t: { caseId: string }) => t.caseId === kase.caseId)).toBe(true);
    const taskIds = work.body.tasks.map((t: { id: string }) => t.id);

    // An assistant cannot lead the cases: refused, nothing changes.
    const refused = await admin.post(`/api/v1/users/${leaver}/deactivate`, { reassignTo: stack.ids.assistant });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('body.reassignTo');
    expect((await stack.as['li.ming'].get('/api/v1/auth/me')).status).toBe(200);

    const r = await admin.post(`/api/v1/users/${leaver}/deactivate`, { reassignTo: stack.ids['zhang.ting'] });
    expect(r.status).toBe(200);
    expect(r.body.person).toMatchObject({ status: 'deactivated' });
    expect(r.body.reassigned).toEqual({ tasks: taskIds.length, cases: expect.any(Number) });
    expect(r.body.openWork).toEqual({ tasks: [], cases: [] });
    expect((await stack.as['li.ming'].get('/api/v1/auth/me')).status).toBe(401);
    expect((await new HttpClient(stack.app.url).login('li.ming@demo.lexflow')).status).toBe(401);
    expect((await db()('cases').where({ id: kase.caseId }).first('lead_lawyer_id')).lead_lawyer_id).toBe(stack.ids['zhang.ting']);
    const moved = await db()('tasks').whereIn('id', taskIds).pluck('assignee_id');
    expect(new Set(moved)).toEqual(new Set([stack.ids['zhang.ting']]));
    const team = await stack.as['zhang.ting'].get(`/api/v1/cases/${kase.caseId}/team`);
    expect(team.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ userId: stack.ids['zhang.ting'], role: 'lead' })]));
    expect((await admin.get('/api/v1/users?status=deactivated')).body.items.map((p: { id: string }) => p.id)).toEqual([leaver]);
    // Out of the pickers.
    expect((await stack.as.partner.get('/api/v1/colleagues')).body.items.map((u: { id: string }) => u.id)).not.toContain(leaver);

    expect((await admin.post(`/api/v1/users/${leaver}/reactivate`, {})).body.status).toBe('active');
    const back = new HttpClient(stack.app.url);
    expect((await back.login('li.ming@demo.lexflow')).status).toBe(200);
    stack.as['li.ming'] = back;
  });
});
