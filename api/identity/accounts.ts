import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/connection';
import { reindexCase } from '../../db/repositories/case-search';
import { enqueueMailOnce } from '../../db/repositories/email-outbox';
import { deleteUserSessions } from '../../db/repositories/sessions';
import { getSetting, putSetting } from '../../db/repositories/settings';
import {
  claimPasswordReset,
  claimStaffInvitation,
  countActiveInRoles,
  disableTotp,
  enableTotp,
  findAccount,
  findPasswordReset,
  findStaffInvitation,
  findStaffInvitationByTokenHash,
  insertPasswordReset,
  insertStaffInvitation,
  listPeople,
  lockUser,
  openWorkOf,
  reassignOpenWork,
  revokePendingStaffInvitationsTo,
  revokeStaffInvitation,
  setPasswordHash,
  setPendingTotpSecret,
  setStaffInvitationUser,
  setUserActive,
  setUserRole,
  unusedRecoveryCodes,
  type OpenWork as OpenWorkRow,
  type PersonRow,
  type StaffInvitationRow,
} from '../../db/repositories/staff-accounts';
import { findUserByEmail, insertUser } from '../../db/repositories/users';
import { mayLeadCases } from '../../domain/policy';
import { ACCOUNT_ADMIN_ROLES, isAccountAdminRole, STAFF_ROLES, twoFactorRequiredFor, type Role } from '../../domain/roles';
import { AppError } from '../app-error';
import type { Locale } from '../contracts/auth';
import type {
  OpenWork,
  People,
  Person,
  PublicStaffInvitation,
  Security,
  StaffInvitation,
  StaffInvitationInput,
  TotpEnrolment,
} from '../contracts/people';
import type { IdempotentRequest } from '../middleware/idempotency';
import { hashToken, type SessionUser } from '../middleware/session';
import { afterPassword, firmRequiresTwoFactor, openSession, SECURITY_SETTING, type LoginPolicy, type SignInOutcome } from './auth';
import { assertPasswordAccepted } from './password-rules';
import { hashPassword, verifyPassword } from './passwords';
import { hashRecoveryCode, newRecoveryCodes, type TwoFactor } from './two-factor';

/** How long a staff invitation link can be used. */
export const STAFF_INVITATION_HOURS = 72;
/** How long a password-reset link can be used. */
export const RESET_LINK_MINUTES = 60;

interface Actor {
  id: string;
  role: Role;
}

async function firmName(db: Db): Promise<string> {
  return (await getSetting<{ name?: string }>(db, 'firm'))?.name ?? 'LexFlow';
}
async function firmLocale(db: Db): Promise<Locale> {
  const l = (await getSetting<{ locale?: string }>(db, 'firm'))?.locale;
  return l === 'en' ? 'en' : 'zh-CN';
}

function personView(p: PersonRow): Person {
  return {
    id: p.id,
    kind: p.kind,
    name: p.name,
    email: p.email,
    role: p.role as Person['role'],
    status: p.status,
    locale: p.locale,
    lastLoginAt: p.lastLoginAt?.toISOString() ?? null,
    totpEnabled: p.totpEnabled,
    invitationExpiresAt: p.invitationExpiresAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
  };
}

// The people page ///////////////////////////////////////////////////////////////////////////////

export async function people(
  db: Db,
  q: { page: number; pageSize: number; role?: Role; status?: Person['status']; q?: string },
): Promise<People> {
  const { items, total } = await listPeople(db, STAFF_ROLES, {
    role: q.role,
    status: q.status,
    q: q.q,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return {
    items: items.map(personView),
    total,
    page: q.page,
    pageSize: q.pageSize,
    security: { twoFactorRequired: await firmRequiresTwoFactor(db) },
  };
}

async function personOf(db: Db, userId: string): Promise<Person> {
  const account = await findAccount(db, userId);
  if (!account || !(STAFF_ROLES as readonly Role[]).includes(account.role)) throw new AppError('not-found', 'no such colleague');
  const { items } = await listPeople(db, STAFF_ROLES, { q: account.email, limit: 50, offset: 0 });
  return personView(items.find((p) => p.id === userId)!);
}

/** A staff account (not a portal user): 404 otherwise. */
async function staffAccount(db: Db, userId: string) {
  const account = await findAccount(db, userId);
  if (!account || !(STAFF_ROLES as readonly Role[]).includes(account.role)) throw new AppError('not-found', 'no such colleague');
  return account;
}

function invitationView(i: StaffInvitationRow): StaffInvitation {
  const status = i.usedAt ? 'used' : i.revokedAt ? 'revoked' : i.expiresAt.getTime() <= Date.now() ? 'expired' : 'pending';
  return {
    id: i.id,
    email: i.email,
    name: i.name,
    role: i.role as StaffInvitation['role'],
    locale: i.locale,
    expiresAt: i.expiresAt.toISOString(),
    status,
  };
}

const ROLE_NAMES: Record<Locale, Record<string, string>> = {
  'zh-CN': { admin: '系统管理员', partner: '合伙人', lawyer: '律师', assistant: '律师助理', finance: '财务' },
  en: { admin: 'administrator', partner: 'partner', lawyer: 'lawyer', assistant: 'assistant', finance: 'finance' },
};

function staffInvitationMail(m: { firm: string; name: string; role: Role; link: string; locale: Locale }) {
  const role = ROLE_NAMES[m.locale][m.role] ?? m.role;
  if (m.locale === 'en')
    return {
      subject: `${m.firm}: your LexFlow account`,
      textBody: [
        `Dear ${m.name},`,
        '',
        `${m.firm} invites you to LexFlow, its case-management system, as ${role}.`,
        '',
        `Set your password with this link (valid for ${STAFF_INVITATION_HOURS} hours, usable once):`,
        m.link,
        '',
        'If you did not expect this mail, ignore it.',
      ].join('\n'),
    };
  return {
    subject: `${m.firm}邀请您加入律程（LexFlow）`,
    textBody: [
      `${m.name}，您好：`,
      '',
      `${m.firm}邀请您以「${role}」身份使用律程案件管理系统。`,
      '',
      `请通过以下链接设置密码（${STAFF_INVITATION_HOURS} 小时内有效，仅可使用一次）：`,
      m.link,
      '',
      '如非本人操作，请忽略本邮件。',
    ].join('\n'),
  };
}

/**
 * Invites a colleague: the link's token is 32 random bytes (only its sha256 kept), valid 72 h; the
 * mail is queued in the outbox in the same transaction. An address that already has an account is
 * refused (409); a fresh invitation replaces pending ones to the same address.
 */
export async function inviteColleague(
  db: Db,
  actor: Actor,
  input: StaffInvitationInput,
  config: { publicUrl: string },
  idem?: IdempotentRequest,
): Promise<StaffInvitation> {
  if (idem?.resumedEntityId) {
    const resumed = await findStaffInvitation(db, idem.resumedEntityId);
    if (resumed) return invitationView(resumed);
  }
  const email = input.email.trim();
  if (await findUserByEmail(db, email))
    throw new AppError('conflict', 'an account with this e-mail address exists', {
      errors: [{ path: 'body.email', message: 'already has an account' }],
    });
  const token = randomBytes(32).toString('base64url');
  const firm = await firmName(db);
  const locale = input.locale ?? (await firmLocale(db));
  return db.transaction(async (trx) => {
    await revokePendingStaffInvitationsTo(trx, email);
    const invitation = await insertStaffInvitation(trx, {
      tokenHash: hashToken(token),
      email,
      name: input.name.trim(),
      role: input.role,
      locale,
      invitedBy: actor.id,
      expiresAt: new Date(Date.now() + STAFF_INVITATION_HOURS * 3600_000),
    });
    const mail = staffInvitationMail({
      firm,
      name: invitation.name,
      role: input.role,
      link: `${config.publicUrl}/invite/${token}`,
      locale,
    });
    await enqueueMailOnce(trx, { key: `staff-invitation:${invitation.id}`, toUserId: null, toAddress: email, ...mail });
    await idem?.bind(trx, invitation.id);
    return invitationView(invitation);
  });
}

/** Withdraws a pending invitation (again: nothing changes); a used one is 409. */
export async function withdrawInvitation(db: Db, id: string): Promise<StaffInvitation> {
  const i = await findStaffInvitation(db, id);
  if (!i) throw new AppError('not-found', 'no such invitation');
  if (i.usedAt) throw new AppError('conflict', 'this invitation was accepted: deactivate the account instead');
  await revokeStaffInvitation(db, id);
  return invitationView((await findStaffInvitation(db, id))!);
}

async function usableInvitation(db: Db, token: string) {
  const i = await findStaffInvitationByTokenHash(db, hashToken(token));
  if (!i) throw new AppError('not-found', 'This invitation link is not known: check that the whole link was opened');
  if (i.usedAt) throw new AppError('invitation-used', 'This invitation link was already used: sign in with your e-mail and password');
  if (i.revokedAt || i.expired)
    throw new AppError('invitation-expired', 'This invitation link has expired or was withdrawn: ask for a new one');
  return i;
}

export async function staffInvitationByToken(db: Db, token: string): Promise<PublicStaffInvitation> {
  const i = await usableInvitation(db, token);
  return {
    name: i.name,
    email: i.email,
    role: i.role as PublicStaffInvitation['role'],
    locale: i.locale,
    firmName: await firmName(db),
    expiresAt: i.expiresAt.toISOString(),
  };
}

const isUniqueViolation = (e: unknown) => (e as { code?: unknown } | null)?.code === '23505';

/**
 * Accepts a staff invitation: the password must pass the policy; the invitation is spent atomically
 * (of two accepts one wins, the other meets 410) with the account created in the same transaction;
 * then the new colleague is signed in as a password sign-in would be (or asked to enrol TOTP).
 */
export async function acceptStaffInvitation(
  db: Db,
  token: string,
  password: string,
  meta: { ip?: string; userAgent?: string; previousSessionHash?: string },
  policy: Pick<LoginPolicy, 'sessionTtlHours' | 'twoFactor'>,
): Promise<SignInOutcome & { invitationId: string }> {
  const i = await usableInvitation(db, token);
  assertPasswordAccepted(password, i.email);
  const passwordHash = await hashPassword(password);
  let userId: string;
  try {
    userId = await db.transaction(async (trx) => {
      const claimed = await claimStaffInvitation(trx, hashToken(token));
      if (!claimed) {
        await usableInvitation(trx, token);
        throw new AppError('invitation-expired');
      }
      const user = await insertUser(trx, { email: i.email, name: i.name, role: i.role, passwordHash, locale: i.locale });
      await setStaffInvitationUser(trx, i.id, user.id);
      return user.id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('conflict', 'an account with this e-mail address exists: sign in');
    throw e;
  }
  return { ...(await afterPassword(db, userId, meta, policy)), invitationId: i.id };
}

// Roles and deactivation ////////////////////////////////////////////////////////////////////////

/** Refuses (409 last-admin) a change that would leave no active administrator; call it under the users' lock. */
async function assertAdminRemains(db: Db, leaving: { role: Role; active: boolean }): Promise<void> {
  if (!leaving.active || !isAccountAdminRole(leaving.role)) return;
  if ((await countActiveInRoles(db, ACCOUNT_ADMIN_ROLES)) <= 1)
    throw new AppError('last-admin', 'this is the last active administrator: make someone else administrator first');
}

export async function changeRole(db: Db, userId: string, role: Role): Promise<{ person: Person; from: Role }> {
  const account = await staffAccount(db, userId);
  await db.transaction(async (trx) => {
    await lockUser(trx, userId);
    if (!isAccountAdminRole(role)) await assertAdminRemains(trx, account);
    await setUserRole(trx, userId, role);
  });
  return { person: await personOf(db, userId), from: account.role };
}

function openWorkView(w: OpenWorkRow): OpenWork {
  return { tasks: w.tasks.map((t) => ({ ...t, dueAt: t.dueAt?.toISOString() ?? null })), cases: w.cases };
}

export async function openWork(db: Db, userId: string): Promise<OpenWork> {
  await staffAccount(db, userId);
  return openWorkView(await openWorkOf(db, userId));
}

/**
 * Deactivates a colleague: their sessions end in the same transaction (their next request is 401),
 * and — when `reassignTo` names an active colleague — their open tasks and the open cases they lead
 * go to that colleague (who must be able to lead cases if there are any). The answer lists what is
 * still theirs. The last active administrator cannot be deactivated, nor can one deactivate oneself.
 */
export async function deactivate(db: Db, actor: Actor, userId: string, reassignTo: string | null) {
  const account = await staffAccount(db, userId);
  if (userId === actor.id) throw new AppError('conflict', 'you cannot deactivate your own account');
  if (reassignTo) {
    const to = await findAccount(db, reassignTo);
    const work = await openWorkOf(db, userId);
    const invalid = (message: string) =>
      new AppError('validation-error', 'Invalid body', { errors: [{ path: 'body.reassignTo', message }] });
    if (!to || !to.active || to.id === userId || !(STAFF_ROLES as readonly Role[]).includes(to.role))
      throw invalid('not an active colleague');
    if (work.cases.length && !mayLeadCases(to.role)) throw invalid('cannot lead cases (lawyers and partners only)');
  }
  const reassigned = await db.transaction(async (trx) => {
    await lockUser(trx, userId);
    await assertAdminRemains(trx, account);
    await setUserActive(trx, userId, false);
    await deleteUserSessions(trx, userId);
    if (!reassignTo) return null;
    const r = await reassignOpenWork(trx, userId, reassignTo);
    for (const caseId of r.cases) await reindexCase(trx, caseId);
    return { tasks: r.tasks, cases: r.cases.length };
  });
  return { person: await personOf(db, userId), reassigned, openWork: openWorkView(await openWorkOf(db, userId)) };
}

export async function reactivate(db: Db, userId: string): Promise<Person> {
  await staffAccount(db, userId);
  await setUserActive(db, userId, true);
  return personOf(db, userId);
}

// Password resets ///////////////////////////////////////////////////////////////////////////////

function resetMail(m: { firm: string; name: string; link: string; locale: Locale; byAdmin: boolean }) {
  if (m.locale === 'en')
    return {
      subject: `${m.firm}: reset your LexFlow password`,
      textBody: [
        `Dear ${m.name},`,
        '',
        m.byAdmin ? 'An administrator sent you a link to set a new password.' : 'Someone (hopefully you) asked to reset your password.',
        `Set a new one with this link (valid for ${RESET_LINK_MINUTES} minutes, usable once; your other sessions end):`,
        m.link,
        '',
        'If you did not ask for this, ignore this mail: your password stays as it is.',
      ].join('\n'),
    };
  return {
    subject: `${m.firm}：重置律程密码`,
    textBody: [
      `${m.name}，您好：`,
      '',
      m.byAdmin ? '管理员为您发送了设置新密码的链接。' : '有人（希望是您本人）申请重置您的密码。',
      `请通过以下链接设置新密码（${RESET_LINK_MINUTES} 分钟内有效，仅可使用一次；其他已登录的设备将退出）：`,
      m.link,
      '',
      '如非本人操作，请忽略本邮件，您的密码不会改变。',
    ].join('\n'),
  };
}

async function queueResetLink(
  db: Db,
  account: { id: string; email: string; name: string; locale: Locale },
  by: string | null,
  publicUrl: string,
) {
  const token = randomBytes(32).toString('base64url');
  const firm = await firmName(db);
  await db.transaction(async (trx) => {
    const r = await insertPasswordReset(trx, {
      tokenHash: hashToken(token),
      userId: account.id,
      requestedBy: by,
      expiresAt: new Date(Date.now() + RESET_LINK_MINUTES * 60_000),
    });
    const mail = resetMail({
      firm,
      name: account.name,
      link: `${publicUrl}/reset-password/${token}`,
      locale: account.locale,
      byAdmin: by !== null,
    });
    await enqueueMailOnce(trx, { key: `password-reset:${r.id}`, toUserId: account.id, toAddress: account.email, ...mail });
  });
}

/** An admin sends a colleague a reset link (an inactive account: 409). */
export async function sendResetLink(db: Db, actor: Actor, userId: string, publicUrl: string): Promise<void> {
  const account = await staffAccount(db, userId);
  if (!account.active) throw new AppError('conflict', 'this account is deactivated: reactivate it first');
  await queueResetLink(db, account, actor.id, publicUrl);
}

/** "Forgot password": a link to an active staff account with this address; the answer is the same either way. */
export async function forgotPassword(db: Db, email: string, publicUrl: string): Promise<void> {
  const user = await findUserByEmail(db, email.trim());
  if (!user || !user.active || !(STAFF_ROLES as readonly Role[]).includes(user.role)) return;
  await queueResetLink(db, user, null, publicUrl);
}

async function usableReset(db: Db, token: string) {
  const r = await findPasswordReset(db, hashToken(token));
  if (!r) throw new AppError('not-found', 'This link is not known: check that the whole link was opened');
  if (r.usedAt) throw new AppError('reset-link-used', 'This link was already used (or replaced by a newer one): ask for a new one');
  if (r.expired) throw new AppError('reset-link-expired', 'This link has expired: ask for a new one');
  return r;
}

export async function resetByToken(db: Db, token: string): Promise<{ email: string; name: string; expiresAt: string }> {
  const r = await usableReset(db, token);
  const account = (await findAccount(db, r.userId))!;
  return { email: account.email, name: account.name, expiresAt: r.expiresAt.toISOString() };
}

/** Spends a reset link: the new password (policy-checked) is set and every session of the user ends. */
export async function spendResetLink(db: Db, token: string, password: string): Promise<{ userId: string }> {
  const r = await usableReset(db, token);
  const account = (await findAccount(db, r.userId))!;
  if (!account.active) throw new AppError('reset-link-expired', 'This account is deactivated');
  assertPasswordAccepted(password, account.email);
  const hash = await hashPassword(password);
  await db.transaction(async (trx) => {
    const claimed = await claimPasswordReset(trx, hashToken(token));
    if (!claimed) {
      await usableReset(trx, token);
      throw new AppError('reset-link-used');
    }
    await setPasswordHash(trx, r.userId, hash);
    await deleteUserSessions(trx, r.userId);
  });
  return { userId: r.userId };
}

// One's own security /////////////////////////////////////////////////////////////////////////////

export async function mySecurity(db: Db, me: SessionUser): Promise<Security> {
  const account = (await findAccount(db, me.id))!;
  return {
    totpEnabled: Boolean(account.totpSecret),
    recoveryCodesLeft: account.totpSecret ? await unusedRecoveryCodes(db, me.id) : 0,
    twoFactorRequired: twoFactorRequiredFor(account.role, await firmRequiresTwoFactor(db)),
  };
}

/**
 * Changes one's password (the current one is checked, the new one passes the policy). The database
 * ends every session of a user whose password changes (migration 0008); this browser gets a fresh one.
 */
export async function changeMyPassword(
  db: Db,
  me: SessionUser,
  current: string,
  next: string,
  meta: { ip?: string; userAgent?: string },
  sessionTtlHours: number,
): Promise<string> {
  const account = (await findAccount(db, me.id))!;
  if (!(await verifyPassword(account.passwordHash, current)))
    throw new AppError('validation-error', 'Invalid body', {
      errors: [{ path: 'body.currentPassword', message: 'not your current password' }],
    });
  assertPasswordAccepted(next, account.email, 'newPassword');
  await setPasswordHash(db, me.id, await hashPassword(next));
  return openSession(db, me.id, meta, sessionTtlHours);
}

/** Starts (or restarts) an enrolment: a new secret, kept pending until a first code confirms it. */
export async function startEnrolment(db: Db, me: SessionUser, twoFactor: TwoFactor): Promise<TotpEnrolment> {
  const { secret, uri, sealed } = twoFactor.newSecret(me.email);
  await setPendingTotpSecret(db, me.id, sealed);
  return { secret, uri };
}

/** The first code confirms the pending secret, and is spent with it. */
export async function confirmEnrolment(db: Db, me: SessionUser, code: string, twoFactor: TwoFactor): Promise<{ recoveryCodes: string[] }> {
  const account = (await findAccount(db, me.id))!;
  if (!account.totpPendingSecret) throw new AppError('conflict', 'start the enrolment first');
  const step = twoFactor.stepOf(account.totpPendingSecret, account.email, code);
  if (step === null) throw new AppError('totp-invalid');
  const recoveryCodes = newRecoveryCodes();
  await db.transaction((trx) => enableTotp(trx, me.id, account.totpPendingSecret!, recoveryCodes.map(hashRecoveryCode), step));
  return { recoveryCodes };
}

/** Turns TOTP off (password checked); refused while the firm requires it of this user. */
export async function turnOffTotp(db: Db, me: SessionUser, password: string): Promise<void> {
  const account = (await findAccount(db, me.id))!;
  if (!(await verifyPassword(account.passwordHash, password)))
    throw new AppError('validation-error', 'Invalid body', { errors: [{ path: 'body.password', message: 'not your current password' }] });
  if (twoFactorRequiredFor(account.role, await firmRequiresTwoFactor(db)))
    throw new AppError('conflict', 'the firm requires two-factor sign-in of your role');
  await disableTotp(db, me.id);
}

export async function securitySettings(db: Db): Promise<{ twoFactorRequired: boolean }> {
  return { twoFactorRequired: await firmRequiresTwoFactor(db) };
}

export async function setSecuritySettings(db: Db, s: { twoFactorRequired: boolean }): Promise<{ twoFactorRequired: boolean }> {
  await putSetting(db, SECURITY_SETTING, { twoFactorRequired: s.twoFactorRequired });
  return s;
}
