import { randomBytes } from 'node:crypto';
import { HttpClient, TEST_POLICY } from '../test/helpers/app';
import { startApiStack, type ApiStack } from '../test/helpers/api-stack';

/**
 * Portal accounts (issue 17 point 1) on a real PostgreSQL: a lawyer invites a client's contact, the
 * mail in the outbox carries the one-time link, the contact sets a password and is signed in as a
 * portal user; used, expired, withdrawn and unknown links answer clear problems; one person may act
 * for several clients; revoking the last membership ends their session at once.
 */
let stack: ApiStack;
let clientA: string;
let clientB: string;
let contactA: string;

const PASSWORD = 'Kf8-ziyou-2026';

beforeAll(async () => {
  stack = await startApiStack('portal-access', { historical: 0 });
  const lawyer = stack.as['li.ming'];
  clientA = (await lawyer.post('/api/v1/clients', { kind: 'organisation', name: '杭州云帆科技有限公司' })).body.id;
  clientB = (await lawyer.post('/api/v1/clients', { kind: 'organisation', name: '杭州云帆投资有限公司' })).body.id;
  contactA = (await lawyer.post(`/api/v1/clients/${clientA}/contacts`, { name: '王芳', email: 'wang.fang@yunfan.example' })).body.id;
}, 120_000);
afterAll(async () => stack?.close());

/** The invitation mail queued for this address (the newest), and the token of its link. */
async function mailTo(address: string) {
  const mail = await stack.tdb.db('email_outbox').where({ to_address: address }).orderBy('created_at', 'desc').first();
  const link = /(\S+\/portal\/invite\/([A-Za-z0-9_-]{43}))/.exec(mail?.text_body ?? '');
  return { mail, link: link?.[1], token: link?.[2] ?? '' };
}

async function invite(clientId: string, body: Record<string, unknown>, who: HttpClient = stack.as['li.ming']) {
  return who.post(`/api/v1/clients/${clientId}/portal-invitations`, body);
}

describe('inviting a contact', () => {
  it('mails a one-time link; the contact sees who invites them, sets a password and is signed in as a portal user', async () => {
    const r = await invite(clientA, { contactId: contactA, name: '王芳', email: 'wang.fang@yunfan.example', locale: 'zh-CN' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: '王芳', email: 'wang.fang@yunfan.example', contactId: contactA, status: 'pending' });
    expect(new Date(r.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(71.9 * 3600_000);
    const { mail, link, token } = await mailTo('wang.fang@yunfan.example');
    expect(mail.subject).toContain('客户门户');
    expect(mail.text_body).toContain('杭州云帆科技有限公司');
    expect(link).toBe(`${stack.app.url}/portal/invite/${token}`);
    // Only the token's hash is kept.
    expect(await stack.tdb.db('portal_invitations').where({ token_hash: token }).first()).toBeUndefined();

    const visitor = new HttpClient(stack.app.url);
    const seen = await visitor.get(`/api/v1/portal/invitations/${token}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      name: '王芳',
      email: 'wang.fang@yunfan.example',
      clientName: '杭州云帆科技有限公司',
      hasAccount: false,
    });

    const short = await visitor.post(`/api/v1/portal/invitations/${token}/accept`, { password: 'short' });
    expect(short.status).toBe(422);
    expect(short.body.code).toBe('weak-password');
    expect(short.body.detail).toMatch(/at least 10 characters/);
    const local = await visitor.post(`/api/v1/portal/invitations/${token}/accept`, { password: 'my-wang.fang-pw' });
    expect(local.status).toBe(422);
    expect(local.body.errors[0]).toEqual({ path: 'body.password', message: 'contains-email' });
    expect((await visitor.get('/api/v1/auth/me')).status).toBe(401);

    const accepted = await visitor.post(`/api/v1/portal/invitations/${token}/accept`, { password: PASSWORD });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ signedIn: true, user: { email: 'wang.fang@yunfan.example', name: '王芳', role: 'client' } });
    const me = await visitor.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.role).toBe('client');

    const access = (await stack.as['li.ming'].get(`/api/v1/clients/${clientA}/portal-access`)).body;
    expect(access.accounts).toEqual([expect.objectContaining({ name: '王芳', contactId: contactA, revokedAt: null })]);
    expect(access.accounts[0].lastLoginAt).not.toBeNull();
    expect(access.invitations[0].status).toBe('used');
    // Both steps are on the record.
    const audit = await stack.tdb.db('audit_log').where({ entity: 'portalInvitation' }).whereIn('status', [200, 201]).select('action');
    expect(audit.map((a) => a.action).sort()).toEqual([
      'POST /api/v1/clients/:id/portal-invitations',
      'POST /api/v1/portal/invitations/:token/accept',
    ]);

    // The link is spent: reading or accepting it again is 410 invitation-used.
    const again = new HttpClient(stack.app.url);
    const reread = await again.get(`/api/v1/portal/invitations/${token}`);
    expect(reread.status).toBe(410);
    expect(reread.body.code).toBe('invitation-used');
    const reused = await again.post(`/api/v1/portal/invitations/${token}/accept`, { password: PASSWORD });
    expect(reused.status).toBe(410);
    expect(reused.body.code).toBe('invitation-used');
    expect(reused.body.detail).toMatch(/already used/);
  });

  it('an expired link, a withdrawn one and an unknown one answer clear problems', async () => {
    await invite(clientA, { name: '赵磊', email: 'zhao.lei@yunfan.example', locale: 'en' });
    const expired = await mailTo('zhao.lei@yunfan.example');
    expect(expired.mail.subject).toContain('client portal invitation');
    await stack.tdb
      .db('portal_invitations')
      .where({ email: 'zhao.lei@yunfan.example' })
      .update({ expires_at: new Date(Date.now() - 1000) });
    const visitor = new HttpClient(stack.app.url);
    for (const r of [
      await visitor.get(`/api/v1/portal/invitations/${expired.token}`),
      await visitor.post(`/api/v1/portal/invitations/${expired.token}/accept`, { password: PASSWORD }),
    ]) {
      expect(r.status).toBe(410);
      expect(r.body.code).toBe('invitation-expired');
      expect(r.body.detail).toMatch(/expired or was withdrawn/);
    }
    expect((await stack.as['li.ming'].get(`/api/v1/clients/${clientA}/portal-access`)).body.invitations).toContainEqual(
      expect.objectContaining({ email: 'zhao.lei@yunfan.example', status: 'expired' }),
    );

    const sent = await invite(clientA, { name: '钱程', email: 'qian.cheng@yunfan.example' });
    const withdrawn = await mailTo('qian.cheng@yunfan.example');
    const revoke = await stack.as['li.ming'].post(`/api/v1/clients/${clientA}/portal-invitations/${sent.body.id}/revoke`);
    expect(revoke.status).toBe(204);
    const late = await visitor.post(`/api/v1/portal/invitations/${withdrawn.token}/accept`, { password: PASSWORD });
    expect(late.status).toBe(410);
    expect(late.body.code).toBe('invitation-expired');
    expect(await stack.tdb.db('users').where({ email: 'qian.cheng@yunfan.example' }).first()).toBeUndefined();

    const unknown = await visitor.get(`/api/v1/portal/invitations/${randomBytes(32).toString('base64url')}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toMatch(/not known/);
    expect((await visitor.get('/api/v1/portal/invitations/too-short')).status).toBe(400);
  });

  it('refuses an address of a staff user (409) and a contact of another client', async () => {
    const staff = await invite(clientA, { name: '李明', email: 'LI.MING@demo.lexflow' });
    expect(staff.status).toBe(409);
    expect(staff.body.detail).toMatch(/staff account/);
    const other = await invite(clientB, { contactId: contactA, name: '王芳', email: 'wang.fang@yunfan.example' });
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([{ path: 'body.contactId', message: 'not a contact of this client' }]);
  });

  it('a retry with the same Idempotency-Key answers the invitation it created, with one mail', async () => {
    const send = () =>
      stack.as['li.ming'].request('POST', `/api/v1/clients/${clientA}/portal-invitations`, {
        json: { name: '孙悦', email: 'sun.yue@yunfan.example' },
        headers: { 'idempotency-key': 'portal-invite-sun-yue' },
      });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(await stack.tdb.db('email_outbox').where({ to_address: 'sun.yue@yunfan.example' }).count('* as n')).toEqual([{ n: '1' }]);
  });

  it('of two accepts of one link at the same moment, one wins', async () => {
    await invite(clientA, { name: '周宁', email: 'zhou.ning@yunfan.example' });
    const { token } = await mailTo('zhou.ning@yunfan.example');
    const answers = await Promise.all(
      [0, 1].map(() => new HttpClient(stack.app.url).post(`/api/v1/portal/invitations/${token}/accept`, { password: PASSWORD })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 410]);
    expect(await stack.tdb.db('users').where({ email: 'zhou.ning@yunfan.example' }).count('* as n')).toEqual([{ n: '1' }]);
  });
});

describe('one portal user, several clients', () => {
  it("a second client's invitation to the same email adds that client; revoking the last ends the session at once", async () => {
    const r = await invite(clientB, { name: '王芳', email: 'Wang.Fang@yunfan.example' });
    expect(r.status).toBe(201);
    const { token } = await mailTo('Wang.Fang@yunfan.example');
    const visitor = new HttpClient(stack.app.url);
    expect((await visitor.get(`/api/v1/portal/invitations/${token}`)).body.hasAccount).toBe(true);
    const accepted = await visitor.post(`/api/v1/portal/invitations/${token}/accept`, {});
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ signedIn: false, user: null });
    expect((await visitor.get('/api/v1/auth/me')).status).toBe(401);

    // One account, two memberships; she signs in with the password she set.
    const user = await stack.tdb.db('users').whereRaw('lower(email) = ?', ['wang.fang@yunfan.example']).select('id');
    expect(user).toHaveLength(1);
    const memberships = await stack.tdb.db('portal_memberships').where({ user_id: user[0].id }).whereNull('revoked_at').pluck('client_id');
    expect(memberships.sort()).toEqual([clientA, clientB].sort());
    const portal = new HttpClient(stack.app.url);
    expect((await portal.login('wang.fang@yunfan.example', PASSWORD)).status).toBe(200);

    const lawyer = stack.as['li.ming'];
    // An invitation sent again to a member (a resend) is withdrawn with her access: it cannot give it back.
    expect((await invite(clientA, { name: '王芳', email: 'wang.fang@yunfan.example' })).status).toBe(201);
    const resent = await mailTo('wang.fang@yunfan.example');
    expect((await lawyer.post(`/api/v1/clients/${clientA}/portal-access/${user[0].id}/revoke`)).status).toBe(204);
    const stale = await new HttpClient(stack.app.url).post(`/api/v1/portal/invitations/${resent.token}/accept`, {});
    expect([stale.status, stale.body.code]).toEqual([410, 'invitation-expired']);
    expect(await stack.tdb.db('portal_memberships').where({ user_id: user[0].id, client_id: clientA }).first('revoked_at')).toEqual({
      revoked_at: expect.any(Date),
    });
    expect((await portal.get('/api/v1/auth/me')).status).toBe(200);
    expect((await lawyer.post(`/api/v1/clients/${clientB}/portal-access/${user[0].id}/revoke`)).status).toBe(204);
    const after = await portal.get('/api/v1/auth/me');
    expect(after.status).toBe(401);
    expect(await stack.tdb.db('sessions').where({ user_id: user[0].id }).count('* as n')).toEqual([{ n: '0' }]);
    // Revoking again changes nothing; the profile shows the account as revoked.
    expect((await lawyer.post(`/api/v1/clients/${clientB}/portal-access/${user[0].id}/revoke`)).status).toBe(204);
    const access = (await lawyer.get(`/api/v1/clients/${clientB}/portal-access`)).body;
    expect(access.accounts[0].revokedAt).not.toBeNull();
    const audit = await stack.tdb.db('audit_log').where({ entity: 'portalMembership', status: 204 }).orderBy('id').select('details');
    expect(audit.map((a) => a.details.lastMembership)).toEqual([false, true, true]);
  });
});

describe('who may manage portal access', () => {
  it('a lawyer off the client gets 404, a portal user 403, on every staff route', async () => {
    const invitation = (await stack.as['li.ming'].get(`/api/v1/clients/${clientA}/portal-access`)).body.invitations[0].id;
    const account = stack.ids.client;
    const calls = (who: HttpClient) => [
      who.get(`/api/v1/clients/${clientA}/portal-access`),
      who.post(`/api/v1/clients/${clientA}/portal-invitations`, { name: '某人', email: 'someone@yunfan.example' }),
      who.post(`/api/v1/clients/${clientA}/portal-invitations/${invitation}/revoke`),
      who.post(`/api/v1/clients/${clientA}/portal-access/${account}/revoke`),
    ];
    expect((await Promise.all(calls(stack.as['zhang.ting']))).map((r) => r.status)).toEqual([404, 404, 404, 404]);
    expect((await Promise.all(calls(stack.as.client))).map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect(await stack.tdb.db('users').where({ email: 'someone@yunfan.example' }).first()).toBeUndefined();
    // A partner sees every client.
    expect((await stack.as.partner.get(`/api/v1/clients/${clientA}/portal-access`)).status).toBe(200);
  });

  it("a portal account's sign-in is throttled like a staff one", async () => {
    const tries = (password: string) =>
      new HttpClient(stack.app.url).request('POST', '/api/v1/auth/login', {
        json: { email: 'zhou.ning@yunfan.example', password },
        headers: { 'x-forwarded-for': '203.0.113.77' },
      });
    for (let i = 0; i < TEST_POLICY.loginMaxFailures; i++) expect((await tries('wrong-password')).status).toBe(401);
    const locked = await tries(PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('login-locked');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
