import type { Db } from '../connection';
import type { Role } from '../../domain/roles';
import { addCaseMembers } from './cases';
import { containsPattern } from './like';

/**
 * Staff accounts administered in the app (migration 0016): the people list, staff invitations and
 * password-reset links (only the sha256 of their tokens is kept; each is spent by one atomic
 * update), deactivation and the reassignment of a leaver's work, TOTP secrets, recovery codes and
 * the pending second step of a sign-in.
 */

export type PersonStatus = 'active' | 'invited' | 'deactivated';

export interface PersonRow {
  /** The user's id, or the invitation's for someone invited who has not accepted yet. */
  id: string;
  kind: 'user' | 'invitation';
  email: string;
  name: string;
  role: Role;
  status: PersonStatus;
  locale: 'zh-CN' | 'en';
  lastLoginAt: Date | null;
  totpEnabled: boolean;
  invitationExpiresAt: Date | null;
  createdAt: Date;
}

export interface PeopleQuery {
  role?: Role;
  status?: PersonStatus;
  q?: string;
  limit: number;
  offset: number;
}

/**
 * The firm's people: staff users (active or deactivated) and pending invitations (invited), by
 * name; filtered by role, status and a text search on name and e-mail.
 */
export async function listPeople(db: Db, staffRoles: readonly Role[], q: PeopleQuery): Promise<{ items: PersonRow[]; total: number }> {
  const users = db('users')
    .whereIn('role', staffRoles as Role[])
    .select(
      'id',
      db.raw("'user' as kind"),
      'email',
      'name',
      'role',
      db.raw("case when active then 'active' else 'deactivated' end as status"),
      'locale',
      'last_login_at',
      db.raw('totp_enabled_at is not null as totp_enabled'),
      db.raw('null::timestamptz as invitation_expires_at'),
      'created_at',
    );
  const invited = db('staff_invitations as i')
    .whereNull('i.used_at')
    .whereNull('i.revoked_at')
    .where('i.expires_at', '>', db.fn.now())
    .whereNotExists(db('users as u').whereRaw('lower(u.email) = lower(i.email)'))
    .select(
      'i.id',
      db.raw("'invitation' as kind"),
      'i.email',
      'i.name',
      'i.role',
      db.raw("'invited' as status"),
      'i.locale',
      db.raw('null::timestamptz as last_login_at'),
      db.raw('false as totp_enabled'),
      'i.expires_at as invitation_expires_at',
      'i.created_at',
    );
  const all = db.queryBuilder().from(users.unionAll(invited, true).as('p'));
  const filtered = all
    .modify((b) => q.role && b.where('p.role', q.role))
    .modify((b) => q.status && b.where('p.status', q.status))
    .modify((b) => {
      if (!q.q?.trim()) return;
      const like = containsPattern(q.q.trim());
      b.where((w) => w.whereILike('p.name', like).orWhereILike('p.email', like));
    });
  const [{ count }] = await filtered.clone().clearSelect().count<{ count: string }[]>('* as count');
  const rows: Array<Record<string, any>> = await filtered
    .orderBy([{ column: 'p.name' }, { column: 'p.id' }])
    .limit(q.limit)
    .offset(q.offset)
    .select('p.*');
  return {
    total: Number(count),
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      email: r.email,
      name: r.name,
      role: r.role,
      status: r.status,
      locale: r.locale,
      lastLoginAt: r.last_login_at,
      totpEnabled: Boolean(r.totp_enabled),
      invitationExpiresAt: r.invitation_expires_at,
      createdAt: r.created_at,
    })),
  };
}

// Invitations /////////////////////////////////////////////////////////////////////////////////

export interface StaffInvitationRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: 'zh-CN' | 'en';
  invitedBy: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  userId: string | null;
  createdAt: Date;
}

const INVITATION_COLUMNS = [
  'id',
  'email',
  'name',
  'role',
  'locale',
  'invited_by',
  'expires_at',
  'used_at',
  'revoked_at',
  'user_id',
  'created_at',
];

function toInvitation(r: Record<string, any>): StaffInvitationRow {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    locale: r.locale,
    invitedBy: r.invited_by,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
    revokedAt: r.revoked_at,
    userId: r.user_id,
    createdAt: r.created_at,
  };
}

export async function insertStaffInvitation(
  db: Db,
  i: { tokenHash: string; email: string; name: string; role: Role; locale: string; invitedBy: string; expiresAt: Date },
): Promise<StaffInvitationRow> {
  const [row] = await db('staff_invitations')
    .insert({
      token_hash: i.tokenHash,
      email: i.email,
      name: i.name,
      role: i.role,
      locale: i.locale,
      invited_by: i.invitedBy,
      expires_at: i.expiresAt,
    })
    .returning(INVITATION_COLUMNS);
  return toInvitation(row);
}

export async function findStaffInvitation(db: Db, id: string): Promise<StaffInvitationRow | undefined> {
  const row = await db('staff_invitations').where({ id }).first(INVITATION_COLUMNS);
  return row ? toInvitation(row) : undefined;
}

export async function findStaffInvitationByTokenHash(
  db: Db,
  tokenHash: string,
): Promise<(StaffInvitationRow & { expired: boolean }) | undefined> {
  const row = await db('staff_invitations')
    .where({ token_hash: tokenHash })
    .first([...INVITATION_COLUMNS, db.raw('expires_at <= now() as expired')]);
  return row ? { ...toInvitation(row), expired: Boolean(row.expired) } : undefined;
}

/** Spends the invitation if still usable (by the database's clock), in one statement: of two accepts one wins. */
export async function claimStaffInvitation(db: Db, tokenHash: string): Promise<StaffInvitationRow | undefined> {
  const [row] = await db('staff_invitations')
    .where({ token_hash: tokenHash })
    .whereNull('used_at')
    .whereNull('revoked_at')
    .where('expires_at', '>', db.fn.now())
    .update({ used_at: db.fn.now() })
    .returning(INVITATION_COLUMNS);
  return row ? toInvitation(row) : undefined;
}

export async function setStaffInvitationUser(db: Db, id: string, userId: string): Promise<void> {
  await db('staff_invitations').where({ id }).update({ user_id: userId });
}

/** Withdraws a pending invitation; true when it was pending. */
export async function revokeStaffInvitation(db: Db, id: string): Promise<boolean> {
  const n = await db('staff_invitations').where({ id }).whereNull('used_at').whereNull('revoked_at').update({ revoked_at: db.fn.now() });
  return n > 0;
}

/** Withdraws every pending invitation to this address (a fresh one replaces them). */
export async function revokePendingStaffInvitationsTo(db: Db, email: string): Promise<number> {
  return db('staff_invitations')
    .whereRaw('lower(email) = lower(?)', [email])
    .whereNull('used_at')
    .whereNull('revoked_at')
    .update({ revoked_at: db.fn.now() });
}

// Password resets /////////////////////////////////////////////////////////////////////////////

export async function insertPasswordReset(
  db: Db,
  r: { tokenHash: string; userId: string; requestedBy: string | null; expiresAt: Date },
): Promise<{ id: string }> {
  // A fresh link replaces the ones still unused.
  await db('password_resets').where({ user_id: r.userId }).whereNull('used_at').update({ used_at: db.fn.now() });
  const [row] = await db('password_resets')
    .insert({ token_hash: r.tokenHash, user_id: r.userId, requested_by: r.requestedBy, expires_at: r.expiresAt })
    .returning('id');
  return { id: row.id };
}

export async function findPasswordReset(
  db: Db,
  tokenHash: string,
): Promise<{ id: string; userId: string; usedAt: Date | null; expiresAt: Date; expired: boolean } | undefined> {
  const row = await db('password_resets')
    .where({ token_hash: tokenHash })
    .first('id', 'user_id', 'used_at', 'expires_at', db.raw('expires_at <= now() as expired'));
  return row
    ? { id: row.id, userId: row.user_id, usedAt: row.used_at, expiresAt: row.expires_at, expired: Boolean(row.expired) }
    : undefined;
}

/** Spends a reset link if still usable, in one statement. */
export async function claimPasswordReset(db: Db, tokenHash: string): Promise<{ id: string; userId: string } | undefined> {
  const [row] = await db('password_resets')
    .where({ token_hash: tokenHash })
    .whereNull('used_at')
    .where('expires_at', '>', db.fn.now())
    .update({ used_at: db.fn.now() })
    .returning(['id', 'user_id']);
  return row ? { id: row.id, userId: row.user_id } : undefined;
}

// Accounts ////////////////////////////////////////////////////////////////////////////////////

export interface AccountRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: 'zh-CN' | 'en';
  active: boolean;
  passwordHash: string;
  totpSecret: string | null;
  totpPendingSecret: string | null;
}

export async function findAccount(db: Db, id: string): Promise<AccountRow | undefined> {
  const r = await db('users')
    .where({ id })
    .first('id', 'email', 'name', 'role', 'locale', 'active', 'password_hash', 'totp_secret', 'totp_pending_secret');
  return r
    ? {
        id: r.id,
        email: r.email,
        name: r.name,
        role: r.role,
        locale: r.locale,
        active: r.active,
        passwordHash: r.password_hash,
        totpSecret: r.totp_secret,
        totpPendingSecret: r.totp_pending_secret,
      }
    : undefined;
}

/** Locks the user row for the rest of the transaction (role and activity changes serialise on it). */
export async function lockUser(db: Db, id: string): Promise<void> {
  await db('users').where({ id }).forUpdate().first('id');
}

/** Active users holding one of `roles`, counted under a lock on them (the last admin cannot be removed by two requests at once). */
export async function countActiveInRoles(db: Db, roles: readonly Role[]): Promise<number> {
  const rows = await db('users')
    .whereIn('role', roles as Role[])
    .where({ active: true })
    .forUpdate()
    .select('id');
  return rows.length;
}

export async function setUserRole(db: Db, id: string, role: Role): Promise<void> {
  await db('users').where({ id }).update({ role, updated_at: db.fn.now() });
}

export async function setUserActive(db: Db, id: string, active: boolean): Promise<void> {
  await db('users')
    .where({ id })
    .update({ active, deactivated_at: active ? null : db.fn.now(), updated_at: db.fn.now() });
}

export async function setPasswordHash(db: Db, id: string, passwordHash: string): Promise<void> {
  await db('users').where({ id }).update({ password_hash: passwordHash, updated_at: db.fn.now() });
}

// Work to hand over ///////////////////////////////////////////////////////////////////////////

export interface OpenWork {
  tasks: Array<{ id: string; title: string; caseId: string; caseNumber: string; caseTitle: string; dueAt: Date | null }>;
  cases: Array<{ id: string; number: string; title: string }>;
}

/** A user's open tasks and the cases they lead that are not closed. */
export async function openWorkOf(db: Db, userId: string): Promise<OpenWork> {
  const tasks = await db('tasks as t')
    .join('cases as c', 'c.id', 't.case_id')
    .where({ 't.assignee_id': userId, 't.status': 'open' })
    .orderByRaw('t.due_at asc nulls last, t.id')
    .select('t.id', 't.title', 't.case_id', 'c.number', 'c.title as case_title', 't.due_at');
  const cases = await db('cases')
    .where({ lead_lawyer_id: userId })
    .whereNot('status', 'closed')
    .orderBy('number')
    .select('id', 'number', 'title');
  return {
    tasks: tasks.map((t) => ({
      id: t.id,
      title: t.title,
      caseId: t.case_id,
      caseNumber: t.number,
      caseTitle: t.case_title,
      dueAt: t.due_at,
    })),
    cases: cases.map((c) => ({ id: c.id, number: c.number, title: c.title })),
  };
}

/**
 * Hands a leaver's open tasks and the open cases they lead to a colleague: the colleague joins the
 * team of each case concerned (as lead where the leaver led, else as lawyer); answers the ids of the
 * cases touched (to re-index).
 */
export async function reassignOpenWork(db: Db, fromUserId: string, toUserId: string): Promise<{ tasks: number; cases: string[] }> {
  const led: string[] = await db('cases').where({ lead_lawyer_id: fromUserId }).whereNot('status', 'closed').pluck('id');
  for (const caseId of led) {
    await db('case_members').where({ case_id: caseId, role: 'lead' }).delete();
    await db('case_members').where({ case_id: caseId, user_id: toUserId }).delete();
    await addCaseMembers(db, caseId, [{ userId: toUserId, role: 'lead' }]);
    await db('cases').where({ id: caseId }).update({ lead_lawyer_id: toUserId, updated_at: db.fn.now() });
  }
  const taskCases: string[] = await db('tasks').where({ assignee_id: fromUserId, status: 'open' }).distinct().pluck('case_id');
  for (const caseId of taskCases) {
    const onTeam = await db('case_members').where({ case_id: caseId, user_id: toUserId }).first('user_id');
    if (!onTeam) await addCaseMembers(db, caseId, [{ userId: toUserId, role: 'lawyer' }]);
  }
  const tasks = await db('tasks')
    .where({ assignee_id: fromUserId, status: 'open' })
    .update({ assignee_id: toUserId, updated_at: db.fn.now() });
  return { tasks, cases: [...new Set([...led, ...taskCases])] };
}

// Two-factor //////////////////////////////////////////////////////////////////////////////////

export async function setPendingTotpSecret(db: Db, userId: string, secret: string | null): Promise<void> {
  await db('users').where({ id: userId }).update({ totp_pending_secret: secret, updated_at: db.fn.now() });
}

/**
 * Confirms the pending secret and replaces the recovery codes (sha256), in the caller's transaction;
 * `lastStep` is the step of the confirming code, which is spent with it.
 */
export async function enableTotp(db: Db, userId: string, secret: string, recoveryCodeHashes: string[], lastStep: number): Promise<void> {
  await db('users').where({ id: userId }).update({
    totp_secret: secret,
    totp_pending_secret: null,
    totp_enabled_at: db.fn.now(),
    totp_last_step: lastStep,
    updated_at: db.fn.now(),
  });
  await db('totp_recovery_codes').where({ user_id: userId }).delete();
  await db('totp_recovery_codes').insert(recoveryCodeHashes.map((h) => ({ user_id: userId, code_hash: h })));
}

export async function disableTotp(db: Db, userId: string): Promise<void> {
  await db('users')
    .where({ id: userId })
    .update({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: db.fn.now() });
  await db('totp_recovery_codes').where({ user_id: userId }).delete();
}

/**
 * Claims a TOTP time step for the user: true when it is later than the last one claimed (the code is
 * spent), false for a code already used or older than one used — one statement, so two sign-ins
 * racing with the same code cannot both win.
 */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const n = await db('users')
    .where({ id: userId })
    .andWhere((q) => q.whereNull('totp_last_step').orWhere('totp_last_step', '<', step))
    .update({ totp_last_step: step });
  return n === 1;
}

/** Spends one unused recovery code; true when it was one. */
export async function spendRecoveryCode(db: Db, userId: string, codeHash: string): Promise<boolean> {
  const n = await db('totp_recovery_codes')
    .where({ user_id: userId, code_hash: codeHash })
    .whereNull('used_at')
    .update({ used_at: db.fn.now() });
  return n > 0;
}

export async function unusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const row = await db('totp_recovery_codes')
    .where({ user_id: userId })
    .whereNull('used_at')
    .count<{ count: string }[]>('* as count')
    .first();
  return Number(row?.count ?? 0);
}

export async function insertSignInChallenge(
  db: Db,
  c: { tokenHash: string; userId: string; purpose: 'totp' | 'enrol'; expiresAt: Date },
): Promise<void> {
  await db('sign_in_challenges').where('expires_at', '<', db.fn.now()).delete();
  await db('sign_in_challenges').insert({ token_hash: c.tokenHash, user_id: c.userId, purpose: c.purpose, expires_at: c.expiresAt });
}

export async function findSignInChallenge(
  db: Db,
  tokenHash: string,
): Promise<{ userId: string; purpose: 'totp' | 'enrol'; failures: number } | undefined> {
  const row = await db('sign_in_challenges')
    .where({ token_hash: tokenHash })
    .where('expires_at', '>', db.fn.now())
    .first('user_id', 'purpose', 'failures');
  return row ? { userId: row.user_id, purpose: row.purpose, failures: row.failures } : undefined;
}

export async function countChallengeFailure(db: Db, tokenHash: string): Promise<number> {
  const [row] = await db('sign_in_challenges').where({ token_hash: tokenHash }).increment('failures', 1).returning('failures');
  return row?.failures ?? 0;
}

/** Spends the challenge (one statement: a second step succeeds once). */
export async function deleteSignInChallenge(db: Db, tokenHash: string): Promise<boolean> {
  return (await db('sign_in_challenges').where({ token_hash: tokenHash }).delete()) > 0;
}
