import { createInterface } from 'node:readline/promises';
import type { Config } from '../config';
import { commonPasswords, explainPasswordProblem, hashPassword } from '../../api/identity';
import { passwordProblem, PASSWORD_MIN_LENGTH } from '../../domain/passwords/policy';
import { insertAudit } from '../../db/repositories/audit-log';
import { findUserByEmail, insertUser } from '../../db/repositories/users';
import { migrateLatest } from '../../db/connection';
import { StartupError } from '../runtime/errors';
import { say } from './shared';
import { withDb } from './migrate';

async function readPassword(): Promise<string> {
  const fromEnv = process.env.LEXFLOW_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new StartupError('set LEXFLOW_ADMIN_PASSWORD (no terminal to ask for the password)');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(`password for the new administrator (at least ${PASSWORD_MIN_LENGTH} characters): `)).trim();
  } finally {
    rl.close();
  }
}

/** `lexflow create-admin <email> <name>`: the first administrator of a production install. */
export async function createAdminCommand(config: Config, stops: Array<() => Promise<void>>, args: string[]): Promise<void> {
  const [email, ...nameParts] = args;
  const name = nameParts.join(' ').trim();
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || !name) {
    throw new StartupError('usage: lexflow create-admin <email> <name>   (password from LEXFLOW_ADMIN_PASSWORD or asked)');
  }
  const password = await readPassword();
  const problem = passwordProblem(password, email, commonPasswords());
  if (problem) throw new StartupError(`the password does not meet the rule: ${explainPasswordProblem(problem)}`);
  await withDb(config, stops, async (db) => {
    await migrateLatest(db);
    if (await findUserByEmail(db, email)) throw new StartupError(`a user ${email} already exists`);
    const user = await insertUser(db, { email, name, role: 'admin', passwordHash: await hashPassword(password) });
    await insertAudit(db, { actorId: null, action: 'lexflow create-admin', entity: 'user', entityId: user.id, status: 201 });
    say(`created administrator ${email}`);
  });
}
