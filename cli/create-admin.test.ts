import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { verifyPassword } from '../api/identity';
import { projectRoot } from './runtime/paths';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';

const tsx = path.join(projectRoot(), 'node_modules', '.bin', 'tsx');
const cli = path.join(projectRoot(), 'cli', 'lexflow.ts');

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.drop());

const createAdmin = (args: string[], password?: string) =>
  spawnSync(tsx, [cli, 'create-admin', ...args], {
    env: { ...process.env, DATABASE_URL: tdb.url, LEXFLOW_ADMIN_PASSWORD: password ?? '', CI: 'true' },
    encoding: 'utf8',
    input: '',
    timeout: 30_000,
  });

describe('lexflow create-admin', () => {
  it('adds an administrator who can sign in, once, and records it in the audit log', async () => {
    const r = createAdmin(['first.admin@firm.cn', '首任', '管理员'], 'a long enough secret');
    expect(r.stdout).toContain('created administrator first.admin@firm.cn');
    expect(r.status).toBe(0);
    const user = await tdb.db('users').where({ email: 'first.admin@firm.cn' }).first();
    expect(user).toMatchObject({ role: 'admin', name: '首任 管理员' });
    expect(await verifyPassword(user.password_hash, 'a long enough secret')).toBe(true);
    expect(await tdb.db('audit_log').where({ entity: 'user', entity_id: user.id }).first()).toMatchObject({
      action: 'lexflow create-admin',
    });

    const again = createAdmin(['FIRST.admin@firm.cn', 'Someone'], 'a long enough secret');
    expect(again.status).toBe(1);
    expect(again.stderr.trim()).toBe('lexflow: a user FIRST.admin@firm.cn already exists');
  });

  it('refuses a password the policy refuses, a missing name and a missing password without a terminal', () => {
    expect(createAdmin(['x@firm.cn', 'X'], 'short').stderr.trim()).toBe(
      'lexflow: the password does not meet the rule: at least 10 characters',
    );
    expect(createAdmin(['x@firm.cn', 'X'], 'woaini1314').stderr.trim()).toBe(
      'lexflow: the password does not meet the rule: this password is one of the most common ones: choose another',
    );
    expect(createAdmin(['wangjianguo@firm.cn', 'X'], 'WangJianGuo-2026').stderr.trim()).toBe(
      'lexflow: the password does not meet the rule: must not contain the part of your e-mail address before the @',
    );
    expect(createAdmin(['x@firm.cn'], 'a long enough secret').stderr).toContain('usage: lexflow create-admin <email> <name>');
    expect(createAdmin(['x@firm.cn', 'X']).stderr.trim()).toBe('lexflow: set LEXFLOW_ADMIN_PASSWORD (no terminal to ask for the password)');
  });
});
