import type { Db } from '../connection';
import type { Role } from '../../domain/roles';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: 'zh-CN' | 'en';
  active: boolean;
  lastLoginAt: Date | null;
  previousLoginAt: Date | null;
  createdAt: Date;
}

export interface UserWithHash extends User {
  passwordHash: string;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: 'zh-CN' | 'en';
  active: boolean;
  last_login_at: Date | null;
  previous_login_at: Date | null;
  created_at: Date;
  password_hash: string;
}

function toUser(r: UserRow): User {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    locale: r.locale,
    active: r.active,
    lastLoginAt: r.last_login_at,
    previousLoginAt: r.previous_login_at,
    createdAt: r.created_at,
  };
}

export async function findUserByEmail(db: Db, email: string): Promise<UserWithHash | undefined> {
  const row = await db<UserRow>('users').whereRaw('lower(email) = lower(?)', [email]).first();
  return row ? { ...toUser(row), passwordHash: row.password_hash } : undefined;
}

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  const row = await db<UserRow>('users').where({ id }).first();
  return row ? toUser(row) : undefined;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  locale?: 'zh-CN' | 'en';
}

export async function insertUser(db: Db, u: NewUser): Promise<User> {
  const [row] = await db<UserRow>('users')
    .insert({
      email: u.email,
      name: u.name,
      role: u.role,
      password_hash: u.passwordHash,
      locale: u.locale ?? 'zh-CN',
    })
    .returning('*');
  return toUser(row);
}

export async function touchLastLogin(db: Db, id: string): Promise<void> {
  await db('users')
    .where({ id })
    .update({ previous_login_at: db.ref('last_login_at'), last_login_at: db.fn.now() });
}

export async function updateUserLocale(db: Db, id: string, locale: 'zh-CN' | 'en'): Promise<void> {
  await db('users').where({ id }).update({ locale, updated_at: db.fn.now() });
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db('users').count<{ count: string }[]>('* as count').first();
  return Number(row?.count ?? 0);
}

/** Active staff (not portal users) for pickers: id, name, role. */
export async function listStaff(db: Db, role?: string): Promise<Array<{ id: string; name: string; role: Role }>> {
  return db('users')
    .where({ active: true })
    .whereNot('role', 'client')
    .modify((b) => role && b.where('role', role))
    .orderBy('name')
    .select('id', 'name', 'role');
}
